import { Decimal } from 'decimal.js';

const DIGITS: Record<string, number> = {
    '零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9
};
const SMALL_UNITS: Record<string, number> = { '十': 10, '百': 100, '千': 1000 };
const ARABIC = /^[0-9]+(\.[0-9]+)?$/;

/** Folds full-width digits and the full-width full stop to ASCII (１．５ → 1.5). */
export function toHalfWidthDigits(text: string): string {
    return text.replace(/[０-９．]/g, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Parses an Arabic or Chinese numeral to an exact decimal: 10, 1.5, 五千, 一百万, 二十, 十五, 两万五千,
 * 一点五, 二〇二一. Returns undefined when the text is not a numeral.
 */
export function parseNumeral(text: string): Decimal | undefined {
    // Memoized (a Decimal is immutable): amounts and tier names repeat throughout a workspace.
    let parsed = numerals.get(text);
    if (parsed === undefined) {
        parsed = readNumeral(text) ?? null;
        if (numerals.size >= 10_000) {
            numerals.clear();
        }
        numerals.set(text, parsed);
    }
    return parsed ?? undefined;
}

const numerals = new Map<string, Decimal | null>();

function readNumeral(text: string): Decimal | undefined {
    const trimmed = toHalfWidthDigits(text.trim());
    if (trimmed.length === 0) {
        return undefined;
    }
    if (ARABIC.test(trimmed)) {
        return new Decimal(trimmed);
    }
    const [integerPart, fractionPart, ...rest] = trimmed.split('点');
    if (rest.length > 0 || fractionPart === '') {
        return undefined;
    }
    const integer = parseChineseInteger(integerPart);
    if (integer === undefined) {
        return undefined;
    }
    if (fractionPart === undefined) {
        return integer;
    }
    let fraction = '';
    for (const ch of fractionPart) {
        const digit = DIGITS[ch];
        if (digit === undefined) {
            return undefined;
        }
        fraction += String(digit);
    }
    return integer.plus(new Decimal(`0.${fraction}`));
}

function parseChineseInteger(text: string): Decimal | undefined {
    if (text === '') {
        return new Decimal(0);
    }
    // A run of plain digits without units reads digit by digit: 二〇二一 = 2021.
    if (text.length > 1 && [...text].every(ch => DIGITS[ch] !== undefined)) {
        return new Decimal([...text].map(ch => DIGITS[ch]).join(''));
    }
    let total = new Decimal(0);   // completed 亿 / 万 sections
    let section = new Decimal(0); // the current section below 万
    let digit: number | undefined;
    for (const ch of text) {
        if (DIGITS[ch] !== undefined) {
            digit = DIGITS[ch];
        } else if (SMALL_UNITS[ch] !== undefined) {
            // 十五 = 15: a unit without a digit before it counts once.
            section = section.plus(new Decimal(digit ?? 1).times(SMALL_UNITS[ch]));
            digit = undefined;
        } else if (ch === '万') {
            total = total.plus(section.plus(digit ?? 0).times(10_000));
            section = new Decimal(0);
            digit = undefined;
        } else if (ch === '亿') {
            total = total.plus(section).plus(digit ?? 0).times(100_000_000);
            section = new Decimal(0);
            digit = undefined;
        } else {
            return undefined;
        }
    }
    return total.plus(section).plus(digit ?? 0);
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes a small positive integer (below 10,000) in Chinese, as article numbers are written: 九十九, 一百零五. */
export function toChineseInteger(value: number): string {
    if (!Number.isInteger(value) || value < 0 || value >= 10_000) {
        return String(value);
    }
    if (value === 0) {
        return CN_DIGITS[0];
    }
    const units = ['', '十', '百', '千'];
    const digits = String(value).split('').map(Number);
    let out = '';
    let pendingZero = false;
    digits.forEach((d, i) => {
        const unit = units[digits.length - 1 - i];
        if (d === 0) {
            pendingZero = out.length > 0;
            return;
        }
        if (pendingZero) {
            out += CN_DIGITS[0];
            pendingZero = false;
        }
        out += (d === 1 && unit === '十' && out.length === 0) ? unit : CN_DIGITS[d] + unit;
    });
    return out;
}
