import type { AstNode } from 'langium';
import { type Citation, type Interval, STATUTORY_SEMANTICS, contains } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { readCitations } from '../validation/item-rules.js';
import { resolveRangeNode } from './penalty-model.js';

/** What an entry does: the kind of consequence and whether the law makes it mandatory (不予) or discretionary (可以不予). */
export type ConsequenceKind = 'noPenalty' | 'mitigated' | 'lenient' | 'aggravated' | 'noCoercion';

export interface ConsequenceInfo {
    readonly word: string;
    readonly kind: ConsequenceKind;
    readonly mandatory: boolean;
}

const CONSEQUENCES: Record<string, Omit<ConsequenceInfo, 'word'>> = {
    '不予处罚': { kind: 'noPenalty', mandatory: true },
    '可以不予处罚': { kind: 'noPenalty', mandatory: false },
    '免予处罚': { kind: 'noPenalty', mandatory: true },
    '可以免予处罚': { kind: 'noPenalty', mandatory: false },
    '减轻处罚': { kind: 'mitigated', mandatory: true },
    '从轻处罚': { kind: 'lenient', mandatory: true },
    '从重处罚': { kind: 'aggravated', mandatory: true },
    '免予行政强制': { kind: 'noCoercion', mandatory: true },
    '可以免予行政强制': { kind: 'noCoercion', mandatory: false }
};

/** The consequence a list kind implies when an entry does not state one (不予处罚清单 must state it). */
const LIST_DEFAULTS: Record<string, string> = {
    '首违不罚清单': '可以不予处罚',
    '减轻处罚清单': '减轻处罚',
    '从轻处罚清单': '从轻处罚',
    '从重处罚清单': '从重处罚'
};

export function consequenceOf(entry: ast.Entry): ConsequenceInfo | undefined {
    const list = entry.$container;
    const word = entry.consequence[0] ?? (list ? LIST_DEFAULTS[list.kind[0] ?? ''] : undefined)
        ?? (entry.refines?.ref ? consequenceOf(entry.refines.ref)?.word : undefined);
    return word && CONSEQUENCES[word] ? { word, ...CONSEQUENCES[word] } : undefined;
}

export function citationsOf(lists: readonly ast.CitationList[]): Citation[] {
    return lists.flatMap(list => readCitations(list)).filter((c): c is Citation => c !== undefined);
}

/** All text of an entry's conditions, flattened. */
export function conditionTexts(entry: ast.Entry): { text: string; node: AstNode }[] {
    const out: { text: string; node: AstNode }[] = [];
    const visit = (condition: ast.Condition) => {
        if (condition.$type === 'ConditionGroup') condition.conditions.forEach(visit);
        else if (condition.$type === 'TextCondition') out.push({ text: condition.text, node: condition });
        else out.push({ text: condition.name, node: condition });
    };
    entry.conditions.forEach(visit);
    return out;
}

function indicatorInterval(indicator: ast.Indicator): { interval: Interval; dimension: string } | undefined {
    const range = resolveRangeNode(indicator.range, STATUTORY_SEMANTICS).range;
    return range && { interval: range.interval, dimension: range.dimension };
}

/** Why a lower condition does not imply an upper one (the first reason found), or undefined when it does. */
export type Loosening =
    | { readonly kind: 'dropped'; readonly upper: ast.Condition }
    | { readonly kind: 'widened'; readonly upper: ast.Indicator; readonly lower: ast.Indicator };

const normalize = (text: string) => text.replace(/\s+/g, '');

/** A conjunction with its 同时满足 groups opened up. */
function flatten(conditions: readonly ast.Condition[]): ast.Condition[] {
    return conditions.flatMap(c => c.$type === 'ConditionGroup' && c.mode === '同时满足' ? flatten(c.conditions) : [c]);
}

/**
 * Whether a conjunction of conditions (an entry's 条件) implies `upper`: a narrowed entry may add conditions
 * and tighten thresholds, never drop or widen them. 满足其一 in the lower entry splits into cases (each
 * alternative must imply); 满足其一 upstream needs one alternative implied; 同时满足 upstream needs all.
 */
export function impliesAll(lowers: readonly ast.Condition[], upper: ast.Condition): Loosening | undefined {
    const conjunction = flatten(lowers);
    if (upper.$type === 'ConditionGroup' && upper.mode === '同时满足') {
        for (const part of upper.conditions) {
            const reason = impliesAll(conjunction, part);
            if (reason) return reason;
        }
        return undefined;
    }
    const split = conjunction.findIndex(c => c.$type === 'ConditionGroup');
    if (split >= 0) {
        const group = conjunction[split] as ast.ConditionGroup;
        const rest = conjunction.filter((_, i) => i !== split);
        for (const alternative of group.conditions) {
            const reason = impliesAll([...rest, alternative], upper);
            if (reason) return reason;
        }
        return undefined;
    }
    if (upper.$type === 'ConditionGroup') {
        const reasons = upper.conditions.map(part => impliesAll(conjunction, part));
        return reasons.some(r => r === undefined) ? undefined
            : reasons.find(r => r?.kind === 'widened') ?? { kind: 'dropped', upper };
    }
    if (upper.$type === 'TextCondition') {
        return conjunction.some(c => c.$type === 'TextCondition' && normalize(c.text) === normalize(upper.text)) ? undefined : { kind: 'dropped', upper };
    }
    const sameIndicator = conjunction.filter((c): c is ast.Indicator => c.$type === 'Indicator' && normalize(c.name) === normalize(upper.name));
    if (sameIndicator.length === 0) {
        return { kind: 'dropped', upper };
    }
    const upperRange = indicatorInterval(upper);
    for (const lower of sameIndicator) {
        const lowerRange = indicatorInterval(lower);
        if (!lowerRange || !upperRange || (lowerRange.dimension === upperRange.dimension && contains(upperRange.interval, lowerRange.interval))) {
            return undefined;
        }
    }
    return { kind: 'widened', upper, lower: sameIndicator[0] };
}

export function describeCondition(condition: ast.Condition): string {
    if (condition.$type === 'TextCondition') return `「${condition.text}」`;
    if (condition.$type === 'Indicator') return `指标「${condition.name}」`;
    return `${condition.mode}（${condition.conditions.map(describeCondition).join('、')}）`;
}

export function indicatorText(indicator: ast.Indicator): string {
    return (indicator.range.$cstNode?.text ?? '').replace(/\s+/g, '');
}

/** Both ends of a look-back window as written: 回溯期 2年, or a condition such as 「近一年内首次」「两年内首次违法」. */
export function hasLookback(entry: ast.Entry): boolean {
    return entry.lookback.length > 0
        || conditionTexts(entry).some(c => /(近|[0-9０-９一二两三四五六七八九十百]+)\s*(年|个月|月|日|天)\s*(以内|内)/.test(c.text));
}
