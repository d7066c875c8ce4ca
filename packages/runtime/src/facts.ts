import { DIMENSION_LABEL, type Dimension, type Quantity, formatQuantity, isDimension, makeQuantity } from '@chidu/language/domain';
import { type Chain, authorities, isIsoDate } from './chain.js';
import type { AmountJson, ConditionJson, PenaltyJson } from './format.js';

/** A quantity fact the workspace's typed conditions or amount bases read (指标 「超标倍数」, 货值金额). */
export interface QuantityFact {
    readonly name: string;
    readonly dimension: Dimension;
    /** Where it is used, for messages and the schema: 「江门…」事项 3-19 阶次 2. */
    readonly usedBy: readonly string[];
}

/**
 * The fact vocabulary of a workspace: the quantities its typed conditions and amount bases read, and the
 * free-text conditions (情形, 条件, 升格情形) an officer may affirm or deny. Free text is never read for meaning:
 * it is decided only by the officer's finding in the case.
 */
export interface Vocabulary {
    readonly quantities: ReadonlyMap<string, QuantityFact>;
    readonly texts: ReadonlySet<string>;
    /** Enumerated facts (「区域」) tested by membership conditions, with the values declared for them (if any). */
    readonly enumerations: ReadonlyMap<string, readonly string[] | undefined>;
    readonly authorities: readonly string[];
}

function walkCondition(condition: ConditionJson, visit: (leaf: ConditionJson) => void): void {
    const stack: ConditionJson[] = [condition];
    while (stack.length > 0) {
        const c = stack.pop()!;
        if (c.type === 'all' || c.type === 'any' || c.type === 'none') stack.push(...c.conditions);
        else visit(c);
    }
}

function amountsOf(penalty: PenaltyJson | null): AmountJson[] {
    if (!penalty) return [];
    const groups = [...penalty.groups, ...penalty.escalations.flatMap(e => e.groups)];
    return groups.flatMap(g => g.alternatives.flatMap(a => a.type === 'penalty' && a.amount ? [a.amount] : []));
}

export function buildVocabulary(chain: Chain): Vocabulary {
    const quantities = new Map<string, { name: string; dimension: Dimension; usedBy: string[] }>();
    const texts = new Set<string>();
    const enumerations = new Map<string, readonly string[] | undefined>();
    const declared = new Map<string, readonly string[]>();
    for (const document of [...chain.benchmarks, ...chain.lists]) {
        for (const fact of document.facts ?? []) {
            if (fact.kind === 'enumeration' && fact.values && !declared.has(fact.name)) declared.set(fact.name, fact.values);
        }
    }
    const addEnumeration = (fact: string) => { if (!enumerations.has(fact)) enumerations.set(fact, declared.get(fact)); };
    const addQuantity = (name: string, unit: string, where: string) => {
        if (!isDimension(unit)) return;
        const known = quantities.get(name);
        if (known) {
            if (!known.usedBy.includes(where)) known.usedBy.push(where);
        } else {
            quantities.set(name, { name, dimension: unit, usedBy: [where] });
        }
    };
    const addBases = (penalty: PenaltyJson | null, where: string) => {
        for (const amount of amountsOf(penalty)) {
            if (amount.base && amount.measure !== 'fixed') addQuantity(amount.base.label, 'yuan', where);
            if (amount.measure === 'switch') {
                for (const branch of amount.branches) {
                    if (branch.amount?.base) addQuantity(branch.amount.base.label, 'yuan', where);
                }
            }
        }
        for (const escalation of penalty?.escalations ?? []) texts.add(escalation.trigger);
    };
    for (const benchmark of chain.benchmarks) {
        for (const item of benchmark.items) {
            const where = `「${benchmark.document.name}」事项 ${item.code}`;
            addBases(item.statutoryPenalty, where);
            for (const tier of item.tiers) {
                tier.conditions.forEach(t => texts.add(t));
                for (const selector of tier.selectors) {
                    if (selector.type === 'membership') addEnumeration(selector.fact);
                    else if (selector.interval) addQuantity(selector.name, selector.interval.unit, `${where} 阶次 ${tier.name}`);
                }
                addBases(tier.standard, `${where} 阶次 ${tier.name}`);
            }
        }
    }
    for (const list of chain.lists) {
        for (const entry of list.entries) {
            const where = `「${list.document.name}」条目 ${entry.number}`;
            if (entry.conditions) {
                walkCondition(entry.conditions, leaf => {
                    if (leaf.type === 'text') texts.add(leaf.text);
                    else if (leaf.type === 'fact') { texts.add(leaf.text); texts.add(leaf.fact); }
                    else if (leaf.type === 'membership') addEnumeration(leaf.fact);
                    else if (leaf.type === 'indicator' && leaf.interval) addQuantity(leaf.name, leaf.interval.unit, where);
                });
            }
            addBases(entry.penalty, where);
        }
    }
    texts.delete('');
    return { quantities, texts, enumerations, authorities: authorities(chain) };
}

