import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
    STATUTORY_SEMANTICS, type WrittenBound, checkContainment, closed, formatCitation, formatInterval, makeQuantity,
    parseCitation, parseNumeral, resolveRange, uncovered, type Component
} from '../src/domain/index.js';

const GUANGDONG = { atLeastClosed: true, atMostClosed: false };
const JIANGMEN = { atLeastClosed: true, atMostClosed: true };

describe('numerals', () => {
    it.each([
        ['五千', '5000'], ['一百万', '1000000'], ['二十', '20'], ['十五', '15'], ['十', '10'], ['两万五千', '25000'],
        ['一万零五百', '10500'], ['九十九', '99'], ['一百零五', '105'], ['一点五', '1.5'], ['二〇二一', '2021'],
        ['10', '10'], ['1.5', '1.5'], ['１．５', '1.5'], ['一亿五千万', '150000000'], ['六万五千', '65000']
    ])('%s = %s', (text, value) => {
        expect(parseNumeral(text)?.toString()).toBe(new Decimal(value).toString());
    });

    it('rejects what is not a numeral', () => {
        expect(parseNumeral('罚款')).toBeUndefined();
        expect(parseNumeral('')).toBeUndefined();
    });
});

describe('quantities and units', () => {
    it('reads money exactly, whatever the writing', () => {
        const forms = [['十万', '元'], ['10', '万元'], ['100000', '元'], ['0.001', '亿元']];
        for (const [n, u] of forms) {
            expect(makeQuantity(n, u)).toEqual({ value: new Decimal(100000), dimension: 'yuan' });
        }
        expect(makeQuantity('1.5', '万元')?.value.toFixed()).toBe('15000');
        expect(makeQuantity('五', '百分之')).toEqual({ value: new Decimal(5), dimension: 'percent' });
        expect(makeQuantity('十', '倍')?.dimension).toBe('multiple');
    });
});

function bounds(...specs: [string, string, WrittenBound<string>['word']?, boolean?][]): WrittenBound<string>[] {
    return specs.map(([n, u, word, inclusion], i) => ({ quantity: makeQuantity(n, u), word, inclusion, source: `b${i}` }));
}

describe('boundary semantics', () => {
    it('十万元以上一百万元以下 under the statutory convention is closed', () => {
        const { range } = resolveRange(bounds(['十万', '元', '以上'], ['一百万', '元', '以下']), STATUTORY_SEMANTICS, 'r');
        expect(formatInterval(range!.interval, 'yuan')).toBe('[10万元, 100万元]');
    });

    it('1万以上3万以下 is [1万, 3万) in Guangdong and [1万, 3万] in Jiangmen', () => {
        const written = bounds(['1', '万元', '以上'], ['3', '万元', '以下']);
        expect(formatInterval(resolveRange(written, GUANGDONG, 'r').range!.interval, 'yuan')).toBe('[1万元, 3万元)');
        expect(formatInterval(resolveRange(written, JIANGMEN, 'r').range!.interval, 'yuan')).toBe('[1万元, 3万元]');
    });

    it('an explicit 含本数 overrides the document rule', () => {
        const { range } = resolveRange(bounds(['四', '万元', '以上'], ['五', '万元', '以下', true]), GUANGDONG, 'r');
        expect(formatInterval(range!.interval, 'yuan')).toBe('[4万元, 5万元]');
    });

    it('不足 and 超过 are strict everywhere; a single amount is exact; 五万元以下 has no minimum', () => {
        expect(formatInterval(resolveRange(bounds(['一', '万元', '不足']), JIANGMEN, 'r').range!.interval, 'yuan')).toBe('(−∞, 1万元)');
        expect(formatInterval(resolveRange(bounds(['一', '万元', '超过']), JIANGMEN, 'r').range!.interval, 'yuan')).toBe('(1万元, +∞)');
        expect(formatInterval(resolveRange(bounds(['二十', '万元']), GUANGDONG, 'r').range!.interval, 'yuan')).toBe('{20万元}');
        const maxOnly = resolveRange(bounds(['五', '万元', '以下']), STATUTORY_SEMANTICS, 'r').range!;
        expect(maxOnly.shape).toBe('max-only');
        expect(formatInterval(maxOnly.interval, 'yuan')).toBe('(−∞, 5万元]');
    });

    it('reports ranges written backwards, empty or in mixed units', () => {
        expect(resolveRange(bounds(['十', '万元', '以下'], ['五', '万元', '以上']), JIANGMEN, 'r').problems[0].kind).toBe('bad-shape');
        expect(resolveRange(bounds(['十', '万元', '以上'], ['五', '万元', '以下']), JIANGMEN, 'r').problems[0].kind).toBe('empty');
        expect(resolveRange(bounds(['五', '万元', '以上'], ['十', '倍', '以下']), JIANGMEN, 'r').problems[0].kind).toBe('mixed-dimensions');
    });
});

