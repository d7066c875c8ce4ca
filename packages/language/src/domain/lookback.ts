import { parseNumeral } from './numerals.js';

/**
 * The look-back window of a first violation (首次违法 / 初次违法): how far back an earlier violation of the
 * same kind stops the act from counting as the first. 《行政处罚法》第三十三条 writes 初次违法 without a
 * window: every earlier violation counts, the strictest reading. A list may shorten the window (两年内首次):
 * more acts then count as first, so the exemption reaches further.
 */
export type LookbackWindow =
    | { readonly kind: 'none' }
    | { readonly kind: 'months'; readonly months: number }
    /** 年度内: since 1 January of the year of the act, so at most twelve months and usually fewer. */
    | { readonly kind: 'calendarYear' };

/** How a lower window relates to an upper one for the same first-violation condition. */
export type WindowComparison = 'same' | 'stricter' | 'looser' | 'incomparable';

const CALENDAR_YEAR = /年度内|本年度|同一年度|一个自然年度|自然年度内|当年度/;
const PERIOD = /(?:近|最近|过去)?\s*([0-9０-９零〇一二两三四五六七八九十百]+)\s*(年|个月|月)\s*(?:以内|之内|内)/;

/** The window a written condition states (两年内首次违法, 年度内首次, 回溯期 2年), or undefined when it states none. */
export function readLookbackText(text: string): LookbackWindow | undefined {
    if (CALENDAR_YEAR.test(text)) {
        return { kind: 'calendarYear' };
    }
    const match = PERIOD.exec(text);
    if (!match) {
        return undefined;
    }
    const amount = parseNumeral(match[1]!);
    if (!amount || !amount.isInteger() || amount.isNegative()) {
        return undefined;
    }
    return { kind: 'months', months: amount.toNumber() * (match[2] === '年' ? 12 : 1) };
}

/** A window of N years or months, as 回溯期 writes it. */
export function windowOf(amount: number, unit: string): LookbackWindow | undefined {
    if (unit === '年') return { kind: 'months', months: amount * 12 };
    if (unit === '个月' || unit === '月') return { kind: 'months', months: amount };
    return undefined;
}

/**
 * Compares windows: a longer window lets fewer acts count as first, so it is stricter; no window at all is
 * the strictest. 年度内 is looser than twelve months or more, and cannot be ordered against a shorter
 * period (in January it is shorter than one month, in December almost a year).
 */
export function compareWindows(lower: LookbackWindow, upper: LookbackWindow): WindowComparison {
    if (lower.kind === upper.kind && (lower.kind !== 'months' || lower.months === (upper as { months: number }).months)) {
        return 'same';
    }
    if (upper.kind === 'none') return 'looser';
    if (lower.kind === 'none') return 'stricter';
    if (lower.kind === 'months' && upper.kind === 'months') {
        return lower.months > upper.months ? 'stricter' : 'looser';
    }
    if (lower.kind === 'calendarYear' && upper.kind === 'months') {
        return upper.months >= 12 ? 'looser' : 'incomparable';
    }
    if (lower.kind === 'months' && upper.kind === 'calendarYear') {
        return lower.months >= 12 ? 'stricter' : 'incomparable';
    }
    return 'incomparable';
}

/** A window in legal Chinese: 不限期限, 两年内, 六个月内, 年度内. */
export function describeWindow(window: LookbackWindow): string {
    switch (window.kind) {
        case 'none': return '不限期限（法律原文「初次违法」）';
        case 'calendarYear': return '年度内';
        case 'months': return window.months % 12 === 0 ? `${window.months / 12}年内` : `${window.months}个月内`;
    }
}
