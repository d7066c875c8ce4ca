import { Decimal } from 'decimal.js';
import {
    type Dimension, type Interval, type LookbackWindow, compareUpper, compareLower, describeWindow,
    dispositionOf, formatInterval, isDimension, readLookbackText, windowOf, CIRCUMSTANCE_WORDS
} from '@chidu/language/domain';
import { type Chain, inForce, listsOfChain, upperBenchmarks } from './chain.js';
import type { Case } from './facts.js';
import type {
    AmountJson, ConditionJson, EffectiveBenchmarkJson, EntryJson, ExemptionListJson, GroupJson, IndicatorJson, IntervalJson, ItemJson, MembershipJson, SelectorJson,
    PenaltyJson, TierJson
} from './format.js';

/** Three-valued: a condition the facts satisfy, fail, or cannot decide (it needs the officer's judgement). */
export type Status = 'met' | 'failed' | 'undecided';

export type ConditionTrace =
    | { readonly type: 'indicator'; readonly name: string; readonly text: string; readonly interval: string | null; readonly value: string | null; readonly status: Status; readonly reason: string }
    | { readonly type: 'text'; readonly text: string; readonly status: Status; readonly reason: string }
    | { readonly type: 'membership'; readonly fact: string; readonly text: string; readonly value: string | null; readonly status: Status; readonly reason: string }
    | { readonly type: 'all' | 'any' | 'none'; readonly status: Status; readonly conditions: readonly ConditionTrace[] };

export interface TierTrace {
    readonly name: string;
    readonly grade: string | null;
    readonly status: Status;
    readonly reason: string;
    readonly selectors: readonly ConditionTrace[];
    readonly conditions: readonly ConditionTrace[];
}

/** A sanction of the applied tier with its amount as the case fixes it. */
export interface SanctionResult {
    readonly kind: 'penalty' | 'measure';
    readonly name: string;
    /** mandatory (并处 / 应当), optional (可以并处), alone (单处) or applies (stated on its own). */
    readonly combination: string;
    readonly party: string;
    /** Alternatives of one group (或者): the officer chooses one. */
    readonly alternativeOf: number;
    /** The amount as written (十万元以上二十万元以下) and as an interval; in 元 when a base fact fixes a multiple. */
    readonly amountText: string | null;
    readonly range: string | null;
    readonly rangeInterval: { readonly interval: Interval; readonly dimension: Dimension } | null;
    readonly note: string | null;
}

export interface EntryTrace {
    readonly list: string;
    readonly listIssuer: string | null;
    readonly number: string;
    readonly name: string | null;
    readonly consequence: string | null;
    readonly status: Status;
    readonly reason: string;
    readonly conditions: ConditionTrace | null;
    readonly grounds: readonly string[];
    readonly measures: readonly string[];
}

export interface Decision {
    readonly case: string | undefined;
    readonly authority: string;
    readonly actDate: string;
    readonly decisionDate: string;
    /** The benchmark applied, and why that version (从旧兼从轻). */
    readonly benchmark: { readonly name: string; readonly issuer: string | null; readonly docNumber: string | null; readonly effectiveFrom: string | null } | null;
    readonly version: string;
    readonly item: { readonly code: string; readonly violation: string | null; readonly document: string; readonly foundAt: string } | null;
    readonly tiers: readonly TierTrace[];
    /** The tier applied, or null when none can be (no tier met, or several met without a 竞合 rule). */
    readonly tier: string | null;
    readonly tierReason: string;
    readonly hitPolicy: string | null;
    readonly sanctions: readonly SanctionResult[];
    /** The fine range of the applied tier (the first fine), in interval notation. */
    readonly range: string | null;
    readonly escalations: readonly { readonly trigger: string; readonly status: Status }[];
    readonly entries: readonly EntryTrace[];
    /** The exemption or aggravation the lists give, or null. */
    readonly exemption: { readonly consequence: string; readonly mandatory: boolean; readonly list: string; readonly entry: string; readonly grounds: readonly string[]; readonly measures: readonly string[] } | null;
    readonly outcome: string;
    readonly citations: readonly string[];
    readonly observation: readonly { readonly name: string; readonly measures: readonly string[]; readonly until: string | null }[];
    /** Conditions that need the officer's judgement: 情形 no finding decides. */
    readonly undecided: readonly string[];
    readonly notes: readonly string[];
    readonly explanation: string;
    readonly record: DecisionRecord;
}

/** The structured record of a decision (一案一码): what was applied and on which facts. */
export interface DecisionRecord {
    readonly format: 'chidu-decision-record';
    readonly formatVersion: 1;
    readonly benchmark: { readonly name: string; readonly issuer: string | null; readonly docNumber: string | null; readonly effectiveFrom: string | null; readonly version: string } | null;
    readonly item: string | null;
    readonly tier: string | null;
    readonly range: string | null;
    readonly exemptionConsidered: readonly { readonly list: string; readonly entry: string; readonly status: Status }[];
    readonly exemption: { readonly list: string; readonly entry: string; readonly consequence: string } | null;
    readonly factsUsed: Readonly<Record<string, string>>;
    readonly findingsUsed: Readonly<Record<string, boolean>>;
    readonly actDate: string;
    readonly decisionDate: string;
}

