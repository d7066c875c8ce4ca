import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { parseNumeral, readNumeral } from '../src/domain/index.js';

// An independent, generative description of the regular Chinese numerals: every way a value may be written
// (with or without the optional 零 fillers, 十 or 一十 where both are used), built from the value's digits.
// 两 and 〇 are folded by `normalize` and their positions checked separately (`liangWellPlaced`).

const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNIT = ['', '十', '百', '千'];

interface Place { readonly digit: number; readonly place: number; readonly group: number; readonly local: number }

function placesOf(n: bigint): Place[] {
    const digits = n.toString();
    const out: Place[] = [];
    for (let i = 0; i < digits.length; i++) {
        const digit = Number(digits[i]);
        const place = digits.length - 1 - i;
        if (digit !== 0) {
            const group = place >= 12 ? 12 : place >= 8 ? 8 : place >= 4 ? 4 : 0;
            out.push({ digit, place, group, local: place - group });
        }
    }
    return out;
}

/** The multipliers written after a group when the next written digit is in group `next` (or after the last). */
function multipliers(group: number, next: number): string {
    if (group === 12) return next === 8 ? '万' : '万亿';
    if (group === 8) return '亿';
    if (group === 4) return '万';
    return '';
}

/** Every regular composite rendering of a positive integer below 10^16 (with 二 and 零). */
function compositeRenderings(n: bigint): string[] {
    const places = placesOf(n);
    let partial = [''];
    places.forEach((p, i) => {
        const previous = places[i - 1];
        const skipped = previous ? previous.place - p.place - 1 : 0;
        // 零 marks skipped places. It is required before a digit that would otherwise read as an abbreviation
        // (a digit without its unit after a place other than 十: 一百零五, 一万零五, 五千零五万) and across four
        // or more skipped places (一亿零五千); elsewhere it may be left out (一万零五百 / 一万五百).
        let zero: string[];
        if (skipped === 0) {
            zero = [''];
        } else {
            const abbreviation = p.local === 0 && (p.group === 0 || previous.group === p.group);
            zero = abbreviation || skipped >= 4 ? ['零'] : ['零', ''];
        }
        const next = places[i + 1];
        const tail = !next || next.group !== p.group ? multipliers(p.group, next ? next.group : 0) : '';
        const extended: string[] = [];
        for (const prefix of partial) {
            for (const z of zero) {
                // 十 alone at the very start or right after 零; 一十 is always correct.
                const digitTexts = p.digit === 1 && p.local === 1 && (i === 0 || z === '零') ? ['十', '一'] : [DIGIT[p.digit]];
                for (const d of digitTexts) {
                    extended.push(prefix + z + (d === '十' ? '' : d) + UNIT[p.local] + tail);
                }
            }
        }
        partial = extended;
    });
    return partial;
}

/** Digit by digit (二〇二一): three digits or more, or two with a zero. */
function digitRun(n: bigint): string[] {
    const digits = n.toString();
    return digits.length >= 3 || (digits.length === 2 && digits.includes('0')) ? [[...digits].map(d => DIGIT[Number(d)]).join('')] : [];
}

function integerRenderings(n: bigint): string[] {
    if (n === 0n) return ['零'];
    return [...compositeRenderings(n), ...digitRun(n)];
}

/** 〇 as 零, 两 as 二: the forms the renderer writes. */
function normalize(text: string): string {
    return text.replace(/〇/g, '零').replace(/两/g, '二');
}

function beforeUnit(chars: readonly string[], i: number): boolean {
    return i + 1 < chars.length && '百千万亿'.includes(chars[i + 1]);
}

/** 两 stands before 百, 千, 万 or 亿 and not after 十 (两千, 两万, 两百万; not 两十, 十两万), or alone. */
function liangWellPlaced(text: string): boolean {
    if (text === '两') return true;
    const chars = [...text];
    return chars.every((ch, i) => ch !== '两' || (beforeUnit(chars, i) && chars[i - 1] !== '十'));
}

