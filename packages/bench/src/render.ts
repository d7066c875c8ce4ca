import { parseNumeral } from '@chidu/language/domain';
import type { Random } from './prng.js';
import type { Dim } from './statute-table.js';

/** One end of an interval, in units (元, or hundredths of 倍 / 百分之). */
export interface End {
    readonly v: number;
    readonly closed: boolean;
}

/** An interval of one measure; `lo` undefined means "no lower end" (X以下). */
export interface Interval {
    readonly lo?: End;
    readonly hi: End;
}

export interface Semantics {
    readonly atLeastClosed: boolean;
    readonly atMostClosed: boolean;
}

export const STATUTORY: Semantics = { atLeastClosed: true, atMostClosed: true };

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0 < n < 10,000 in Chinese: 十五, 一百零五, 六千五百. */
function cnSmall(n: number): string {
    const digits = String(n).split('').map(Number);
    const units = ['', '十', '百', '千'];
    let out = '';
    let zero = false;
    digits.forEach((d, i) => {
        const unit = units[digits.length - 1 - i];
        if (d === 0) {
            zero = out.length > 0;
            return;
        }
        if (zero) {
            out += '零';
            zero = false;
        }
        out += d === 1 && unit === '十' && out.length === 0 ? unit : CN[d] + unit;
    });
    return out;
}

/** 0 < n < 100,000,000 in Chinese: 六万五千, 一百万, 十万. */
export function cnInteger(n: number): string {
    if (n < 10_000) {
        return cnSmall(n);
    }
    const wan = Math.floor(n / 10_000);
    const rest = n % 10_000;
    return `${cnSmall(wan)}万${rest === 0 ? '' : (rest < 1000 ? '零' : '') + cnSmall(rest)}`;
}

function decimal(units: number, scale: number): string {
    return String(units / scale);
}

/** The numeral must read back to the value; otherwise fall back to Arabic digits. */
function checked(numeral: string, expected: number, fallback: string): string {
    const parsed = parseNumeral(numeral);
    return parsed && parsed.toNumber() === expected ? numeral : fallback;
}

/**
 * A quantity as a legal text writes it: 十万元, 25万元, 六万五千元, 6500元, 十三倍, 3.6倍, 百分之二, 2.5%.
 * `chinese` is the probability of Chinese numerals where they read naturally.
 */
export function quantityText(v: number, dim: Dim, rng: Random, chinese: number): string {
    const useChinese = rng.chance(chinese);
    switch (dim) {
        case 'yuan': {
            if (v % 10_000 === 0) {
                const wan = v / 10_000;
                return useChinese ? `${checked(cnInteger(wan), wan, String(wan))}万元` : `${wan}万元`;
            }
            if (useChinese && v % 100 === 0) {
                return `${checked(cnInteger(v), v, String(v))}元`;
            }
            return v >= 10_000 && v % 100 === 0 ? `${decimal(v, 10_000)}万元` : `${v}元`;
        }
        case 'multiple':
            if (v % 100 === 0) {
                return useChinese ? `${checked(cnInteger(v / 100), v / 100, String(v / 100))}倍` : `${v / 100}倍`;
            }
            return `${decimal(v, 100)}倍`;
        case 'percent':
            if (v % 100 === 0 && useChinese) {
                return `百分之${checked(cnInteger(v / 100), v / 100, String(v / 100))}`;
            }
            return rng.chance(0.5) ? `百分之${decimal(v, 100)}` : `${decimal(v, 100)}%`;
    }
}

/** A rendered range and where its upper quantity sits in it (for the edit benchmark). */
export interface RangeText {
    readonly text: string;
    readonly hiStart: number;
    readonly hiText: string;
}

/**
 * Writes an interval in words under a document's boundary semantics, with 超过/不足 for open ends and an
 * explicit 含本数 where the document's rule would otherwise exclude the number.
 */
export function rangeText(iv: Interval, dim: Dim, semantics: Semantics, rng: Random, chinese: number): RangeText {
    let lower = '';
    if (iv.lo) {
        const q = quantityText(iv.lo.v, dim, rng, chinese);
        if (iv.lo.closed) {
            lower = semantics.atLeastClosed ? `${q}以上` : `${q}以上 含本数`;
        } else {
            lower = semantics.atLeastClosed ? `超过${q}` : `${q}以上`;
        }
    }
    const hi = quantityText(iv.hi.v, dim, rng, chinese);
    let upperPrefix = '';
    let upperSuffix = '';
    if (iv.hi.closed) {
        upperSuffix = semantics.atMostClosed ? '以下' : '以下 含本数';
    } else if (semantics.atMostClosed) {
        upperPrefix = '不足';
    } else {
        upperSuffix = '以下';
    }
    const separator = lower !== '' && (!lower.endsWith('以上') || upperPrefix !== '') ? ' ' : '';
    const head = `${lower}${separator}${upperPrefix}`;
    return { text: `${head}${hi}${upperSuffix}`, hiStart: head.length, hiText: hi };
}
