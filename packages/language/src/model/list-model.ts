import type { AstNode } from 'langium';
import {
    CIRCUMSTANCE_WORDS, DEFAULT_EXCLUDED_DOMAINS, type Disposition, type Interval, type LookbackWindow, STATUTORY_SEMANTICS, contains, dispositionOf, parseNumeral,
    describeMembership, factKey, membershipImplies, nearestFirst, readLookbackText, windowOf
} from '../domain/index.js';
import { upperDocuments } from './document-model.js';
import { domainOf, flagFact, membershipOf } from './facts.js';
import type * as ast from '../generated/ast.js';
import { resolveRangeNode } from './penalty-model.js';

/** What an entry does: the kind of consequence and whether the law makes it mandatory (不予) or discretionary (可以不予). */
export interface ConsequenceInfo extends Disposition {
    readonly word: string;
}

/** The consequence a list kind implies when an entry does not state one (不予处罚清单 must state it). */
const LIST_DEFAULTS: Record<string, string> = {
    '首违不罚清单': '可以不予处罚',
    '减轻处罚清单': '减轻处罚',
    '从轻处罚清单': '从轻处罚',
    '从重处罚清单': '从重处罚'
};

export function consequenceOf(entry: ast.Entry): ConsequenceInfo | undefined {
    // The nearest stated (or list-implied) consequence along the 细化 chain; a cyclic chain ends where it repeats.
    let word: string | undefined;
    const seen = new Set<ast.Entry>();
    for (let current: ast.Entry | undefined = entry; current && !seen.has(current) && word === undefined; current = current.refines?.ref) {
        seen.add(current);
        const list = current.$container;
        word = current.consequence[0] ?? (list ? listDefault(list.kind[0]) : undefined);
    }
    const disposition = dispositionOf(word);
    return word && disposition ? { word, kind: disposition.kind, mandatory: disposition.mandatory } : undefined;
}

function listDefault(kind: string | undefined): string | undefined {
    return kind !== undefined && Object.prototype.hasOwnProperty.call(LIST_DEFAULTS, kind) ? LIST_DEFAULTS[kind] : undefined;
}

/**
 * The conditions below the given ones in document order (pre-order, groups before their members), without
 * recursion: nesting depth is input.
 */
export function walkConditions(conditions: readonly ast.Condition[]): ast.Condition[] {
    const out: ast.Condition[] = [];
    const stack = [...conditions].reverse();
    while (stack.length > 0) {
        const condition = stack.pop()!;
        out.push(condition);
        if (condition.$type === 'ConditionGroup') {
            for (let i = condition.conditions.length - 1; i >= 0; i--) stack.push(condition.conditions[i]);
        }
    }
    return out;
}

/** All text of an entry's conditions, flattened. */
export function conditionTexts(entry: ast.Entry): { text: string; node: AstNode }[] {
    return walkConditions(entry.conditions).flatMap(condition =>
        condition.$type === 'ConditionGroup' ? [] : [{ text: condition.$type === 'TextCondition' ? condition.text : condition.name, node: condition }]);
}

function indicatorInterval(indicator: ast.Indicator): { interval: Interval; dimension: string } | undefined {
    const range = indicator.range ? resolveRangeNode(indicator.range, STATUTORY_SEMANTICS).range : undefined;
    return range && { interval: range.interval, dimension: range.dimension };
}

/** Why a lower condition does not imply an upper one (the first reason found), or undefined when it does. */
export type Loosening =
    | { readonly kind: 'dropped'; readonly upper: ast.Condition }
    /** A typed condition on the same fact that more cases pass; `witness` is a value that shows it. */
    | { readonly kind: 'widened'; readonly upper: TypedCondition; readonly lower: TypedCondition; readonly witness?: string };

/** A condition on a declared fact: a range (指标 …), or a membership test with or without 指标. */
export type TypedCondition = ast.Indicator | ast.Membership;

function isMembershipNode(condition: ast.Condition): boolean {
    return condition.$type === 'Membership' || (condition.$type === 'Indicator' && condition.operator !== undefined);
}

/** A 不属于 group: read as one opaque condition (its negation is not split into cases). */
function isNegation(condition: ast.Condition): boolean {
    return condition.$type === 'ConditionGroup' && condition.mode === '不属于';
}

const normalize = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');

/** The conditions every case of an entry must meet: its 条件 with the 同时满足 groups opened up. */
export function flatConjunction(conditions: readonly ast.Condition[]): ast.Condition[] {
    return flatten(conditions);
}

