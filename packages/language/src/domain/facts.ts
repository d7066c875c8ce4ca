import type { BoundaryWord, WrittenBound } from './boundary.js';
import type { LookbackWindow } from './lookback.js';
import { makeQuantity } from './quantity.js';

/**
 * The facts (事实、情节) that typed conditions test, and what one test on a fact implies about another. A fact is
 * declared once (in a document, inherited by the documents below it) or comes from 《行政处罚法》 itself.
 */

export type FactKind = 'flag' | 'quantity' | 'enumeration' | 'count';

export const FACT_KIND_WORDS: Readonly<Record<string, FactKind>> = { 是否: 'flag', 数量: 'quantity', 枚举: 'enumeration', 次数: 'count' };

export const FACT_KIND_LABELS: Readonly<Record<FactKind, string>> = { flag: '是否', quantity: '数量', enumeration: '枚举', count: '次数' };

export interface FactDefinition {
    readonly name: string;
    readonly kind: FactKind;
    /** The unit of a quantity or count (元, 倍, 次 …). */
    readonly unit?: string;
    /** The values of an enumeration, in the order declared. */
    readonly values?: readonly string[];
    readonly definition?: string;
    /** The statute that defines the fact, as cited (《行政处罚法》第三十三条第一款). */
    readonly basis?: string;
    /** Other names the law or real lists use for the same fact (首次违法 for 初次违法). */
    readonly aliases?: readonly string[];
    /** The look-back window a count is taken over (次数: 两年内同类违法次数 counts the last two years). */
    readonly window?: LookbackWindow;
}

/**
 * The circumstances 《行政处罚法》 (2021) names in 第三十条至第三十三条, each a yes/no fact tied to its article. A
 * condition whose whole text is one of these names (or an alias) is read as that fact, not as free text.
 */
export const PENALTY_LAW_FACTS: readonly FactDefinition[] = [
    { name: '不满十四周岁', kind: 'flag', basis: '《行政处罚法》第三十条', aliases: ['不满十四周岁的未成年人'] },
    { name: '已满十四周岁不满十八周岁', kind: 'flag', basis: '《行政处罚法》第三十条', aliases: ['已满十四周岁不满十八周岁的未成年人'] },
    {
        name: '精神病人或者智力残疾人不能辨认或者不能控制自己行为', kind: 'flag', basis: '《行政处罚法》第三十一条',
        aliases: ['精神病人、智力残疾人在不能辨认或者不能控制自己行为时']
    },
    {
        name: '尚未完全丧失辨认或者控制自己行为能力', kind: 'flag', basis: '《行政处罚法》第三十一条',
        aliases: ['尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人']
    },
    { name: '主动消除或者减轻危害后果', kind: 'flag', basis: '《行政处罚法》第三十二条第（一）项', aliases: ['主动消除或者减轻违法行为危害后果'] },
    { name: '受他人胁迫或者诱骗', kind: 'flag', basis: '《行政处罚法》第三十二条第（二）项', aliases: ['受他人胁迫或者诱骗实施违法行为'] },
    { name: '主动供述', kind: 'flag', basis: '《行政处罚法》第三十二条第（三）项', aliases: ['主动供述行政机关尚未掌握的违法行为'] },
    { name: '配合查处有立功表现', kind: 'flag', basis: '《行政处罚法》第三十二条第（四）项', aliases: ['配合行政机关查处违法行为有立功表现'] },
    { name: '违法行为轻微', kind: 'flag', basis: '《行政处罚法》第三十三条第一款' },
    { name: '及时改正', kind: 'flag', basis: '《行政处罚法》第三十三条第一款', aliases: ['及时纠正'] },
    { name: '没有造成危害后果', kind: 'flag', basis: '《行政处罚法》第三十三条第一款', aliases: ['未造成危害后果', '无危害后果', '没有危害后果'] },
    { name: '初次违法', kind: 'flag', basis: '《行政处罚法》第三十三条第一款', aliases: ['首次违法'] },
    { name: '危害后果轻微', kind: 'flag', basis: '《行政处罚法》第三十三条第一款' },
    { name: '没有主观过错', kind: 'flag', basis: '《行政处罚法》第三十三条第二款', aliases: ['无主观过错', '当事人有证据足以证明没有主观过错'] }
];