/** Whether a Chinese text is one of the renderings of the value it was read as. */
function isRenderingOf(text: string, value: Decimal): boolean {
    if (!liangWellPlaced(text)) return false;
    const normal = normalize(text);
    const point = normal.indexOf('点');
    if (point < 0) {
        return value.isInteger() && integerRenderings(BigInt(value.toFixed())).includes(normal);
    }
    const integerText = normal.slice(0, point);
    const rest = normal.slice(point + 1);
    const multiplier = /(万亿|万|亿)$/.exec(rest)?.[1] ?? '';
    const fraction = rest.slice(0, rest.length - multiplier.length);
    if (!/^[零一二三四五六七八九]+$/.test(fraction) || (multiplier && /[万亿]/.test(integerText))) return false;
    const scale = new Decimal(10).pow({ '': 0, '万': 4, '亿': 8, '万亿': 12 }[multiplier]!);
    const fractionValue = new Decimal(`0.${[...fraction].map(ch => DIGIT.indexOf(ch)).join('')}`);
    const integer = value.div(scale).minus(fractionValue);
    return integer.isInteger() && integer.gte(0) && integerRenderings(BigInt(integer.toFixed())).includes(integerText);
}

/** Writes 2 as 两 where it may be (randomly chosen positions). */
function withLiang(text: string, choose: (i: number) => boolean): string {
    const chars = [...text];
    return chars.map((ch, i) => ch === '二' && beforeUnit(chars, i) && chars[i - 1] !== '十' && choose(i) ? '两' : ch).join('');
}

const valueOf = (text: string) => parseNumeral(text)?.toFixed();
const MAX = 10n ** 12n;

describe('numerals: regular forms', () => {
    it.each([
        ['一万五千', '15000'], ['十五', '15'], ['一百零五', '105'], ['两万', '20000'], ['一点五', '1.5'], ['三千零五十', '3050'],
        ['二〇二一', '2021'], ['二零二一', '2021'], ['1.5万', '15000'], ['10万', '100000'], ['5千', '5000'], ['2.5亿', '250000000'],
        ['５千万', '50000000'], ['１．５', '1.5'], ['0.001', '0.001'], ['一万亿', '1000000000000'], ['一万二千亿', '1200000000000'],
        ['一亿零五千', '100005000'], ['一万零五百', '10500'], ['一万五百', '10500'], ['一千零十', '1010'], ['一十五', '15'],
        ['一百一十', '110'], ['两千两百', '2200'], ['一亿两千万', '120000000'], ['两', '2'], ['零', '0'], ['零点零五', '0.05'],
        ['一点五万', '15000'], ['十万', '100000'], ['一百万', '1000000'], ['一〇五', '105'], ['二〇', '20']
    ])('%s = %s', (text, value) => {
        expect(valueOf(text)).toBe(new Decimal(value).toFixed());
    });

    it('is not a numeral: names and other text', () => {
        expect(readNumeral('从轻').kind).toBe('none');
        expect(readNumeral('').kind).toBe('none');
        expect(readNumeral('一万五元').kind).toBe('none');
    });
});

describe('numerals: irregular forms have no value, only readings', () => {
    it.each([
        ['一万万', ['一亿', '一万']],
        ['三二万', ['三十二万', '三万', '二万']],
        ['十十万', ['十万']],
        ['万', ['一万']],
        ['一万五', ['一万五千', '一万零五']],
        ['一千五', ['一千五百', '一千零五']],
        ['一百五', ['一百五十', '一百零五']],
        ['一亿五千', ['一亿五千万', '一亿零五千']],
        ['千百', ['一千一百']],
        ['零零五', ['五']],
        ['十两', ['十二']],
        ['两十', ['二十']],
        ['点五', ['零点五']],
        ['三五', ['三十五', '三', '五']],
        ['一千零五百', ['一千五百']],
        ['一亿万', ['一亿', '一万']],
        ['十十千', []],
        ['一万亿万', ['一万亿']]
    ])('%s → %j', (text, readings) => {
        expect(parseNumeral(text)).toBeUndefined();
        const reading = readNumeral(text);
        expect(reading.kind).toBe('irregular');
        expect(reading.kind === 'irregular' && reading.readings).toEqual(readings);
    });

    it('every reading offered is itself regular', () => {
        fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'零〇一二两三四五六七八九十百千万亿点'), minLength: 1, maxLength: 9 }), text => {
            const reading = readNumeral(text);
            if (reading.kind === 'irregular') {
                for (const candidate of reading.readings) {
                    expect(readNumeral(candidate).kind).toBe('value');
                    expect(candidate).not.toBe(text);
                }
            }
        }), { numRuns: 3000 });
    });
});