/** A conjunction with its 同时满足 groups opened up (in document order). */
function flatten(conditions: readonly ast.Condition[]): ast.Condition[] {
    const out: ast.Condition[] = [];
    const stack = [...conditions].reverse();
    while (stack.length > 0) {
        const c = stack.pop()!;
        if (c.$type === 'ConditionGroup' && c.mode === '同时满足') {
            for (let i = c.conditions.length - 1; i >= 0; i--) stack.push(c.conditions[i]);
        } else {
            out.push(c);
        }
    }
    return out;
}

/**
 * How many cases (满足其一 alternatives multiplied out) the lower side may split into before the comparison
 * gives up; past it nothing is reported (a finding must be proved, and 2^n cases cannot be tried).
 */
const MAX_CASES = 4096;

/**
 * Whether a conjunction of conditions (an entry's 条件) implies `upper`: a narrowed entry may add conditions
 * and tighten thresholds, never drop or widen them. 满足其一 in the lower entry splits into cases (each
 * alternative must imply); 满足其一 upstream needs one alternative implied; 同时满足 upstream needs all.
 * Without recursion on the nesting depth: the upper 同时满足 groups are opened into their parts, the lower
 * side is split into its cases depth first, and each case is compared with each part.
 */
export function impliesAll(lowers: readonly ast.Condition[], upper: ast.Condition): Loosening | undefined {
    for (const part of flatten([upper])) {
        const reason = impliedByEveryCase(lowers, part);
        if (reason) return reason;
    }
    return undefined;
}

/** The first case of the lower conjunction (split at its 满足其一 groups, depth first) that does not imply `upper`. */
function impliedByEveryCase(lowers: readonly ast.Condition[], upper: ast.Condition): Loosening | undefined {
    const pending: (readonly ast.Condition[])[] = [lowers];
    let cases = 0;
    while (pending.length > 0) {
        const conjunction = flatten(pending.pop()!);
        const split = conjunction.findIndex(c => c.$type === 'ConditionGroup' && c.mode === '满足其一');
        if (split >= 0) {
            const group = conjunction[split] as ast.ConditionGroup;
            const rest = conjunction.filter((_, i) => i !== split);
            for (let i = group.conditions.length - 1; i >= 0; i--) pending.push([...rest, group.conditions[i]]);
            continue;
        }
        if (++cases > MAX_CASES) {
            return undefined;
        }
        const reason = caseImplies(conjunction, upper);
        if (reason) return reason;
    }
    return undefined;
}

/** Whether a flat conjunction (no groups) implies `upper`, evaluated bottom-up over upper's groups. */
function caseImplies(conjunction: readonly ast.Condition[], upper: ast.Condition): Loosening | undefined {
    const results = new Map<ast.Condition, Loosening | undefined>();
    // Post-order: a group is evaluated once its members are.
    const stack: { node: ast.Condition; expanded: boolean }[] = [{ node: upper, expanded: false }];
    while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const node = top.node;
        if (node.$type !== 'ConditionGroup' || isNegation(node)) {
            stack.pop();
            results.set(node, leafImplied(conjunction, node));
        } else if (!top.expanded) {
            top.expanded = true;
            for (let i = node.conditions.length - 1; i >= 0; i--) stack.push({ node: node.conditions[i], expanded: false });
        } else {
            stack.pop();
            const reasons = node.conditions.map(part => results.get(part));
            if (node.mode === '同时满足') {
                results.set(node, reasons.find(r => r !== undefined));
            } else {
                results.set(node, reasons.some(r => r === undefined) ? undefined
                    : reasons.find(r => r?.kind === 'widened') ?? { kind: 'dropped', upper: node });
            }
        }
    }
    return results.get(upper);
}

function leafImplied(conjunction: readonly ast.Condition[], upper: ast.Condition): Loosening | undefined {
    if (upper.$type === 'ConditionGroup') {
        const written = describeCondition(upper);
        return conjunction.some(c => isNegation(c) && describeCondition(c) === written) ? undefined : { kind: 'dropped', upper };
    }
    if (upper.$type === 'TextCondition') {
        if (conjunction.some(c => c.$type === 'TextCondition' && normalize(c.text) === normalize(upper.text))) {
            return undefined;
        }
        // 「首次违法」 and 「初次违法」 name the same fact of 《行政处罚法》第三十三条.
        const flag = flagFact(upper);
        const same = flag && conjunction.some(c => c.$type === 'TextCondition' && flagFact(c)?.name === flag.name);
        return same ? undefined : { kind: 'dropped', upper };
    }
    if (isMembershipNode(upper)) {
        return membershipImplied(conjunction, upper as TypedCondition);
    }
    const sameIndicator = conjunction.filter((c): c is ast.Indicator => c.$type === 'Indicator' && c.operator === undefined && normalize(c.name) === normalize(upper.name));
    if (sameIndicator.length === 0) {
        return { kind: 'dropped', upper };
    }
    const upperRange = indicatorInterval(upper as ast.Indicator);
    for (const lower of sameIndicator) {
        const lowerRange = indicatorInterval(lower);
        if (!lowerRange || !upperRange || (lowerRange.dimension === upperRange.dimension && contains(upperRange.interval, lowerRange.interval))) {
            return undefined;
        }
    }
    return { kind: 'widened', upper, lower: sameIndicator[0] };
}

