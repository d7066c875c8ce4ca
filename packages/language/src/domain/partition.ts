import { type Interval, compareUpper, hull, intersect, isEmpty, overlaps, uncovered } from './interval.js';
import type { Dimension } from './quantity.js';
import { type Component, comparisonKey } from './penalty.js';
import { comparableComponents } from './containment.js';

export interface TierComponents<S, R> {
    readonly tier: R;
    readonly components: readonly Component<S>[];
}

export type PartitionIssue<S, R> =
    | {
        readonly kind: 'overlap';
        readonly first: R; readonly second: R;
        readonly firstComponent: Component<S>; readonly secondComponent: Component<S>;
        readonly overlap: Interval;
    }
    | {
        readonly kind: 'gap';
        readonly gap: Interval;
        /** The range the tiers should cover (statutory, or the upper item's). */
        readonly target: Interval;
        /** A tier component of the measure concerned, for wording and location. */
        readonly example: Component<S>;
        /** The tier closest to the gap from below, if any. */
        readonly after?: R;
    };

function guardKey(component: Component<unknown>): string {
    const guard = component.guard;
    if (!guard) {
        return '-';
    }
    if (guard.kind === 'fallback') {
        return `fallback:${guard.base.key}`;
    }
    const { lower, upper } = guard.interval;
    return `${guard.base.key}:${lower ? `${lower.closed ? '[' : '('}${lower.value}` : '(-inf'},${upper ? `${upper.value}${upper.closed ? ']' : ')'}` : '+inf)'}`;
}

/**
 * Checks that the tiers of one item neither overlap nor leave gaps in the target range, measure by measure
 * and threshold branch by threshold branch, under the boundary semantics already resolved into the intervals.
 * With `allowOverlap` (a declared hit policy such as 取重), overlaps are not reported.
 */
export function checkPartition<S, T, R>(
    tiers: readonly TierComponents<S, R>[],
    target: readonly Component<T>[],
    options: { readonly allowOverlap: boolean }
): PartitionIssue<S, R>[] {
    // A range that cannot be read (CD107) may fill any gap or cause any overlap: the partition is not judged.
    if (target.some(c => c.unreadable) || tiers.some(t => t.components.some(c => c.unreadable))) {
        return [];
    }
    const groups = new Map<string, { tier: R; component: Component<S> }[]>();
    for (const { tier, components } of tiers) {
        for (const component of components) {
            if (!component.interval) {
                continue;
            }
            const key = `${comparisonKey(component)}|${component.party}|${guardKey(component)}`;
            let group = groups.get(key);
            if (!group) {
                groups.set(key, group = []);
            }
            group.push({ tier, component });
        }
    }
    const issues: PartitionIssue<S, R>[] = [];
    for (const group of groups.values()) {
        if (!options.allowOverlap) {
            for (let i = 0; i < group.length; i++) {
                for (let j = i + 1; j < group.length; j++) {
                    if (group[i].tier === group[j].tier) {
                        continue;
                    }
                    const overlap = intersect(group[i].component.interval!, group[j].component.interval!);
                    if (!isEmpty(overlap)) {
                        issues.push({
                            kind: 'overlap', first: group[i].tier, second: group[j].tier,
                            firstComponent: group[i].component, secondComponent: group[j].component, overlap
                        });
                    }
                }
            }
        }
        const example = group[0].component;
        // The tiers divide the main statutory range; where the measure only exists in an escalation step
        // (食品安全法第一百二十六条: 警告, 拒不改正的 → 罚款), they divide that step's range.
        const comparable = comparableComponents(example, target);
        const main = comparable.filter(t => !t.escalation);
        const targets = (main.length > 0 ? main : comparable)
            .map(t => t.interval)
            .filter((i): i is Interval => i !== undefined);
        const targetHull = hull(targets);
        if (!targetHull) {
            continue;
        }
        const pieces = group.map(g => g.component.interval!);
        // A tier that fixes one amount (罚款 2倍, 罚款 五千元) makes the measure a schedule of fixed amounts: the
        // values between them are left out by design (江门 2020 3-26: 2倍/3倍/4倍/5倍 by accident grade), not a gap.
        if (pieces.some(isPoint)) {
            continue;
        }
        for (const gap of uncovered(targetHull, pieces)) {
            const before = group
                .filter(g => g.component.interval!.upper && gap.lower && g.component.interval!.upper.value.lte(gap.lower.value))
                .sort((a, b) => b.component.interval!.upper!.value.comparedTo(a.component.interval!.upper!.value))[0];
            issues.push({ kind: 'gap', gap, target: targetHull, example, after: before?.tier });
        }
    }
    return issues;
}

/** One tier's typed condition on a fact (指标 「超标倍数」 不足0.5倍), read under its document's 边界. */
export interface Selector<R> {
    readonly tier: R;
    /** The fact the condition tests, by name (超标倍数). */
    readonly fact: string;
    readonly interval: Interval;
    readonly dimension: Dimension;
}

export type SelectorIssue<R> =
    /** A value of the fact selects both tiers: the exact values, as an interval. */
    | { readonly kind: 'overlap'; readonly fact: string; readonly first: R; readonly second: R; readonly overlap: Interval; readonly dimension: Dimension }
    /** Values between the tiers' conditions that select no tier. */
    | { readonly kind: 'gap'; readonly fact: string; readonly after: R; readonly gap: Interval; readonly dimension: Dimension };

/**
 * The selector partition of one item's tiers, fact by fact: two tiers whose typed conditions on the same fact
 * (and the same unit) share a value overlap at exactly those values; values between the lowest and the highest
 * condition that no tier takes are a gap. Facts tested by one tier only, or in different units, are not judged.
 */
export function checkSelectorPartition<R>(selectors: readonly Selector<R>[]): SelectorIssue<R>[] {
    const issues: SelectorIssue<R>[] = [];
    const groups = new Map<string, Selector<R>[]>();
    for (const selector of selectors) {
        const key = `${selector.fact}\u0000${selector.dimension}`;
        groups.set(key, [...(groups.get(key) ?? []), selector]);
    }
    for (const group of groups.values()) {
        if (new Set(group.map(s => s.tier)).size < 2) {
            continue;
        }
        for (let i = 0; i < group.length; i++) {
            for (let j = i + 1; j < group.length; j++) {
                const a = group[i]!;
                const b = group[j]!;
                if (a.tier !== b.tier && overlaps(a.interval, b.interval)) {
                    issues.push({ kind: 'overlap', fact: a.fact, first: a.tier, second: b.tier, overlap: intersect(a.interval, b.interval), dimension: a.dimension });
                }
            }
        }
        const span = hull(group.map(s => s.interval));
        for (const gap of span ? uncovered(span, group.map(s => s.interval)) : []) {
            // The tier the gap follows: the highest condition that ends at or before the gap starts.
            const before = group.filter(s => s.interval.upper && gap.lower && s.interval.upper.value.lte(gap.lower.value));
            const after = before.reduce<Selector<R> | undefined>((x, y) => !x || compareUpper(x.interval.upper, y.interval.upper) < 0 ? y : x, undefined)
                ?? group[0]!;
            issues.push({ kind: 'gap', fact: group[0]!.fact, after: after.tier, gap, dimension: group[0]!.dimension });
        }
    }
    return issues;
}

/** Whether an interval holds exactly one value ([2倍, 2倍]). */
function isPoint(interval: Interval): boolean {
    return interval.lower !== undefined && interval.upper !== undefined && interval.lower.closed && interval.upper.closed
        && interval.lower.value.eq(interval.upper.value);
}