/** A case as the runtime reads it, after validation. */
export interface Case {
    readonly name: string | undefined;
    readonly authority: string;
    readonly item: string | undefined;
    readonly entries: readonly string[];
    readonly actDate: string;
    readonly decisionDate: string;
    readonly area: string | undefined;
    readonly domain: string | undefined;
    readonly subjects: readonly string[];
    readonly facts: ReadonlyMap<string, Quantity>;
    /** The written value of each fact, for explanations. */
    readonly factTexts: ReadonlyMap<string, string>;
    readonly findings: ReadonlyMap<string, boolean>;
    /** The value of each enumerated fact (「区域」 → 「一般区域」). */
    readonly values: ReadonlyMap<string, string>;
    /** Dates of earlier violations of the same kind; undefined when the case does not say (not: none). */
    readonly priorViolations: readonly string[] | undefined;
    readonly expected: Expected | undefined;
}

/** What a case test expects; each field present is compared. */
export interface Expected {
    readonly item?: string;
    /** The tier applied, or null when none may be applied. */
    readonly tier?: string | null;
    /** The fine range in interval notation, as the build writes it: "[10万元, 20万元]". */
    readonly range?: string | null;
    /** The exemption outcome word (不予处罚, 可以不予处罚, 减轻, 从轻, 从重), or null when no entry applies. */
    readonly exemption?: string | null;
    readonly entry?: string | null;
    /** The benchmark applied (从旧兼从轻). */
    readonly benchmark?: string;
}

/** A case that cannot be evaluated: every problem, located by its JSON path, in Chinese. */
export class CaseError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join('；'));
    }
}

const CASE_KEYS = new Set(['$schema', 'name', 'description', 'authority', 'item', 'entries', 'actDate', 'decisionDate', 'area', 'domain',
    'subjects', 'facts', 'values', 'findings', 'priorViolations', 'expected', 'source']);
const EXPECTED_KEYS = new Set(['item', 'tier', 'range', 'exemption', 'entry', 'benchmark']);
const UNIT_PATTERN = /^(.*?)(万元|亿元|元|倍|%|％|个月|月|日|天|年|吨|小时|次)?$/;

/** Reads a written quantity ("12万元", "0.08吨", "百分之五", "7"), undefined when it is not one. */
export function readQuantity(text: string): Quantity | undefined {
    const compact = text.replace(/\s+/g, '');
    if (/^[-−]/.test(compact)) {
        const positive = readQuantity(compact.slice(1));
        return positive && { value: positive.value.negated(), dimension: positive.dimension };
    }
    const trimmed = compact;
    if (trimmed.startsWith('百分之')) return makeQuantity(trimmed.slice(3), '百分之');
    const match = UNIT_PATTERN.exec(trimmed);
    if (!match || match[1] === '') return undefined;
    return makeQuantity(match[1]!, match[2] ?? '');
}

const EXAMPLE_OF: Record<Dimension, string> = {
    yuan: '"12万元"', multiple: '"0.5倍"', percent: '"5%"', day: '"15日"', month: '"3个月"', year: '"2年"', ton: '"0.08吨"', hour: '"24小时"', count: '"1次"', number: '"7"'
};

