import type { Endpoint, Interval } from './interval.js';
import { isEmpty } from './interval.js';
import { type Dimension, type Quantity } from './quantity.js';

/**
 * Whether 以上 and 以下 include the boundary number. It differs by jurisdiction: 粤环发〔2021〕7号 第二十三条
 * (以上含本数, 以下不含本数) vs 江门 2020 第十六条 (both include).
 */
export interface BoundarySemantics {
    readonly atLeastClosed: boolean;
    readonly atMostClosed: boolean;
}

/** The statutory convention (以上、以下、以内 include the number; 不满、超过 exclude it). */
export const STATUTORY_SEMANTICS: BoundarySemantics = { atLeastClosed: true, atMostClosed: true };

export function describeSemantics(semantics: BoundarySemantics): string {
    return `以上${semantics.atLeastClosed ? '含' : '不含'}本数，以下${semantics.atMostClosed ? '含' : '不含'}本数`;
}

/** A boundary word as written: suffix words follow the number (以上), prefix words precede it (不足). */
export type BoundaryWord =
    | '以上' | '以下' | '以内' | '至'
    | '不足' | '不满' | '低于' | '少于' | '超过' | '高于' | '多于'
    | '不超过' | '不高于' | '不多于' | '不少于' | '不低于';

export interface WrittenBound<S> {
    readonly quantity: Quantity | undefined;
    readonly word?: BoundaryWord;
    /** An explicit 含本数 (true) / 不含本数 (false) after the word. */
    readonly inclusion?: boolean;
    readonly source: S;
}

export type RangeProblem<S> =
    | { readonly kind: 'bad-number'; readonly source: S }
    | { readonly kind: 'mixed-dimensions'; readonly source: S; readonly dimensions: readonly Dimension[] }
    | { readonly kind: 'bad-shape'; readonly source: S; readonly detail: string }
    | { readonly kind: 'empty'; readonly source: S };

export interface ResolvedRange {
    readonly interval: Interval;
    readonly dimension: Dimension;
    /** Which ends the text states: only a maximum (五万元以下), only a minimum, both, or one exact value. */
    readonly shape: 'both' | 'max-only' | 'min-only' | 'exact';
}

const LOWER_WORDS = new Set<BoundaryWord>(['以上', '超过', '高于', '多于', '至', '不少于', '不低于']);
const UPPER_WORDS = new Set<BoundaryWord>(['以下', '以内', '不足', '不满', '低于', '少于', '不超过', '不高于', '不多于']);
const STRICT_WORDS = new Set<BoundaryWord>(['超过', '高于', '多于', '不足', '不满', '低于', '少于']);
/** Words whose meaning is fixed inclusive: 不超过十万元 includes 十万元 under any 边界. */
const INCLUSIVE_WORDS = new Set<BoundaryWord>(['不超过', '不高于', '不多于', '不少于', '不低于']);

function endpointOf<S>(bound: WrittenBound<S>, semantics: BoundarySemantics, quantity: Quantity): Endpoint {
    const word = bound.word;
    let isClosed: boolean;
    if (bound.inclusion !== undefined) {
        isClosed = bound.inclusion;
    } else if (word === undefined || word === '至') {
        isClosed = true;
    } else if (STRICT_WORDS.has(word)) {
        isClosed = false;
    } else if (INCLUSIVE_WORDS.has(word)) {
        isClosed = true;
    } else if (LOWER_WORDS.has(word)) {
        isClosed = semantics.atLeastClosed;
    } else {
        isClosed = semantics.atMostClosed;
    }
    return { value: quantity.value, closed: isClosed };
}

/**
 * Turns the words of a range (十万元以上一百万元以下, 五万元以下, 不足一万元, 二十万元, 1万元至3万元) into an
 * interval with explicit open/closed ends under the given boundary semantics.
 */
export function resolveRange<S>(bounds: readonly WrittenBound<S>[], semantics: BoundarySemantics, whole: S):
    { range?: ResolvedRange; problems: RangeProblem<S>[] } {
    const problems: RangeProblem<S>[] = [];
    for (const bound of bounds) {
        if (!bound.quantity) {
            problems.push({ kind: 'bad-number', source: bound.source });
        }
    }
    if (problems.length > 0 || bounds.length === 0) {
        return { problems };
    }
    const quantities = bounds.map(b => b.quantity!);
    const dimensions = [...new Set(quantities.map(q => q.dimension))];
    if (dimensions.length > 1) {
        return { problems: [{ kind: 'mixed-dimensions', source: whole, dimensions }] };
    }
    const dimension = dimensions[0];
    let range: ResolvedRange | undefined;
    if (bounds.length === 1) {
        const [bound] = bounds;
        const end = endpointOf(bound, semantics, quantities[0]);
        if (bound.word === undefined) {
            range = { interval: { lower: end, upper: end }, dimension, shape: 'exact' };
        } else if (bound.word === '至') {
            problems.push({ kind: 'bad-shape', source: whole, detail: '「至」之后缺少上限' });
        } else if (LOWER_WORDS.has(bound.word)) {
            range = { interval: { lower: end }, dimension, shape: 'min-only' };
        } else {
            range = { interval: { upper: end }, dimension, shape: 'max-only' };
        }
    } else {
        const [first, second] = bounds;
        const firstIsLower = first.word !== undefined && LOWER_WORDS.has(first.word);
        const secondIsUpper = second.word === undefined ? first.word === '至' : UPPER_WORDS.has(second.word);
        if (!firstIsLower || !secondIsUpper || (first.word === '至' && second.word !== undefined && !UPPER_WORDS.has(second.word))) {
            problems.push({ kind: 'bad-shape', source: whole, detail: '应先写下限（以上、超过、至）再写上限（以下、不足）' });
        } else {
            range = {
                interval: { lower: endpointOf(first, semantics, quantities[0]), upper: endpointOf(second, semantics, quantities[1]) },
                dimension,
                shape: 'both'
            };
        }
    }
    if (range && isEmpty(range.interval)) {
        problems.push({ kind: 'empty', source: whole });
        return { problems };
    }
    return { range, problems };
}