/** A fact's name as compared: without spaces, quotes and a final 的. */
export function factKey(name: string): string {
    return name.replace(/[\s「」“”"]/g, '').replace(/的$/, '');
}

const BUILT_IN = new Map<string, FactDefinition>();
for (const fact of PENALTY_LAW_FACTS) {
    for (const name of [fact.name, ...(fact.aliases ?? [])]) {
        BUILT_IN.set(factKey(name), fact);
    }
}

/** The 《行政处罚法》 circumstance a whole condition text names, if it names exactly one. */
export function penaltyLawFact(text: string): FactDefinition | undefined {
    return BUILT_IN.get(factKey(text));
}

/** A test of an enumerated fact: it takes one of `values` (or, negated, none of them). */
export interface MembershipTest {
    readonly fact: string;
    readonly values: readonly string[];
    readonly negated: boolean;
}

/** Whether every case that passes one test passes another; `witness` is a value that shows it does not. */
export type Implication =
    | { readonly holds: true }
    | { readonly holds: false; readonly witness: string }
    | { readonly holds: 'unknown' };

/**
 * Whether `lower` implies `upper` (both on the same fact). `domain` is the fact's declared values; without it,
 * a negated test cannot be compared with a positive one (the values outside a list are unknown).
 */
export function membershipImplies(lower: MembershipTest, upper: MembershipTest, domain?: readonly string[]): Implication {
    const lowerSet = new Set(lower.values.map(factKey));
    const upperSet = new Set(upper.values.map(factKey));
    if (!lower.negated && !upper.negated) {
        const witness = [...lowerSet].find(v => !upperSet.has(v));
        return witness === undefined ? { holds: true } : { holds: false, witness };
    }
    if (!lower.negated && upper.negated) {
        const witness = [...lowerSet].find(v => upperSet.has(v));
        return witness === undefined ? { holds: true } : { holds: false, witness };
    }
    if (lower.negated && upper.negated) {
        const witness = [...upperSet].find(v => !lowerSet.has(v));
        return witness === undefined ? { holds: true } : { holds: false, witness };
    }
    // Not in L ⇒ in U: only with a finite domain, where every value outside L must be in U.
    if (!domain) {
        return { holds: 'unknown' };
    }
    const witness = domain.map(factKey).find(v => !lowerSet.has(v) && !upperSet.has(v));
    return witness === undefined ? { holds: true } : { holds: false, witness };
}

/** The values a case can take and pass both tests (for tiers selected by the same enumerated fact). */
export function sharedValues(a: MembershipTest, b: MembershipTest, domain?: readonly string[]): string[] | undefined {
    const passes = (test: MembershipTest, value: string) => test.values.map(factKey).includes(value) !== test.negated;
    if (!a.negated && !b.negated) {
        return a.values.map(factKey).filter(v => passes(b, v));
    }
    if (!domain) {
        return undefined; // a negated test passes values nobody listed
    }
    return domain.map(factKey).filter(v => passes(a, v) && passes(b, v));
}

/** The values of a fact's domain that no test passes (a gap in a partition of tiers by that fact). */
export function untakenValues(tests: readonly MembershipTest[], domain: readonly string[]): string[] {
    return domain.filter(value => !tests.some(test => test.values.map(factKey).includes(factKey(value)) !== test.negated));
}

/** How a membership test reads: 「区域」为「饮用水水源保护区」或「环境敏感区」. */
export function describeMembership(test: MembershipTest): string {
    return `「${test.fact}」${test.negated ? '不为' : '为'}${test.values.map(v => `「${v}」`).join('或')}`;
}

/** An overlap or a gap between tiers selected by one enumerated fact. */
export type MembershipPartitionIssue<R> =
    | { readonly kind: 'overlap'; readonly fact: string; readonly first: R; readonly second: R; readonly values: readonly string[] }
    | { readonly kind: 'gap'; readonly fact: string; readonly values: readonly string[]; readonly last: R };

/**
 * Tiers selected by membership tests on the same fact: two tiers whose tests pass a common value overlap (a case
 * with that value matches both); values of the fact's declared domain that no tier passes are a gap. A fact tested
 * by one tier only is not judged, nor is a negated test without the fact's domain (its values are unknown).
 */
export function checkMembershipPartition<R>(
    selectors: readonly { readonly tier: R; readonly test: MembershipTest }[],
    domainOfFact: (fact: string) => readonly string[] | undefined
): MembershipPartitionIssue<R>[] {
    const groups = new Map<string, { tier: R; test: MembershipTest }[]>();
    for (const selector of selectors) {
        const key = factKey(selector.test.fact);
        groups.set(key, [...(groups.get(key) ?? []), selector]);
    }
    const issues: MembershipPartitionIssue<R>[] = [];
    for (const group of groups.values()) {
        if (new Set(group.map(g => g.tier)).size < 2) {
            continue;
        }
        const fact = group[0]!.test.fact;
        const domain = domainOfFact(fact);
        for (let i = 0; i < group.length; i++) {
            for (let j = i + 1; j < group.length; j++) {
                if (group[i]!.tier === group[j]!.tier) continue;
                const shared = sharedValues(group[i]!.test, group[j]!.test, domain);
                if (shared && shared.length > 0) {
                    issues.push({ kind: 'overlap', fact, first: group[i]!.tier, second: group[j]!.tier, values: shared });
                }
            }
        }
        const untaken = domain ? untakenValues(group.map(g => g.test), domain) : [];
        if (untaken.length > 0) {
            issues.push({ kind: 'gap', fact, values: untaken, last: group[group.length - 1]!.tier });
        }
    }
    return issues;
}

const NUMERAL = '(?:[0-9]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿点]+)';
const UNIT = '(?:万元|亿元|元|倍|%|日|天|个月|年|吨|小时|次)';
const BOUND = `(?:(?:不超过|不高于|不多于|不少于|不低于|不足|不满|超过|高于|低于|多于|少于)${NUMERAL}${UNIT}|(?:百分之)?${NUMERAL}${UNIT}?(?:以上|以下|以内)?)`;
const BOUND_PARTS = `(不超过|不高于|不多于|不少于|不低于|不足|不满|超过|高于|低于|多于|少于)?(百分之)?(${NUMERAL})(${UNIT})?(以上|以下|以内)?`;
const TYPED_TEXT = new RegExp(`^(\\p{Script=Han}[\\p{Script=Han}A-Za-z]*?)(${BOUND}(?:(?:、|，|,|且|并且)?${BOUND})?)$`, 'u');

/**
 * A free-text condition that is a quantity and its range written together (「违法所得不超过五万元」,
 * 「超标倍数0.1倍以上0.5倍以下」): the fact's name, the range words (to be rewritten as 指标 「违法所得」 不超过五万元)
 * and the bounds as written, for resolveRange. Undefined when the text is anything else, or its range has no
 * number with a unit.
 */
export function typedFromText(text: string): { readonly fact: string; readonly range: string; readonly bounds: readonly WrittenBound<undefined>[] } | undefined {
    const match = TYPED_TEXT.exec(text.replace(/\s+/g, '').replace(/的$/, ''));
    if (!match || !new RegExp(`${NUMERAL}${UNIT}`).test(match[2]!)) {
        return undefined;
    }
    const fact = match[1]!.replace(/(在|为|达到|达)$/, '');
    const range = match[2]!.replace(/(、|，|,|且|并且)/, '');
    const bounds: WrittenBound<undefined>[] = [];
    for (const piece of range.matchAll(new RegExp(BOUND_PARTS, 'gu'))) {
        const [, prefix, percent, numeral, unit, suffix] = piece;
        const quantity = percent ? makeQuantity(numeral!, '百分之') : makeQuantity(numeral!, unit ?? '');
        bounds.push({ quantity, word: (prefix ?? suffix) as BoundaryWord | undefined, source: undefined });
    }
    return fact.length > 0 ? { fact, range, bounds } : undefined;
}