export class EvaluationError extends Error { }

// ---------------------------------------------------------------------------------------------------------
// Conditions

function toInterval(json: IntervalJson): Interval {
    const end = (e: IntervalJson['lower']) => e ? { value: new Decimal(e.value), closed: e.closed } : undefined;
    return { lower: end(json.lower), upper: end(json.upper) };
}

function containsValue(interval: Interval, value: Decimal): boolean {
    const { lower, upper } = interval;
    if (lower && (value.lt(lower.value) || (value.eq(lower.value) && !lower.closed))) return false;
    if (upper && (value.gt(upper.value) || (value.eq(upper.value) && !upper.closed))) return false;
    return true;
}

interface Context {
    readonly kase: Case;
    readonly usedFacts: Map<string, string>;
    readonly usedFindings: Map<string, boolean>;
    readonly undecided: Set<string>;
}

function indicatorTrace(indicator: IndicatorJson, ctx: Context): ConditionTrace {
    const base = { type: 'indicator' as const, name: indicator.name, text: indicator.text, interval: indicator.interval?.notation ?? null };
    const fact = ctx.kase.facts.get(indicator.name);
    if (!indicator.interval) {
        return { ...base, value: null, status: 'undecided', reason: `指标「${indicator.name}」的范围无法读取` };
    }
    if (!fact) {
        ctx.undecided.add(`指标「${indicator.name}」${indicator.text}`);
        return { ...base, value: null, status: 'undecided', reason: `案例未给出「${indicator.name}」` };
    }
    const value = ctx.kase.factTexts.get(indicator.name)!;
    ctx.usedFacts.set(indicator.name, value);
    const met = containsValue(toInterval(indicator.interval), fact.value);
    return {
        ...base, value, status: met ? 'met' : 'failed',
        reason: `「${indicator.name}」为 ${value}，${met ? '在' : '不在'} ${indicator.interval.notation} 内`
    };
}

/** A membership test (「区域」为「…」), decided by the enumerated value the case gives. */
function membershipTrace(test: MembershipJson, ctx: Context): ConditionTrace {
    const base = { type: 'membership' as const, fact: test.fact, text: test.text };
    const value = ctx.kase.values.get(test.fact);
    if (value === undefined) {
        ctx.undecided.add(test.text);
        return { ...base, value: null, status: 'undecided', reason: `案例未给出「${test.fact}」的取值` };
    }
    ctx.usedFacts.set(test.fact, value);
    const listed = test.values.includes(value);
    const met = listed !== test.negated;
    return { ...base, value, status: met ? 'met' : 'failed', reason: `「${test.fact}」为「${value}」，${listed ? '在' : '不在'}所列取值中` };
}

function selectorTrace(selector: SelectorJson, ctx: Context): ConditionTrace {
    return selector.type === 'membership' ? membershipTrace(selector, ctx) : indicatorTrace(selector, ctx);
}

function textTrace(text: string, ctx: Context, window?: LookbackWindow): ConditionTrace {
    const finding = ctx.kase.findings.get(text);
    if (finding !== undefined) {
        ctx.usedFindings.set(text, finding);
        return { type: 'text', text, status: finding ? 'met' : 'failed', reason: finding ? '执法人员认定' : '执法人员不认定' };
    }
    // A first-violation condition with a look-back window is decided by the case's earlier violations.
    const stated = readLookbackText(text);
    const lookback = stated ?? window;
    if (CIRCUMSTANCE_WORDS.firstViolation.test(text) && ctx.kase.priorViolations !== undefined && lookback) {
        const start = windowStart(ctx.kase.actDate, lookback);
        const within = ctx.kase.priorViolations.filter(d => start === undefined || d >= start);
        const span = describeWindow(lookback);
        return within.length === 0
            ? { type: 'text', text, status: 'met', reason: `${span}（${start ?? '不限'} 起）无同类违法记录` }
            : { type: 'text', text, status: 'failed', reason: `${span}（${start ?? '不限'} 起）有同类违法记录：${within.join('、')}` };
    }
    ctx.undecided.add(text);
    return { type: 'text', text, status: 'undecided', reason: '文字情形，须由执法人员认定（案例 findings 未载）' };
}

function windowStart(actDate: string, window: LookbackWindow): string | undefined {
    switch (window.kind) {
        case 'none': return undefined;
        case 'calendarYear': return `${actDate.slice(0, 4)}-01-01`;
        case 'months': {
            const [y, m, d] = actDate.split('-').map(Number) as [number, number, number];
            const back = new Date(Date.UTC(y, m - 1 - window.months, 1));
            const lastDay = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate();
            back.setUTCDate(Math.min(d, lastDay));
            return back.toISOString().slice(0, 10);
        }
    }
}

function combineAll(statuses: readonly Status[]): Status {
    if (statuses.includes('failed')) return 'failed';
    return statuses.includes('undecided') ? 'undecided' : 'met';
}

function combineAny(statuses: readonly Status[]): Status {
    if (statuses.includes('met')) return 'met';
    return statuses.includes('undecided') ? 'undecided' : 'failed';
}