/**
 * Whether the tests of a conjunction on the upper test's fact imply it: proved (undefined), disproved with a value
 * that passes the lower test and fails the upper one ('widened'), or not decidable without the fact's values
 * (reported as 'dropped', which the rule reads as "cannot prove" unless the wording shows a real drop).
 */
function membershipImplied(conjunction: readonly ast.Condition[], upper: TypedCondition): Loosening | undefined {
    const upperTest = membershipOf(upper);
    if (!upperTest) {
        return undefined; // half-typed: its syntax error speaks for it
    }
    const lowers = conjunction.filter((c): c is TypedCondition => isMembershipNode(c)).filter(c => typeof c.name === 'string' && factKey(c.name) === factKey(upperTest.fact));
    if (lowers.length === 0) {
        return { kind: 'dropped', upper };
    }
    const domain = domainOf(upper, upperTest.fact);
    let disproved: Loosening | undefined;
    for (const lower of lowers) {
        const lowerTest = membershipOf(lower);
        const implication = lowerTest ? membershipImplies(lowerTest, upperTest, domain) : { holds: true as const };
        if (implication.holds === true) {
            return undefined;
        }
        if (implication.holds === false) {
            disproved ??= { kind: 'widened', upper, lower, witness: implication.witness };
        }
    }
    // With several tests on one fact, each may fail alone and their conjunction still imply: only one is proved.
    return lowers.length === 1 && disproved ? disproved : { kind: 'dropped', upper };
}

/** The leaf conditions of a list of conditions as comparable keys (text by its words, an indicator by name and range). */
function leafKeys(conditions: readonly ast.Condition[]): string[] {
    return walkConditions(conditions).flatMap(c => c.$type === 'ConditionGroup' ? (isNegation(c) ? [`none:${describeCondition(c)}`] : [])
        : c.$type === 'TextCondition' ? [`text:${normalize(c.text)}`] : [`indicator:${normalize(c.name)}:${typedConditionText(c)}`]);
}

/**
 * Whether every condition of a lower entry is, word for word, a condition of the upper entry: then a missing
 * upper condition is really dropped (the lower entry asks less), not reworded.
 */
export function onlyUpperConditions(lower: ast.Entry, upper: ast.Entry): boolean {
    const upperKeys = new Set(leafKeys(upper.conditions));
    return leafKeys(lower.conditions).every(key => upperKeys.has(key));
}

export function describeCondition(condition: ast.Condition): string {
    // Bottom-up (the deepest groups first), without recursion.
    const texts = new Map<ast.Condition, string>();
    for (const c of walkConditions([condition]).reverse()) {
        texts.set(c, c.$type === 'TextCondition' ? `「${c.text}」`
            : c.$type === 'Indicator' && c.operator === undefined ? `指标「${c.name}」`
                : c.$type === 'ConditionGroup' ? `${c.mode}（${c.conditions.map(part => texts.get(part)).join('、')}）`
                    : membershipText(c));
    }
    return texts.get(condition)!;
}

export function indicatorText(indicator: ast.Indicator): string {
    return (indicator.range?.$cstNode?.text ?? '').replace(/\s+/g, '');
}

/** How a membership test reads in a message: 「区域」为「饮用水水源保护区」. */
export function membershipText(condition: TypedCondition): string {
    const test = membershipOf(condition);
    return test ? describeMembership(test) : `「${condition.name ?? ''}」`;
}

/** A typed condition as written, without spaces: the range of an indicator, or the membership test. */
export function typedConditionText(condition: TypedCondition): string {
    return isMembershipNode(condition) ? membershipText(condition) : indicatorText(condition as ast.Indicator);
}

/**
 * The look-back window of a first-violation entry: its 回溯期, or the window its conditions write (两年内首次违法),
 * or none (初次违法 as the law writes it). Undefined when the entry is not about a first violation.
 */