function nearest(name: string, known: Iterable<string>): string[] {
    const chars = new Set(name);
    return [...known].map(k => ({ k, score: [...k].filter(c => chars.has(c)).length }))
        .filter(x => x.score >= Math.min(2, name.length)).sort((a, b) => b.score - a.score).slice(0, 3).map(x => x.k);
}

/** Validates a case against the vocabulary. Throws CaseError with every problem found. */
export function readCase(input: unknown, vocabulary: Vocabulary): Case {
    const problems: string[] = [];
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new CaseError(['案例应为 JSON 对象']);
    }
    const raw = input as Record<string, unknown>;
    for (const key of Object.keys(raw)) {
        if (!CASE_KEYS.has(key)) problems.push(`未知字段「${key}」（可用：${[...CASE_KEYS].filter(k => k !== '$schema').join('、')}）`);
    }
    const text = (key: string, required: boolean): string | undefined => {
        const value = raw[key];
        if (value === undefined) {
            if (required) problems.push(`缺少「${key}」`);
            return undefined;
        }
        if (typeof value !== 'string' || value.trim() === '') {
            problems.push(`「${key}」应为非空文字`);
            return undefined;
        }
        return value.trim();
    };
    const strings = (key: string): string[] => {
        const value = raw[key];
        if (value === undefined) return [];
        if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
            problems.push(`「${key}」应为文字数组`);
            return [];
        }
        return value as string[];
    };
    const authority = text('authority', true);
    if (authority !== undefined && !vocabulary.authorities.includes(authority)) {
        problems.push(`执法机关「${authority}」不是工作区中任何基准或清单的制定机关（已知：${vocabulary.authorities.join('、')}）`);
    }
    const actDate = text('actDate', true);
    if (actDate !== undefined && !isIsoDate(actDate)) problems.push(`「actDate」（违法行为发生日期）应为存在的日期 YYYY-MM-DD：${actDate}`);
    const decisionDate = text('decisionDate', false) ?? actDate;
    if (decisionDate !== undefined && decisionDate !== actDate && !isIsoDate(decisionDate)) {
        problems.push(`「decisionDate」（作出决定日期）应为存在的日期 YYYY-MM-DD：${decisionDate}`);
    } else if (actDate && decisionDate && isIsoDate(actDate) && decisionDate < actDate) {
        problems.push(`作出决定日期 ${decisionDate} 早于违法行为发生日期 ${actDate}`);
    }
    const facts = new Map<string, Quantity>();
    const factTexts = new Map<string, string>();
    const rawFacts = raw['facts'] ?? {};
    if (typeof rawFacts !== 'object' || rawFacts === null || Array.isArray(rawFacts)) {
        problems.push('「facts」应为对象：事实名称 → 带单位的数值（如 "违法所得": "12万元"）');
    } else {
        for (const [name, value] of Object.entries(rawFacts as Record<string, unknown>)) {
            const fact = vocabulary.quantities.get(name);
            if (!fact) {
                const similar = nearest(name, vocabulary.quantities.keys());
                problems.push(`facts.${name}：未知事实「${name}」，工作区中没有以它为指标或计罚基数的条件` +
                    (similar.length > 0 ? `（是否指：${similar.map(s => `「${s}」`).join('、')}）` : ''));
                continue;
            }
            const expected = `${DIMENSION_LABEL[fact.dimension]}，如 ${EXAMPLE_OF[fact.dimension]}`;
            if (typeof value !== 'string') {
                problems.push(`facts.${name}：应写成带单位的文字（${expected}），不能是${typeof value === 'number' ? '不带单位的数字' : typeof value}`);
                continue;
            }
            const quantity = readQuantity(value);
            if (!quantity) {
                problems.push(`facts.${name}：「${value}」不是可读的数量（应为${expected}）`);
            } else if (quantity.dimension !== fact.dimension) {
                problems.push(`facts.${name}：单位不符，「${name}」是${DIMENSION_LABEL[fact.dimension]}（如 ${EXAMPLE_OF[fact.dimension]}），写成了${DIMENSION_LABEL[quantity.dimension]}「${value}」`);
            } else if (quantity.value.isNegative()) {
                problems.push(`facts.${name}：「${value}」为负数，超出取值范围`);
            } else {
                facts.set(name, quantity);
                factTexts.set(name, formatQuantity(quantity.value, quantity.dimension));
            }
        }
    }
    const findings = new Map<string, boolean>();
    const rawFindings = raw['findings'] ?? {};
    if (typeof rawFindings !== 'object' || rawFindings === null || Array.isArray(rawFindings)) {
        problems.push('「findings」应为对象：情形原文 → true（认定）或 false（不认定）');
    } else {
        for (const [condition, value] of Object.entries(rawFindings as Record<string, unknown>)) {
            if (!vocabulary.texts.has(condition)) {
                const similar = nearest(condition, vocabulary.texts);
                problems.push(`findings：情形「${condition}」不在工作区的任何阶次、条目或升格情形中（须与原文一字不差）` +
                    (similar.length > 0 ? `；相近的原文：${similar.map(s => `「${s}」`).join('、')}` : ''));
            } else if (typeof value !== 'boolean') {
                problems.push(`findings.${condition}：应为 true（认定）或 false（不认定）`);
            } else {
                findings.set(condition, value);
            }
        }
    }
    const values = new Map<string, string>();
    const rawValues = raw['values'] ?? {};
    if (typeof rawValues !== 'object' || rawValues === null || Array.isArray(rawValues)) {
        problems.push('「values」应为对象：枚举事实名称 → 取值（如 "区域": "一般区域"）');
    } else {
        for (const [name, value] of Object.entries(rawValues as Record<string, unknown>)) {
            if (!vocabulary.enumerations.has(name)) {
                const similar = nearest(name, vocabulary.enumerations.keys());
                problems.push(`values.${name}：未知的枚举事实「${name}」，工作区中没有按它的取值判断的条件` +
                    (similar.length > 0 ? `（是否指：${similar.map(s => `「${s}」`).join('、')}）` : ''));
                continue;
            }
            const domain = vocabulary.enumerations.get(name);
            if (typeof value !== 'string' || value.trim() === '') {
                problems.push(`values.${name}：应为文字取值`);
            } else if (domain && !domain.includes(value.trim())) {
                problems.push(`values.${name}：「${value}」不是「${name}」的取值（${domain.map(v => `「${v}」`).join('、')}）`);
            } else {
                values.set(name, value.trim());
            }
        }
    }
    let priorViolations: string[] | undefined;
    if (raw['priorViolations'] !== undefined) {
        priorViolations = strings('priorViolations');
        for (const date of priorViolations) {
            if (!isIsoDate(date)) problems.push(`priorViolations：「${date}」不是存在的日期 YYYY-MM-DD`);
            else if (actDate && date >= actDate) problems.push(`priorViolations：${date} 不早于本次违法行为发生日期 ${actDate}`);
        }
    }
    const expected = readExpected(raw['expected'], problems);
    const entries = strings('entries');
    const result: Case = {
        name: text('name', false), authority: authority ?? '', item: text('item', false), entries,
        actDate: actDate ?? '', decisionDate: decisionDate ?? '', area: text('area', false), domain: text('domain', false),
        subjects: strings('subjects'), facts, factTexts, findings, values, priorViolations, expected
    };
    if (problems.length > 0) throw new CaseError(problems);
    return result;
}

function readExpected(value: unknown, problems: string[]): Expected | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push('「expected」应为对象');
        return undefined;
    }
    for (const [key, v] of Object.entries(value)) {
        if (!EXPECTED_KEYS.has(key)) problems.push(`expected：未知字段「${key}」（可用：${[...EXPECTED_KEYS].join('、')}）`);
        else if (v !== null && typeof v !== 'string') problems.push(`expected.${key}：应为文字或 null`);
    }
    return value as Expected;
}