describe('numerals: property tests against the generative description', () => {
    const integer = fc.bigInt({ min: 0n, max: MAX });

    it('every rendering of every integer up to 10^12 reads back to itself exactly', () => {
        fc.assert(fc.property(integer, fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }), (n, coins) => {
            const expected = n.toString();
            for (const text of integerRenderings(n)) {
                expect(valueOf(text), text).toBe(expected);
                const liang = withLiang(text, i => coins[i % 32]);
                expect(valueOf(liang), liang).toBe(expected);
                const ling = text.replace(/零/g, (z, at: number) => coins[at % 32] ? '〇' : z);
                expect(valueOf(ling), ling).toBe(expected);
            }
            expect(valueOf(expected)).toBe(expected);
            expect(valueOf(`${new Decimal(expected).div(10_000).toFixed()}万`)).toBe(expected);
            expect(valueOf(`${new Decimal(expected).div(100_000_000).toFixed()}亿`)).toBe(expected);
            expect(valueOf(expected.replace(/[0-9]/g, d => String.fromCharCode(d.charCodeAt(0) + 0xfee0)))).toBe(expected);
        }), { numRuns: 1500 });
    });

    it('every two-decimal amount up to 10^12 reads back to itself exactly', () => {
        fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX * 100n }), cents => {
            const value = new Decimal(cents.toString()).div(100);
            const expected = value.toFixed();
            const whole = cents / 100n;
            const fraction = (cents % 100n).toString().padStart(2, '0').replace(/0$/, '');
            expect(valueOf(value.toFixed(2))).toBe(expected);
            expect(valueOf(`${value.div(10_000).toFixed()}万`)).toBe(expected);
            if (fraction !== '') {
                const digits = [...fraction].map(d => DIGIT[Number(d)]).join('');
                for (const text of integerRenderings(whole)) {
                    expect(valueOf(`${text}点${digits}`), `${text}点${digits}`).toBe(expected);
                }
            }
        }), { numRuns: 800 });
    });

    it('a random string over the numeral alphabet is accepted only if it is a rendering of its value', () => {
        let accepted = 0;
        fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'零〇一二两三四五六七八九十百千万亿点'), minLength: 1, maxLength: 8 }), text => {
            const value = parseNumeral(text);
            if (value !== undefined) {
                accepted++;
                expect(isRenderingOf(text, value), `${text} read as ${value.toFixed()}`).toBe(true);
            } else {
                expect(readNumeral(text).kind).toBe('irregular');
            }
        }), { numRuns: 20_000 });
        expect(accepted).toBeGreaterThan(100);
    });

    it('a rendering with one character inserted, removed, replaced or doubled is rejected unless it is a rendering of its new value', () => {
        const alphabet = [...'零〇一二两三四五六七八九十百千万亿'];
        const edit = fc.record({
            kind: fc.constantFrom('insert', 'remove', 'replace', 'double', 'swap'),
            at: fc.nat(), ch: fc.constantFrom(...alphabet), pick: fc.nat()
        });
        fc.assert(fc.property(fc.bigInt({ min: 1n, max: MAX }), edit, (n, e) => {
            const renderings = integerRenderings(n);
            const chars = [...renderings[e.pick % renderings.length]];
            const at = e.at % chars.length;
            switch (e.kind) {
                case 'insert': chars.splice(at, 0, e.ch); break;
                case 'remove': chars.splice(at, 1); break;
                case 'replace': chars[at] = e.ch; break;
                case 'double': chars.splice(at, 0, chars[at]); break;
                case 'swap': if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]]; break;
            }
            const text = chars.join('');
            const value = parseNumeral(text);
            if (text !== '' && value !== undefined) {
                expect(isRenderingOf(text, value), `${text} read as ${value.toFixed()}`).toBe(true);
            }
        }), { numRuns: 20_000 });
    });

    it('reads the same text to the same value every time (memoized)', () => {
        expect(parseNumeral('一万五千')).toBe(parseNumeral('一万五千'));
        expect(readNumeral('一万万')).toBe(readNumeral('一万万'));
    });
});