export function lookbackOf(entry: ast.Entry): { window: LookbackWindow; typed: boolean; node: AstNode } | undefined {
    // A first violation named without a period (「初次违法」) keeps the 回溯期 of the entry it refines.
    let unwindowed: { window: LookbackWindow; typed: boolean; node: AstNode } | undefined;
    for (let current: ast.Entry | undefined = entry, depth = 0; current && depth < 16; current = current.refines?.ref, depth++) {
        const duration = current.lookback[0];
        const amount = duration && typeof duration.value === 'string' ? parseNumeral(duration.value) : undefined;
        const typed = duration && amount?.isInteger() ? windowOf(amount.toNumber(), duration.unit) : undefined;
        if (duration && typed) {
            return { window: typed, typed: true, node: duration };
        }
        const texts = conditionTexts(current);
        const first = texts.find(c => CIRCUMSTANCE_WORDS.firstViolation.test(c.text));
        if (first) {
            const written = texts.map(c => readLookbackText(c.text)).find(w => w !== undefined);
            if (written) {
                return { window: written, typed: false, node: first.node };
            }
            unwindowed ??= { window: { kind: 'none' }, typed: false, node: first.node };
        } else if (current.conditions.length > 0 && !unwindowed) {
            return undefined; // conditions of its own that speak of no first violation
        }
    }
    return unwindowed;
}

/** Whether the entry states its window (回溯期 or a written one such as 近一年内首次). */
export function hasLookback(entry: ast.Entry): boolean {
    const lookback = lookbackOf(entry);
    return lookback !== undefined && lookback.window.kind !== 'none';
}

/** The legal grounds an entry rests on: its own, the refined upper entry's, or the default at the head of its list. */
export function entryGrounds(entry: ast.Entry): ast.CitationList[] {
    return inherited(entry, e => e.grounds, list => list.grounds);
}

/** The measures an entry still takes: its own, the refined upper entry's, or the default at the head of its list. */
export function entryMeasures(entry: ast.Entry): ast.EntryMeasure[] {
    return inherited(entry, e => e.measures, list => list.measures);
}

/**
 * An entry's own value, else the nearest refined upper entry's, else the default at the head of the nearest list
 * along the same chain (the entry's own list first).
 */
function inherited<T>(entry: ast.Entry, own: (e: ast.Entry) => T[], head: (list: ast.ExemptionList) => T[]): T[] {
    const chain: ast.Entry[] = [];
    for (let current: ast.Entry | undefined = entry; current && chain.length < 16 && !chain.includes(current); current = current.refines?.ref) {
        chain.push(current);
    }
    const stated = chain.find(e => own(e).length > 0);
    if (stated) {
        return own(stated);
    }
    const list = chain.map(e => e.$container).find(l => l !== undefined && head(l).length > 0);
    return list ? head(list) : [];
}

export function measureWord(measure: ast.EntryMeasure): string {
    return measure.measure ?? measure.custom ?? '';
}

/**
 * The excluded domains (排除领域) of a list: its own and those of every upper list (a lower list inherits the
 * exclusions above it and may add its own, never drop one), else the configured ones, else the default deny-list.
 */
export function excludedDomainsOf(list: ast.ExemptionList, configured?: readonly string[]): readonly string[] {
    const stated = [...new Set(chainOf(list).flatMap(l => l.excludedDomains))];
    return stated.length > 0 ? stated : configured ?? DEFAULT_EXCLUDED_DOMAINS;
}

/** The excluded areas (排除区域) of a list: its own and those of every upper list. */
export function excludedAreasOf(list: ast.ExemptionList): readonly string[] {
    return [...new Set(chainOf(list).flatMap(l => l.excludedAreas))];
}

/** The exclusions of the upper lists that a list which states its own does not repeat (they still apply). */
export function unrepeatedExclusions(list: ast.ExemptionList, of: (l: ast.ExemptionList) => readonly string[]): { value: string; from: ast.ExemptionList }[] {
    if (of(list).length === 0) {
        return [];
    }
    const own = new Set(of(list));
    const result: { value: string; from: ast.ExemptionList }[] = [];
    for (const upper of nearestFirst<ast.ExemptionList>(list, upperDocuments)) {
        for (const value of of(upper)) {
            if (!own.has(value) && !result.some(r => r.value === value)) result.push({ value, from: upper });
        }
    }
    return result;
}

function chainOf(list: ast.ExemptionList): ast.ExemptionList[] {
    return [list, ...nearestFirst<ast.ExemptionList>(list, upperDocuments)];
}
