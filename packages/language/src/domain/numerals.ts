import { Decimal } from 'decimal.js';

/**
 * Exact numerals. Chinese numerals are read by a grammar of their own, strictly: a text that is not a regular
 * numeral is never given a value, because a wrong amount must never be compared or published. Such a text is
 * reported as irregular, with the regular numerals it could have meant (一万万 → 一亿 or 一万).
 *
 * The regular language:
 * - Arabic numbers with optional decimals (10, 1.5, full-width １．５), alone or followed by 百/千 and 万/亿/万亿
 *   as written in tables (1.5万, 10万, 5千, 2.5亿).
 * - Digit-by-digit runs (二〇二一, 一〇五): three digits or more, or two with a zero (二〇); no leading zero, no 两.
 *   A run of two digits (三五) is how Chinese writes an approximation (三五天 = three to five days): irregular.
 * - Composite numbers: sections below 万 written with 千/百/十 (each place once, in descending order), multiplied
 *   by 万 and by 亿 once each in descending order; 万亿 (10^12) is the 亿 multiplier applied to a number of 万
 *   (一万亿, 一万二千亿). Then:
 *   - a digit without a unit ends a section only after 十 (十五, 二十五), after 零 (一百零五) or alone (五, 五万);
 *     so the colloquial abbreviations 一万五, 一千五, 三百五 are irregular: in legal text 一万五千元 is written,
 *     and 一万五元 reads as 15000 to one reader and 10005 to another;
 *   - 零 (or 〇) fills skipped places, once per gap and only where places are skipped (一百零五, 一万零五百);
 *     it may be left out before an element with its unit (一万五百 = 10500), except where four places or more
 *     are skipped (一亿零五千, 一千万零五百: 一亿五千 is also said for 一亿五千万);
 *   - 十 without a digit only at the start (十五, 十万) or after 零 (一千零十); 一十 anywhere (一百一十);
 *   - 两 for 2 before 百, 千, 万 and 亿 (两千, 两万, 两百万), not before 十 nor in the ones place (十两 is a weight),
 *     and 两 alone (两倍, 两年).
 * - Chinese decimals: an integer, 点 and digits (一点五, 零点零五), optionally followed by 万/亿/万亿 (一点五万).
 */
export type NumeralReading =
    | { readonly kind: 'value'; readonly value: Decimal }
    /** Written with numeral characters only, but not a regular numeral: the regular numerals it could mean. */
    | { readonly kind: 'irregular'; readonly readings: readonly string[] }
    /** Not a numeral at all (a name such as 从轻). */
    | { readonly kind: 'none' };

const DIGIT_VALUE: Record<string, number> = {
    '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9
};
const ZEROS = new Set(['零', '〇']);
const UNIT_PLACE: Record<string, number> = { '十': 1, '百': 2, '千': 3 };
const MULTIPLIER_PLACE: Record<string, number> = { '万': 4, '亿': 8 };
/** Every character a numeral may be written with; a text with any other character is not a numeral. */
const NUMERAL_CHARS = /^[0-9.零〇一二两三四五六七八九十百千万亿点]+$/;
const ARABIC = /^[0-9]+(\.[0-9]+)?$/;
const ARABIC_MIXED = /^([0-9]+(?:\.[0-9]+)?)([百千]?)(万亿|万|亿)?$/;
const MIXED_PLACE: Record<string, number> = { '': 0, '百': 2, '千': 3, '万': 4, '亿': 8, '万亿': 12 };
/**
 * The place exponent of each chunk between multipliers, by the sequence of multipliers written: 一亿二千万 is
 * chunks 一 (10^8) and 二千 (10^4); 一万二千亿 is 一 (10^12) and 二千 (10^8). Any other sequence is irregular.
 */
const CHUNK_PLACES: Record<string, readonly number[]> = {
    '': [0], '4': [4, 0], '8': [8, 0], '8,4': [8, 4, 0], '4,8': [12, 8, 0], '4,8,4': [12, 8, 4, 0]
};