describe('interval algebra', () => {
    it('finds the single uncovered point at the statutory maximum under Guangdong semantics', () => {
        const pieces = [
            { upper: { value: new Decimal(10000), closed: false } },
            { lower: { value: new Decimal(10000), closed: true }, upper: { value: new Decimal(30000), closed: false } },
            { lower: { value: new Decimal(30000), closed: true }, upper: { value: new Decimal(50000), closed: false } }
        ];
        const gaps = uncovered({ upper: { value: new Decimal(50000), closed: true } }, pieces);
        expect(gaps.map(g => formatInterval(g, 'yuan'))).toEqual(['{5万元}']);
    });

    it('finds inner gaps', () => {
        const gaps = uncovered(closed(20000, 50000), [closed(40000, 50000), { lower: { value: new Decimal(20000), closed: true }, upper: { value: new Decimal(30000), closed: false } }]);
        expect(gaps.map(g => formatInterval(g, 'yuan'))).toEqual(['[3万元, 4万元)']);
    });
});

describe('containment', () => {
    const fine = (interval: ReturnType<typeof closed>, source = 'x'): Component<string> =>
        ({ kind: 'fine', party: 'default', combination: 'applies', dimension: 'yuan', interval, source });

    it('accepts a tier inside the union of upper tiers and reports the side it leaves', () => {
        expect(checkContainment([fine(closed(150000, 350000))], [fine(closed(100000, 200000)), fine(closed(200000, 400000))])).toEqual([]);
        const [issue] = checkContainment([fine(closed(100000, 300000))], [fine(closed(100000, 200000))]);
        expect(issue.kind).toBe('outside');
        expect(issue.kind === 'outside' && issue.side).toBe('above');
    });

    it('reports a new penalty kind and a measure the upper level does not use', () => {
        const revoke: Component<string> = { kind: 'revokeLicense', party: 'default', combination: 'applies', source: 'r' };
        expect(checkContainment([revoke], [fine(closed(0, 1))])[0].kind).toBe('new-kind');
        const multiple: Component<string> = { ...fine(closed(10, 12)), dimension: 'multiple', base: { key: 'goodsValue', label: '货值金额' } };
        expect(checkContainment([multiple], [fine(closed(50000, 100000))])[0].kind).toBe('incomparable');
    });
});

describe('citations', () => {
    it('parses the structured parts, with Chinese numerals and versions', () => {
        expect(parseCitation('《中华人民共和国大气污染防治法》（2018年修订）第九十九条第（一）项')).toEqual({
            law: '大气污染防治法', version: '2018年修订', article: 99, item: 1
        });
        expect(parseCitation('《环境影响评价法》第三十一条第三款')).toEqual({ law: '环境影响评价法', article: 31, paragraph: 3 });
        expect(parseCitation('《行政处罚法》第33条第1款')).toEqual({ law: '行政处罚法', article: 33, paragraph: 1 });
    });

    it('continues from the previous citation', () => {
        const first = parseCitation('《环境影响评价法》第三十一条第一款')!;
        expect(parseCitation('第二款', first)).toEqual({ law: '环境影响评价法', article: 31, paragraph: 2 });
        expect(parseCitation('第三十二条', first)).toEqual({ law: '环境影响评价法', article: 32 });
        expect(parseCitation('第二款')).toBeUndefined();
    });

    it('formats canonically', () => {
        expect(formatCitation({ law: '大气污染防治法', article: 99, item: 1 })).toBe('《大气污染防治法》第九十九条第（一）项');
        expect(formatCitation({ law: '食品安全法', article: 124, paragraph: 1 })).toBe('《食品安全法》第一百二十四条第一款');
    });
});