/** An entry's condition tree, evaluated without recursion on the host stack's depth (groups nest at most 32 deep). */
function conditionTrace(condition: ConditionJson, ctx: Context, window: LookbackWindow | undefined): ConditionTrace {
    switch (condition.type) {
        case 'indicator': return indicatorTrace(condition, ctx);
        case 'membership': return membershipTrace(condition, ctx);
        case 'text': return textTrace(condition.text, ctx, window);
        // A circumstance of the law: the officer may affirm it by its name or by the words of the condition.
        case 'fact': return textTrace(!ctx.kase.findings.has(condition.text) && ctx.kase.findings.has(condition.fact) ? condition.fact : condition.text, ctx, window);
        default: {
            const conditions = condition.conditions.map(c => conditionTrace(c, ctx, window));
            const statuses = conditions.map(c => c.status);
            const any = combineAny(statuses);
            const status = condition.type === 'all' ? combineAll(statuses) : condition.type === 'any' ? any : any === 'met' ? 'failed' : any === 'failed' ? 'met' : 'undecided';
            return { type: condition.type, status, conditions };
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Tiers

/** The reason of a tier's 情形 words when its 指标 select it: a description, not a condition. */
export const DESCRIBED_BY_SELECTORS = '文字情形（本阶次由指标选择，此处为说明）';

function tierTrace(tier: TierJson, ctx: Context): TierTrace {
    const selectors = tier.selectors.map(s => selectorTrace(s, ctx));
    const texts = tier.conditions.map(t => ({ t, finding: ctx.kase.findings.get(t) }));
    const conditions: ConditionTrace[] = texts.map(({ t, finding }) => {
        if (finding !== undefined) {
            ctx.usedFindings.set(t, finding);
            return { type: 'text', text: t, status: finding ? 'met' : 'failed', reason: finding ? '执法人员认定' : '执法人员不认定' };
        }
        return { type: 'text', text: t, status: 'undecided', reason: selectors.length > 0 ? DESCRIBED_BY_SELECTORS : '文字情形，须由执法人员认定' };
    });
    const base = { name: tier.name, grade: tier.grade, selectors, conditions };
    if (selectors.length > 0) {
        // A typed 指标 selects the tier; its 情形 words describe it.
        const status = combineAll(selectors.map(s => s.status));
        if (status === 'met' && conditions.length > 0 && conditions.every(c => c.status === 'failed')) {
            return { ...base, status: 'undecided', reason: '指标满足，但执法人员不认定本阶次的任何情形' };
        }
        const reason = status === 'met' ? '指标均满足' : status === 'failed' ? '有指标不满足' : '有指标无法判定（缺少事实）';
        return { ...base, status, reason };
    }
    if (conditions.length === 0) {
        return { ...base, status: 'undecided', reason: '阶次未写适用情形，须由执法人员裁量' };
    }
    const status = combineAny(conditions.map(c => c.status));
    if (status === 'undecided') {
        for (const c of conditions) if (c.status === 'undecided') ctx.undecided.add((c as { text: string }).text);
    }
    const reason = status === 'met' ? '认定情形之一（情形满足其一即适用）' : status === 'failed' ? '各情形均不认定' : '情形未经认定';
    return { ...base, status, reason };
}

/** The first fine of a penalty: what tiers are compared by (竞合) and the range a decision states. */
function firstFine(penalty: PenaltyJson): AmountJson | undefined {
    for (const group of penalty.groups) {
        for (const alternative of group.alternatives) {
            if (alternative.type === 'penalty' && alternative.kind === 'fine' && alternative.amount) return alternative.amount;
        }
    }
    return undefined;
}

function amountInterval(amount: AmountJson | undefined): Interval | undefined {
    return amount && amount.measure !== 'switch' ? toInterval(amount.interval) : undefined;
}

/** Orders tiers by severity: the upper end of the first fine, then its lower end, then the order the table prints. */
function compareSeverity(a: { tier: TierJson; index: number }, b: { tier: TierJson; index: number }): number {
    const fa = firstFine(a.tier.standard);
    const fb = firstFine(b.tier.standard);
    const ia = amountInterval(fa);
    const ib = amountInterval(fb);
    if (ia && ib && fa!.measure !== 'switch' && fb!.measure !== 'switch' && fa!.interval.unit === fb!.interval.unit) {
        const byUpper = compareUpper(ia.upper, ib.upper);
        if (byUpper !== 0) return byUpper;
        const byLower = compareLower(ia.lower, ib.lower);
        if (byLower !== 0) return byLower;
    }
    return a.index - b.index;
}

// ---------------------------------------------------------------------------------------------------------
// Sanctions

function sanctionsOf(groups: readonly GroupJson[], ctx: Context, notes: string[]): SanctionResult[] {
    const results: SanctionResult[] = [];
    groups.forEach((group, groupIndex) => {
        for (const alternative of group.alternatives) {
            if (alternative.type === 'measure') {
                results.push({
                    kind: 'measure', name: alternative.name, combination: group.combination, party: group.party, alternativeOf: groupIndex,
                    amountText: null, range: null, rangeInterval: null, note: null
                });
                continue;
            }
            const fixed = fixAmount(alternative.amount, ctx, notes);
            results.push({
                kind: 'penalty', name: alternative.kindLabel === '其他处罚' ? alternative.name : alternative.kindLabel,
                combination: group.combination, party: group.party, alternativeOf: groupIndex,
                amountText: fixed.text, range: fixed.range, rangeInterval: fixed.interval, note: fixed.note
            });
        }
    });
    return results;
}

function scaled(interval: Interval, factor: Decimal): Interval {
    const end = (e: Interval['lower']) => e && { value: e.value.times(factor), closed: e.closed };
    return { lower: end(interval.lower), upper: end(interval.upper) };
}

/** The amount of a sanction as the case fixes it: a multiple or share of a base becomes 元 when the base is a fact. */
function fixAmount(amount: AmountJson | null, ctx: Context, notes: string[]):
    { text: string | null; range: string | null; interval: { interval: Interval; dimension: Dimension } | null; note: string | null } {
    if (!amount) return { text: null, range: null, interval: null, note: null };
    if (amount.measure === 'switch') {
        const base = ctx.kase.facts.get(amount.base.label);
        if (!base) {
            ctx.undecided.add(`计罚基数「${amount.base.label}」`);
            return { text: null, range: null, interval: null, note: `按「${amount.base.label}」分档，案例未给出「${amount.base.label}」` };
        }
        ctx.usedFacts.set(amount.base.label, ctx.kase.factTexts.get(amount.base.label)!);
        const branch = amount.branches.find(b => b.guard && containsValue(toInterval(b.guard), base.value));
        if (!branch?.amount) {
            return { text: null, range: null, interval: null, note: `「${amount.base.label}」为 ${ctx.kase.factTexts.get(amount.base.label)}，没有适用的分支` };
        }
        const inner = fixAmount(branch.amount, ctx, notes);
        return { ...inner, note: `「${amount.base.label}」为 ${ctx.kase.factTexts.get(amount.base.label)}，适用分支 ${branch.guard!.notation}${inner.note ? `；${inner.note}` : ''}` };
    }
    const interval = toInterval(amount.interval);
    const unit = isDimension(amount.interval.unit) ? amount.interval.unit : 'number';
    if ((amount.measure === 'multiple' || amount.measure === 'percent') && amount.base) {
        const base = ctx.kase.facts.get(amount.base.label);
        if (base) {
            const baseText = ctx.kase.factTexts.get(amount.base.label)!;
            ctx.usedFacts.set(amount.base.label, baseText);
            const factor = amount.measure === 'percent' ? base.value.div(100) : base.value;
            const yuan = scaled(interval, factor);
            return {
                text: `${amount.base.label} ${amount.text}`, range: formatInterval(yuan, 'yuan'), interval: { interval: yuan, dimension: 'yuan' },
                note: `${amount.base.label} ${baseText} × ${amount.interval.notation}`
            };
        }
        notes.push(`罚款按「${amount.base.label}」${amount.text}计算，案例未给出「${amount.base.label}」，只能给出${amount.measure === 'multiple' ? '倍数' : '比例'}`);
        return { text: `${amount.base.label} ${amount.text}`, range: amount.interval.notation, interval: { interval, dimension: unit }, note: null };
    }
    return { text: amount.text, range: amount.interval.notation, interval: { interval, dimension: unit }, note: null };
}

// ---------------------------------------------------------------------------------------------------------
// Items along the chain

function findItem(chain: Chain, start: EffectiveBenchmarkJson, code: string, actDate: string, notes: string[]):
    { benchmark: EffectiveBenchmarkJson; item: ItemJson } | undefined {
    for (const benchmark of [start, ...upperBenchmarks(chain, start)]) {
        const item = benchmark.items.find(i => i.code === code);
        if (item) {
            const state = inForce(benchmark.document, actDate);
            if (benchmark !== start && !state.inForce) {
                notes.push(`「${benchmark.document.name}」在 ${actDate} 不在施行中（${state.why}），不适用其事项 ${code}`);
                continue;
            }
            return { benchmark, item };
        }
    }
    return undefined;
}

/** The codes an item stands for along the chain: its own, the ones it refines or adopts (list entries name any of them). */
function lineage(chain: Chain, benchmark: EffectiveBenchmarkJson, item: ItemJson): { document: string; code: string }[] {
    const result = [{ document: benchmark.document.name, code: item.code }];
    let current: ItemJson | undefined = item;
    for (let depth = 0; current && depth < 16; depth++) {
        const up: { document: string; code: string } | null = current.refines ?? current.adoptedFrom;
        if (!up) break;
        result.push(up);
        current = chain.benchmarkByName.get(up.document)?.items.find(i => i.code === up.code);
    }
    return result;
}

// ---------------------------------------------------------------------------------------------------------
// Lists

const OUTCOME_RANK: Record<string, number> = { noPenalty: 0, noCoercion: 1, mitigated: 2, lenient: 3, ordinary: 4, aggravated: 5 };

function entryTrace(list: ExemptionListJson, entry: EntryJson, ctx: Context): EntryTrace {
    const base = {
        list: list.document.name, listIssuer: list.document.issuer, number: entry.number, name: entry.name,
        consequence: entry.consequence?.word ?? null, grounds: entry.grounds.map(g => g.text), measures: [...entry.measures]
    };
    const kase = ctx.kase;
    const excludedDomains = list.document.excludedDomains;
    if (kase.domain && excludedDomains.includes(kase.domain)) {
        return { ...base, status: 'failed', reason: `领域「${kase.domain}」属于清单的排除领域`, conditions: null };
    }
    if (kase.area && entry.excludedAreas.includes(kase.area)) {
        return { ...base, status: 'failed', reason: `违法行为发生在排除区域「${kase.area}」，不适用本条目`, conditions: null };
    }
    const window = entry.lookback ? windowOf(Number(entry.lookback.value), { year: '年', month: '个月' }[entry.lookback.unit] ?? entry.lookback.unit) : undefined;
    const conditions = entry.conditions ? conditionTrace(entry.conditions, ctx, window) : null;
    let status: Status = conditions?.status ?? 'undecided';
    let reason = conditions ? { met: '条件均满足', failed: '条件不满足', undecided: '有条件须由执法人员认定' }[status] : '条目未写条件';
    if (status !== 'failed' && entry.excludedAreas.length > 0 && !kase.area) {
        ctx.undecided.add('违法行为发生的区域（area）');
        status = 'undecided';
        reason = `案例未说明违法行为发生的区域，无法排除${entry.excludedAreas.map(a => `「${a}」`).join('、')}`;
    }
    return { ...base, status, reason, conditions };
}

/** The entries of the chain's lists a case reaches: those naming the item (or an item it refines), and those the case names. */
function candidateEntries(chain: Chain, benchmarks: readonly EffectiveBenchmarkJson[], codes: readonly { document: string; code: string }[],
    named: readonly string[], actDate: string, notes: string[]): { list: ExemptionListJson; entry: EntryJson }[] {
    const result: { list: ExemptionListJson; entry: EntryJson }[] = [];
    const shadowed = new Set<string>();
    for (const list of listsOfChain(chain, benchmarks)) {
        const state = inForce(list.document, actDate);
        const reaches = (entry: EntryJson) => named.includes(entry.number)
            || (entry.item !== null && codes.some(c => c.code === entry.item!.code && c.document === entry.item!.document));
        const reached = list.entries.filter(reaches);
        if (reached.length === 0) continue;
        if (!state.inForce) {
            notes.push(`「${list.document.name}」在 ${actDate} 不在施行中（${state.why}），未适用其条目`);
            continue;
        }
        for (const entry of reached) {
            const key = `${list.document.name}\u0000${entry.number}`;
            if (shadowed.has(key)) continue; // a nearer list adopted or narrowed this entry
            const upper = entry.adoptedFrom ?? entry.refines;
            if (upper) shadowed.add(`${upper.document}\u0000${upper.number}`);
            result.push({ list, entry });
        }
    }
    return result;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

interface Outcome {
    readonly decision: Decision;
    /** For comparing versions: the exemption's rank (lower = lighter) and the applied fine. */
    readonly rank: number;
    readonly fine: Interval | undefined;
    readonly fineUnit: string | undefined;
}

/** Evaluates a validated case on a chain. `item` and `authority` override the case's. */
export function evaluate(chain: Chain, kase: Case, options: { item?: string; authority?: string } = {}): Decision {
    const authority = options.authority ?? kase.authority;
    const itemCode = options.item ?? kase.item;
    const own = chain.benchmarks.filter(b => b.document.issuer === authority)
        .sort((a, b) => (b.document.effectiveFrom ?? '').localeCompare(a.document.effectiveFrom ?? ''));
    const pick = (date: string) => own.find(b => inForce(b.document, date).inForce);
    const atAct = pick(kase.actDate);
    const atDecision = pick(kase.decisionDate);
    const notes: string[] = [];
    let start = atAct;
    let version: string;
    if (!start) {
        // The authority has no benchmark in force at the act: the nearest upper one in force applies.
        const latest = own[0];
        const upper = latest ? upperBenchmarks(chain, latest).find(b => inForce(b.document, kase.actDate).inForce) : undefined;
        const ownState = latest ? inForce(latest.document, kase.actDate) : undefined;
        if (latest && ownState && !ownState.inForce) notes.push(`「${latest.document.name}」在 ${kase.actDate} 不在施行中（${ownState.why}）`);
        start = upper ?? chain.benchmarks.find(b => inForce(b.document, kase.actDate).inForce && listsOfChain(chain, [b]).some(l => l.document.issuer === authority));
        version = start ? `行为发生时（${kase.actDate}）${authority}没有施行中的基准，适用上级基准「${start.document.name}」` : `行为发生时（${kase.actDate}）没有施行中的基准`;
    } else {
        version = `行为发生时（${kase.actDate}）施行的版本`;
    }
    const first = run(chain, kase, start, authority, itemCode, notes);
    if (atDecision && start && atDecision !== start) {
        let later: Outcome | undefined;
        try {
            later = run(chain, kase, atDecision, authority, itemCode, []);
        } catch (error) {
            if (!(error instanceof EvaluationError)) throw error;
            return finish(first, `适用行为时（${kase.actDate}）施行的「${start.document.name}」；作出决定时施行的「${atDecision.document.name}」无法比较（${error.message}）`);
        }
        const lighter = isLighter(later, first);
        if (lighter) {
            return finish(later, `从旧兼从轻（《行政处罚法》第三十七条）：行为时适用「${start.document.name}」，作出决定时（${kase.decisionDate}）施行的「${atDecision.document.name}」${lighter}，适用新版本`);
        }
        return finish(first, `从旧兼从轻（《行政处罚法》第三十七条）：适用行为时（${kase.actDate}）施行的「${start.document.name}」；作出决定时施行的「${atDecision.document.name}」不更轻`);
    }
    return finish(first, version);
}

function finish(outcome: Outcome, version: string): Decision {
    const decision = { ...outcome.decision, version };
    return { ...decision, record: { ...decision.record, benchmark: decision.record.benchmark && { ...decision.record.benchmark, version } } };
}

/** Why `later` is lighter than `earlier` (in words), or undefined when it is not provably lighter. */
function isLighter(later: Outcome, earlier: Outcome): string | undefined {
    if (later.rank < earlier.rank) return '给予的处理更轻（减免责）';
    if (later.rank > earlier.rank) return undefined;
    if (later.fine && earlier.fine && later.fineUnit === earlier.fineUnit) {
        const upper = compareUpper(later.fine.upper, earlier.fine.upper);
        const lower = compareLower(later.fine.lower, earlier.fine.lower);
        if (upper <= 0 && lower <= 0 && (upper < 0 || lower < 0)) {
            return `罚款幅度更轻（${formatInterval(later.fine, later.fineUnit as Dimension)}，原 ${formatInterval(earlier.fine, earlier.fineUnit as Dimension)}）`;
        }
    }
    return undefined;
}

function run(chain: Chain, kase: Case, start: EffectiveBenchmarkJson | undefined, authority: string, itemCode: string | undefined, notes: string[]): Outcome {
    const ctx: Context = { kase, usedFacts: new Map(), usedFindings: new Map(), undecided: new Set() };
    const chainBenchmarks = start ? [start, ...upperBenchmarks(chain, start)] : [];
    let found: { benchmark: EffectiveBenchmarkJson; item: ItemJson } | undefined;
    if (start && itemCode) {
        found = findItem(chain, start, itemCode, kase.actDate, notes);
        if (!found) throw new EvaluationError(`「${start.document.name}」及其上级基准中没有事项 ${itemCode}`);
    }
    const item = found?.item;
    const hitPolicy = found?.benchmark.document.hitPolicy ?? null;
    const tiers = item ? item.tiers.map(t => tierTrace(t, ctx)) : [];
    const met = item ? item.tiers.map((tier, index) => ({ tier, index })).filter((_, i) => tiers[i]!.status === 'met') : [];
    let applied: TierJson | undefined;
    let tierReason: string;
    if (!item) {
        tierReason = itemCode ? '没有适用的基准' : '案例未指明事项（item），不确定阶次';
    } else if (item.tiers.length === 0) {
        tierReason = `事项 ${item.code} 未分阶次，在法定处罚幅度内裁量`;
    } else if (met.length === 1) {
        applied = met[0]!.tier;
        tierReason = `符合阶次 ${applied.name} 的条件`;
    } else if (met.length > 1) {
        const names = met.map(m => m.tier.name).join('、');
        if (hitPolicy === 'heavier' || hitPolicy === 'lighter') {
            const sorted = [...met].sort(compareSeverity);
            applied = (hitPolicy === 'heavier' ? sorted[sorted.length - 1] : sorted[0])!.tier;
            tierReason = `同时符合阶次 ${names}，按基准的竞合规则「${hitPolicy === 'heavier' ? '取重' : '取轻'}」适用阶次 ${applied.name}`;
        } else {
            tierReason = `同时符合阶次 ${names}，基准未规定竞合规则（取重或取轻），须由执法人员裁量`;
            ctx.undecided.add(`阶次 ${names} 之间的选择`);
        }
    } else {
        const open = tiers.filter(t => t.status === 'undecided').map(t => t.name);
        tierReason = open.length > 0 ? `阶次 ${open.join('、')} 的条件须由执法人员认定` : '没有阶次的条件得到满足';
    }
    if (applied && met.length >= 1) {
        const pending = tiers.filter(t => t.status === 'undecided').map(t => t.name);
        if (pending.length > 0) notes.push(`阶次 ${pending.join('、')} 的条件未经认定；若认定，${hitPolicy === 'heavier' ? '按取重可能改变所适用的阶次' : '可能同时适用'}`);
    }
    if (item?.weightedTable) {
        notes.push(`事项 ${item.code} 按权重表计算罚款（编译输出的 weightedTable）；运行时尚不按要素计算，请按该表核算`);
    }
    const statutoryOnly = item !== undefined && item.tiers.length === 0 && item.statutoryPenalty !== null;
    const sanctions = applied ? sanctionsOf(applied.standard.groups, ctx, notes)
        : statutoryOnly ? sanctionsOf(item.statutoryPenalty!.groups, ctx, notes) : [];
    const escalationsOf = (penalty: PenaltyJson | null | undefined) => (penalty?.escalations ?? []).map(e => {
        const finding = kase.findings.get(e.trigger);
        if (finding !== undefined) ctx.usedFindings.set(e.trigger, finding);
        return { trigger: e.trigger, status: (finding === undefined ? 'undecided' : finding ? 'met' : 'failed') as Status, groups: e.groups };
    });
    const escalations = [...escalationsOf(applied?.standard), ...(applied ? escalationsOf(item?.statutoryPenalty).filter(e => !applied!.standard.escalations.some(o => o.trigger === e.trigger)) : [])];
    for (const escalation of escalations.filter(e => e.status === 'met')) {
        sanctions.push(...sanctionsOf(escalation.groups, ctx, notes).map(s => ({ ...s, note: `${escalation.trigger}${s.note ? `；${s.note}` : ''}` })));
    }
    const fine = sanctions.find(s => s.kind === 'penalty' && s.name === '罚款' && s.rangeInterval);

    const codes = found ? lineage(chain, found.benchmark, found.item) : [];
    const listBenchmarks = chainBenchmarks.length > 0 ? chainBenchmarks : chain.benchmarks.filter(b => b.document.issuer === authority);
    const candidates = candidateEntries(chain, listBenchmarks, codes, kase.entries, kase.actDate, notes);
    for (const number of kase.entries) {
        if (!candidates.some(c => c.entry.number === number)) notes.push(`案例指明的条目 ${number} 不在本链施行中的清单里`);
    }
    const entries = candidates.map(c => entryTrace(c.list, c.entry, ctx));
    const satisfied = candidates.map((c, i) => ({ ...c, trace: entries[i]! })).filter(c => c.trace.status === 'met' && c.entry.consequence)
        .sort((a, b) => rankOf(a.entry) - rankOf(b.entry));
    const best = satisfied[0];
    const exemption = best ? {
        consequence: best.entry.consequence!.word, mandatory: best.entry.consequence!.mandatory, list: best.list.document.name,
        entry: best.entry.number, grounds: best.entry.grounds.map(g => g.text), measures: [...best.entry.measures]
    } : null;
    const observation = listsOfChain(chain, listBenchmarks).flatMap(l => l.observationPeriods)
        .filter(p => (!p.start || kase.actDate >= p.start) && (!p.end || kase.actDate <= p.end) && p.targets.some(t => kase.subjects.includes(t)))
        .map(p => ({ name: p.name, measures: [...p.measures], until: p.end }));
    const outcome = outcomeText(exemption, applied, fine, observation);
    const citations = [...new Set([...(item?.penaltyBasis ?? []).map(c => c.text), ...(exemption?.grounds ?? [])])];
    const decisionBase = {
        case: kase.name, authority, actDate: kase.actDate, decisionDate: kase.decisionDate,
        benchmark: start ? { name: start.document.name, issuer: start.document.issuer, docNumber: start.document.docNumber, effectiveFrom: start.document.effectiveFrom } : null,
        version: '',
        item: found ? { code: found.item.code, violation: found.item.violation, document: found.benchmark.document.name, foundAt: found.benchmark !== start ? `上级基准「${found.benchmark.document.name}」`
            : found.item.adoptedFrom ? `本机关基准，直接适用「${found.item.adoptedFrom.document}」事项 ${found.item.adoptedFrom.code}` : '本机关基准' } : null,
        tiers, tier: applied?.name ?? null, tierReason, hitPolicy, sanctions, range: fine?.range ?? null,
        escalations: escalations.map(e => ({ trigger: e.trigger, status: e.status })),
        entries, exemption, outcome, citations, observation,
        undecided: [...ctx.undecided], notes
    };
    const record: DecisionRecord = {
        format: 'chidu-decision-record', formatVersion: 1,
        benchmark: decisionBase.benchmark && { ...decisionBase.benchmark, version: '' },
        item: found?.item.code ?? null, tier: applied?.name ?? null, range: fine?.range ?? null,
        exemptionConsidered: entries.map(e => ({ list: e.list, entry: e.number, status: e.status })),
        exemption: exemption && { list: exemption.list, entry: exemption.entry, consequence: exemption.consequence },
        factsUsed: Object.fromEntries(ctx.usedFacts), findingsUsed: Object.fromEntries(ctx.usedFindings),
        actDate: kase.actDate, decisionDate: kase.decisionDate
    };
    const decision: Decision = { ...decisionBase, explanation: '', record };
    return {
        decision: { ...decision, explanation: explain(decision, found?.item, applied, ctx) },
        rank: best ? rankOf(best.entry) : 10,
        fine: fine?.rangeInterval?.interval, fineUnit: fine?.rangeInterval?.dimension
    };
}

function rankOf(entry: EntryJson): number {
    const disposition = dispositionOf(entry.consequence?.word);
    return (OUTCOME_RANK[disposition?.kind ?? 'ordinary'] ?? 4) * 2 + (disposition?.mandatory === false ? 1 : 0);
}

function outcomeText(exemption: Decision['exemption'], tier: TierJson | undefined, fine: SanctionResult | undefined,
    observation: Decision['observation']): string {
    const soft = observation.length > 0 ? `执法观察期「${observation[0]!.name}」内，先采取${observation[0]!.measures.join('、')}；` : '';
    const measures = exemption?.measures.length ? `，${exemption.measures.join('、')}` : '';
    if (exemption) {
        const kind = dispositionOf(exemption.consequence)?.kind;
        if (kind === 'noPenalty' && exemption.mandatory) return `${soft}不予处罚${measures}`;
        if (kind === 'noPenalty') return `${soft}可以不予处罚${measures}${tier ? `；决定给予处罚的，适用阶次 ${tier.name}${fine?.range ? `，罚款 ${fine.range}` : ''}` : ''}`;
        return `${soft}${exemption.consequence}${tier ? `，适用阶次 ${tier.name}${fine?.range ? `，罚款 ${fine.range}` : ''}` : ''}${measures}`;
    }
    if (tier) return `${soft}适用阶次 ${tier.name}${fine?.range ? `，罚款 ${fine.range}` : ''}`;
    if (fine?.range) return `${soft}未分阶次，在法定幅度内裁量，罚款 ${fine.range}`;
    return `${soft}尚不能确定（见须认定的情形）`;
}

// ---------------------------------------------------------------------------------------------------------
// 裁量说明

function explain(decision: Decision, item: ItemJson | undefined, tier: TierJson | undefined, ctx: Context): string {
    const parts: string[] = [];
    const benchmark = decision.benchmark;
    if (decision.exemption) {
        const e = decision.exemption;
        const kind = dispositionOf(e.consequence)?.kind;
        parts.push(`依据《${e.list}》第${e.entry}项${e.grounds.length > 0 ? `及${e.grounds.join('、')}` : ''}，当事人的违法行为符合该项所列条件` +
            `${kind === 'noPenalty' ? `，${e.consequence}` : `，依法${e.consequence}`}${e.measures.length > 0 ? `，${e.measures.join('、')}` : ''}。`);
    }
    if (benchmark && item && tier) {
        const facts = [...ctx.usedFacts].map(([name, value]) => `${name}为${value}`);
        const affirmed = tier.conditions.filter(c => ctx.kase.findings.get(c) === true);
        const selectors = tier.selectors.map(s => s.type === 'indicator' ? `「${s.name}」${s.text}` : s.text);
        const described = tier.selectors.length > 0 && tier.conditions.length > 0 ? tier.conditions.map(c => `「${c}」`).join('或') : selectors.join('、');
        const circumstance = affirmed.length > 0 ? affirmed.map(c => `「${c}」`).join('、') : described;
        const fine = decision.sanctions.find(s => s.kind === 'penalty' && s.name === '罚款' && s.range);
        const others = decision.sanctions.filter(s => s !== fine && s.combination !== 'optional').map(s => s.name);
        const competing = /^同时符合阶次 (.*)，按/.exec(decision.tierReason)?.[1];
        const tierWords = (name: string) => /^[0-9一二三四五六七八九十]+$/.test(name) ? `第${name}阶次` : `「${name}」阶次`;
        const competingWords = competing ? competing.split('、').every(n => /^[0-9一二三四五六七八九十]+$/.test(n))
            ? `第${competing}阶次` : competing.split('、').map(n => `「${n}」`).join('、') + '阶次' : '';
        const sanctions = fine
            ? `在${fine.amountText ?? ''}（${fine.range}）的范围内处以罚款${others.length > 0 ? `，并${others.join('、')}` : ''}`
            : others.length > 0 ? others.join('、') : '按该阶次的处罚标准处理';
        parts.push(`${decision.exemption ? '如决定给予处罚，' : ''}依据《${benchmark.name}》（${benchmark.issuer ?? ''}${benchmark.docNumber ? `，${benchmark.docNumber}` : ''}` +
            `${benchmark.effectiveFrom ? `，${benchmark.effectiveFrom}施行` : ''}）第${item.code}项「${item.violation ?? ''}」，` +
            `${facts.length > 0 ? `经查${facts.join('、')}，` : ''}属于${circumstance || '该阶次所列'}情形，` +
            `${competing ? `同时符合${competingWords}，按该基准的竞合规则（${decision.hitPolicy === 'heavier' ? '取重' : '取轻'}）适用${tierWords(tier.name)}，` : `适用${tierWords(tier.name)}，`}${sanctions}。`);
    } else if (benchmark && item && item.tiers.length === 0 && decision.sanctions.length > 0) {
        const fine = decision.sanctions.find(s => s.kind === 'penalty' && s.name === '罚款' && s.range);
        parts.push(`${decision.exemption ? '如决定给予处罚，' : ''}依据《${benchmark.name}》第${item.code}项「${item.violation ?? ''}」，该事项未分阶次，` +
            `${fine ? `在法定幅度${fine.amountText ?? ''}（${fine.range}）内裁量` : '按法定处罚裁量'}${item.penaltyBasis.length > 0 ? `（${item.penaltyBasis.map(c => c.text).join('、')}）` : ''}。`);
    } else if (!decision.exemption) {
        parts.push(`尚不能形成裁量说明：${decision.tierReason}。`);
    }
    return parts.join('');
}