/** Folds full-width digits and the full-width full stop to ASCII (１．５ → 1.5). */
export function toHalfWidthDigits(text: string): string {
    return text.replace(/[０-９．]/g, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Parses an Arabic or Chinese numeral to an exact decimal: 10, 1.5, 1.5万, 五千, 一百万, 二十, 十五, 两万五千,
 * 一点五, 二〇二一. Returns undefined when the text is not a numeral, and when it is an irregular one (see
 * {@link readNumeral} for the readings).
 */
export function parseNumeral(text: string): Decimal | undefined {
    const reading = readNumeral(text);
    return reading.kind === 'value' ? reading.value : undefined;
}

/**
 * Reads a numeral: its exact value, or that it is irregular with the regular numerals it could mean, or that it
 * is not a numeral. Memoized (readings are immutable): amounts and tier names repeat throughout a workspace.
 */
export function readNumeral(text: string): NumeralReading {
    let reading = numerals.get(text);
    if (reading === undefined) {
        reading = readUncached(text);
        if (numerals.size >= 10_000) {
            numerals.clear();
        }
        numerals.set(text, reading);
    }
    return reading;
}

const numerals = new Map<string, NumeralReading>();
const NONE: NumeralReading = { kind: 'none' };

function readUncached(text: string): NumeralReading {
    const folded = toHalfWidthDigits(text.trim());
    if (folded.length === 0 || !NUMERAL_CHARS.test(folded)) {
        return NONE;
    }
    const value = valueOf(folded);
    return value !== undefined ? { kind: 'value', value } : { kind: 'irregular', readings: readingsOf(folded) };
}

/** The value of a regular numeral (half-width, trimmed), or undefined. */
function valueOf(text: string): Decimal | undefined {
    if (ARABIC.test(text)) {
        return new Decimal(text);
    }
    const mixed = ARABIC_MIXED.exec(text);
    if (mixed) {
        const place = MIXED_PLACE[mixed[2]] + MIXED_PLACE[mixed[3] ?? ''];
        return place > 0 ? new Decimal(mixed[1]).times(new Decimal(10).pow(place)) : undefined;
    }
    if (/[0-9.]/.test(text)) {
        return undefined;
    }
    const point = text.indexOf('点');
    if (point < 0) {
        const integer = chineseInteger(text);
        return integer === undefined ? undefined : new Decimal(integer.toString());
    }
    return chineseDecimal(text.slice(0, point), text.slice(point + 1));
}

/** 一点五, 零点零五, 三点一四; with a multiplier after the digits, 一点五万 (the integer then below 万). */
function chineseDecimal(integerText: string, rest: string): Decimal | undefined {
    const multiplier = /(万亿|万|亿)$/.exec(rest)?.[1];
    const digits = multiplier ? rest.slice(0, -multiplier.length) : rest;
    if (digits.length === 0 || (multiplier && /[万亿]/.test(integerText))) {
        return undefined;
    }
    let fraction = '';
    for (const ch of digits) {
        if (ZEROS.has(ch)) {
            fraction += '0';
        } else if (DIGIT_VALUE[ch] !== undefined && ch !== '两') {
            fraction += String(DIGIT_VALUE[ch]);
        } else {
            return undefined;
        }
    }
    const integer = chineseInteger(integerText, true);
    if (integer === undefined) {
        return undefined;
    }
    const value = new Decimal(`${integer.toString()}.${fraction}`);
    return multiplier ? value.times(new Decimal(10).pow(MIXED_PLACE[multiplier])) : value;
}

interface Element {
    readonly digit: number;
    /** The absolute place: 3 for 千, 7 for 千万. */
    readonly place: number;
    /** The place within its chunk (0 to 3). */
    readonly localPlace: number;
    readonly chunk: number;
    /** A digit written without 十/百/千 after it (五 in 十五, 五万). */
    readonly unitless: boolean;
    /** 十 written without a digit. */
    readonly bareTen: boolean;
    readonly liang: boolean;
    /** 零 is written before it. */
    readonly afterZero: boolean;
}

/** A Chinese integer by the grammar above, or undefined when the text is not a regular one. */
function chineseInteger(text: string, asPart = false): bigint | undefined {
    const chars = [...text];
    if (chars.length === 0) {
        return undefined;
    }
    if (chars.length === 1) {
        if (ZEROS.has(chars[0])) {
            return 0n;
        }
        // 两 alone is a whole numeral (两倍, 两年), not the integer part of a decimal (二点五).
        if (DIGIT_VALUE[chars[0]] !== undefined && (chars[0] !== '两' || !asPart)) {
            return BigInt(DIGIT_VALUE[chars[0]]);
        }
    }
    if (chars.every(ch => ZEROS.has(ch) || DIGIT_VALUE[ch] !== undefined)) {
        return digitRun(chars);
    }
    // Split into chunks at the multipliers.
    const chunks: string[][] = [[]];
    const multipliers: number[] = [];
    for (const ch of chars) {
        const multiplier = MULTIPLIER_PLACE[ch];
        if (multiplier !== undefined) {
            multipliers.push(multiplier);
            chunks.push([]);
        } else if (ZEROS.has(ch) || DIGIT_VALUE[ch] !== undefined || UNIT_PLACE[ch] !== undefined) {
            chunks[chunks.length - 1].push(ch);
        } else {
            return undefined;
        }
    }
    const places = CHUNK_PLACES[multipliers.join(',')];
    if (!places) {
        return undefined;
    }
    const elements: Element[] = [];
    for (let index = 0; index < chunks.length; index++) {
        const chunk = chunks[index];
        // A chunk before a multiplier is written (bare 万, 一亿万), except the 万 of 万亿 (一万亿 = 一万 × 亿).
        const mayBeEmpty = index === chunks.length - 1 || (multipliers[index] === 8 && multipliers[index - 1] === 4);
        if (chunk.length === 0 && !mayBeEmpty) {
            return undefined;
        }
        if (!readChunk(chunk, index, places[index], elements)) {
            return undefined;
        }
    }
    let value = 0n;
    for (let i = 0; i < elements.length; i++) {
        const element = elements[i];
        const previous = i > 0 ? elements[i - 1] : undefined;
        if (!previous) {
            if (element.afterZero) {
                return undefined;
            }
        } else {
            if (element.place >= previous.place) {
                return undefined;
            }
            const skipped = previous.place - element.place - 1;
            if (element.afterZero ? skipped < 1 : skipped >= 4) {
                return undefined;
            }
            if (element.bareTen && !element.afterZero) {
                return undefined;
            }
            // An abbreviation (一万五, 一百五, 五千五万): a unit-less digit right after a place other than 十.
            if (element.unitless && !element.afterZero && (previous.chunk === element.chunk ? previous.localPlace !== 1 : element.place === 0)) {
                return undefined;
            }
        }
        if (element.liang && (element.localPlace === 1 || (element.unitless
            && (element.place === 0 || (previous !== undefined && previous.chunk === element.chunk && previous.localPlace === 1))))) {
            return undefined;
        }
        value += BigInt(element.digit) * 10n ** BigInt(element.place);
    }
    return value;
}

/** Reads the elements of one chunk (digits with 十/百/千, 零 fillers); false when it is malformed. */
function readChunk(chunk: readonly string[], index: number, place: number, out: Element[]): boolean {
    let afterZero = false;
    for (let i = 0; i < chunk.length; i++) {
        const ch = chunk[i];
        if (ZEROS.has(ch)) {
            if (afterZero) {
                return false;
            }
            afterZero = true;
            continue;
        }
        const unit = UNIT_PLACE[ch];
        if (unit !== undefined) {
            if (unit !== 1) {
                return false;
            }
            out.push({ digit: 1, place: place + 1, localPlace: 1, chunk: index, unitless: false, bareTen: true, liang: false, afterZero });
        } else {
            const next = UNIT_PLACE[chunk[i + 1]];
            const localPlace = next ?? 0;
            if (next !== undefined) {
                i++;
            }
            out.push({
                digit: DIGIT_VALUE[ch], place: place + localPlace, localPlace, chunk: index, unitless: next === undefined,
                bareTen: false, liang: ch === '两', afterZero
            });
        }
        afterZero = false;
    }
    return !afterZero;
}

/** 二〇二一 = 2021: at least three digits, or two with a zero; no leading zero, no 两. */
function digitRun(chars: readonly string[]): bigint | undefined {
    if (ZEROS.has(chars[0]) || chars.includes('两') || (chars.length === 2 && !chars.some(ch => ZEROS.has(ch)))) {
        return undefined;
    }
    return BigInt(chars.map(ch => ZEROS.has(ch) ? '0' : String(DIGIT_VALUE[ch])).join(''));
}

/** The next lower written place after a unit, for the full form of an abbreviation (一万五 → 一万五千). */
const NEXT_LOWER: Record<string, string> = { '亿': '千万', '万': '千', '千': '百', '百': '十' };

/**
 * The regular numerals an irregular text could have meant, most likely first (at most three): a repeated
 * multiplier (一万万 → 一亿, 一万), digits run together before a unit (三二万 → 三十二万, 三万, 二万), a
 * doubled unit (十十万 → 十万), a unit without its digit (万 → 一万), an abbreviation (一万五 → 一万五千,
 * 一万零五), leading or doubled zeros (零零五 → 五), 两 where 二 is written (十两 → 十二).
 */
function readingsOf(text: string): string[] {
    const chars = [...text];
    const candidates: string[] = [];
    const isUnit = (ch: string | undefined) => ch !== undefined && (UNIT_PLACE[ch] !== undefined || MULTIPLIER_PLACE[ch] !== undefined);
    const isDigit = (ch: string | undefined) => ch !== undefined && DIGIT_VALUE[ch] !== undefined;
    const splice = (at: number, remove: number, insert = '') => [...chars.slice(0, at), insert, ...chars.slice(at + remove)].join('');
    if (text.includes('万万')) {
        candidates.push(text.replace('万万', '亿'));
    }
    for (let i = 0; i + 1 < chars.length; i++) {
        if (chars[i] === chars[i + 1] && (isUnit(chars[i]) || ZEROS.has(chars[i]))) {
            candidates.push(splice(i, 1));
        }
    }
    for (let i = 0; i + 1 < chars.length; i++) {
        if (isDigit(chars[i]) && isDigit(chars[i + 1])) {
            candidates.push(splice(i + 1, 0, '十'), splice(i + 1, 1), splice(i, 1));
        }
    }
    // A unit without its digit: 万 → 一万, 千百 → 一千一百.
    const withOnes = chars.map((ch, i) => {
        const previous = chars[i - 1];
        const lacksDigit = ch === '十' ? i > 0 && !isDigit(previous) && !ZEROS.has(previous)
            : UNIT_PLACE[ch] !== undefined ? !isDigit(previous) : isUnit(ch) && i === 0;
        return lacksDigit ? `一${ch}` : ch;
    }).join('');
    candidates.push(withOnes);
    // An abbreviation (一万五, 五千五万): the full form, or the digit after a skipped place.
    for (let i = 1; i < chars.length; i++) {
        const lower = NEXT_LOWER[chars[i - 1]];
        if (isDigit(chars[i]) && lower !== undefined && (i === chars.length - 1 || MULTIPLIER_PLACE[chars[i + 1]] !== undefined)) {
            candidates.push(splice(i + 1, 0, lower), splice(i, 0, '零'));
        }
    }
    // 一亿五千 is also said for 一亿五千万.
    if (chars.includes('亿') && !chars.includes('万') && UNIT_PLACE[chars[chars.length - 1]] !== undefined) {
        candidates.push(`${text}万`);
    }
    // Two units in a row (一亿万, 一千零五百): one of them, or the 零 left out.
    for (let i = 1; i < chars.length; i++) {
        const small = UNIT_PLACE[chars[i]] !== undefined;
        if (isUnit(chars[i]) && isUnit(chars[i - 1]) && small === (UNIT_PLACE[chars[i - 1]] !== undefined)) {
            candidates.push(splice(i, 1), splice(i - 1, 1));
        }
        if (ZEROS.has(chars[i])) {
            candidates.push(splice(i, 1));
        }
    }
    for (let i = 0; i + 1 < chars.length; i++) {
        if (MULTIPLIER_PLACE[chars[i]] !== undefined && !ZEROS.has(chars[i + 1])) {
            candidates.push(splice(i + 1, 0, '零'));
        }
    }
    candidates.push(text.replace(/^[零〇]+/, ''), text.replace(/([零〇])[零〇]+/g, '$1'), text.replace(/两/g, '二'));
    if (text.startsWith('点')) {
        candidates.push(`零${text}`);
    }
    const readings: string[] = [];
    for (const candidate of candidates) {
        if (candidate !== text && candidate.length > 0 && !readings.includes(candidate) && valueOf(candidate) !== undefined) {
            readings.push(candidate);
        }
    }
    return readings.slice(0, 3);
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
