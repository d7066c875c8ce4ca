import type { BoundarySemantics } from './boundary.js';
import { type Interval, type IntervalData, compareLower, compareUpper, hull, intervalToData, isEmpty, overlaps, uncovered, UNBOUNDED } from './interval.js';
import type { Dimension } from './quantity.js';
import { type Component, type Guard, comparisonKey, partiesMatch } from './penalty.js';

/**
 * Why a lower component leaves the upper level (or the statute). Typed, so that the language layer
 * decides the wording, the code and the location.
 */
export type ContainmentIssue<S, T> =
    /** A penalty kind the upper level does not have. */
    | { readonly kind: 'new-kind'; readonly component: Component<S> }
    /** The kind exists upstream, but never measured this way (e.g. a fixed amount where the upper uses a multiple). */
    | { readonly kind: 'incomparable'; readonly component: Component<S>; readonly available: readonly Component<T>[] }
    /** The interval leaves the union of the comparable upper intervals. */
    | {
        readonly kind: 'outside';
        readonly component: Component<S>;
        readonly allowed: readonly Component<T>[];
        readonly allowedHull: Interval;
        readonly excess: readonly Interval[];
        /** below: the lower end is under the upper minimum; above: the upper end exceeds the upper maximum; gap: it falls between upper pieces. */
        readonly side: 'below' | 'above' | 'both' | 'gap';
    };

function guardsCompatible(lower: Guard | undefined, upper: Guard | undefined): boolean {
    if (!lower || !upper) {
        return true;
    }
    if (lower.kind === 'fallback' || upper.kind === 'fallback') {
        return lower.kind === upper.kind;
    }
    return lower.base.key === upper.base.key && overlaps(lower.interval, upper.interval);
}

/** The upper components that a lower component is compared with (same measure, compatible threshold branch). */
export function comparableComponents<S, T>(lower: Component<S>, upper: readonly Component<T>[]): Component<T>[] {
    const key = comparisonKey(lower);
    return upper.filter(u => comparisonKey(u) === key && partiesMatch(lower.party, u.party) && guardsCompatible(lower.guard, u.guard));
}

/**
 * Checks that every lower component stays inside the upper components: the kind exists upstream, and the
 * interval lies in the union of the comparable upper intervals (like with like, per threshold branch).
 */
export function checkContainment<S, T>(lower: readonly Component<S>[], upper: readonly Component<T>[]): ContainmentIssue<S, T>[] {
    const issues: ContainmentIssue<S, T>[] = [];
    for (const component of lower) {
        const sameKind = upper.filter(u => u.kind === component.kind && partiesMatch(component.party, u.party)
            && (component.kind !== 'other' || u.detail === component.detail));
        if (sameKind.length === 0) {
            issues.push({ kind: 'new-kind', component });
            continue;
        }
        // An upper amount that cannot be read might allow anything: no judgement against it.
        if (!component.interval || sameKind.some(u => u.unreadable)) {
            continue;
        }
        const comparable = comparableComponents(component, sameKind);
        if (comparable.length === 0) {
            // A kind stated upstream without any quantity (e.g. 行政拘留 alone) bounds nothing.
            if (sameKind.every(u => !u.interval && !u.dimension)) {
                continue;
            }
            issues.push({ kind: 'incomparable', component, available: sameKind });
            continue;
        }
        const allowedIntervals = comparable.map(u => u.interval ?? UNBOUNDED);
        const excess = uncovered(component.interval, allowedIntervals);
        if (excess.length === 0) {
            continue;
        }
        const allowedHull = hull(allowedIntervals)!;
        const below = compareLower(component.interval.lower, allowedHull.lower) < 0;
        const above = compareUpper(component.interval.upper, allowedHull.upper) > 0;
        issues.push({
            kind: 'outside', component, allowed: comparable, allowedHull, excess,
            side: below && above ? 'both' : below ? 'below' : above ? 'above' : 'gap'
        });
    }
    return issues;
}

/**
 * The interval an outside component is brought back to: the violated ends moved onto the allowed hull, the
 * others kept. `mayGoBelow` keeps the lower end (减轻 may go below the minimum). Undefined when nothing can be
 * moved (a gap between upper pieces, or a clamp that would leave nothing).
 */
export function clampTarget(issue: Extract<ContainmentIssue<unknown, unknown>, { kind: 'outside' }>, mayGoBelow: boolean): Interval | undefined {
    const interval = issue.component.interval;
    if (!interval || issue.side === 'gap') {
        return undefined;
    }
    const allowed = issue.allowedHull;
    const fixLower = !mayGoBelow && (issue.side === 'below' || issue.side === 'both');
    const fixUpper = issue.side === 'above' || issue.side === 'both';
    const clamped: Interval = {
        lower: fixLower ? allowed.lower : interval.lower,
        upper: fixUpper ? allowed.upper : interval.upper
    };
    return (!fixLower && !fixUpper) || isEmpty(clamped) ? undefined : clamped;
}

/**
 * What a quick fix needs to bring an outside component back, as JSON data (a diagnostic's data): the interval as
 * read, the clamp target, its dimension, what it was compared with, and the boundary rule the range text is
 * read under. The fix applies this verdict; it does not recompute it.
 */
export interface ClampFix {
    readonly original: IntervalData;
    readonly clamp: IntervalData;
    readonly dimension: Dimension;
    readonly against: string;
    readonly semantics: BoundarySemantics;
}

export function clampFix(issue: Extract<ContainmentIssue<unknown, unknown>, { kind: 'outside' }>, against: string,
    semantics: BoundarySemantics, mayGoBelow: boolean): ClampFix | undefined {
    const target = clampTarget(issue, mayGoBelow);
    const interval = issue.component.interval;
    return target && interval ? {
        original: intervalToData(interval), clamp: intervalToData(target), dimension: issue.component.dimension ?? 'yuan',
        against, semantics: { atLeastClosed: semantics.atLeastClosed, atMostClosed: semantics.atMostClosed }
    } : undefined;
}
