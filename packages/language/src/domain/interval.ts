import { Decimal } from 'decimal.js';
import { type Dimension, formatQuantity } from './quantity.js';

/** One end of an interval; `closed` means the boundary number itself belongs to the interval. */
export interface Endpoint {
    readonly value: Decimal;
    readonly closed: boolean;
}

/**
 * An interval of one dimension. A missing end is unbounded (for amounts the domain starts at 0, so a
 * missing lower end reads "anything up to the upper end", as 五万元以下 does).
 */
export interface Interval {
    readonly lower?: Endpoint;
    readonly upper?: Endpoint;
}

export const UNBOUNDED: Interval = {};

export function closed(lower: Decimal.Value, upper: Decimal.Value): Interval {
    return { lower: { value: new Decimal(lower), closed: true }, upper: { value: new Decimal(upper), closed: true } };
}

export function isEmpty(interval: Interval): boolean {
    const { lower, upper } = interval;
    if (!lower || !upper) {
        return false;
    }
    const cmp = lower.value.comparedTo(upper.value);
    return cmp > 0 || (cmp === 0 && !(lower.closed && upper.closed));
}

/** Negative when lower end `a` starts before lower end `b` (an unbounded end starts first). */
export function compareLower(a: Endpoint | undefined, b: Endpoint | undefined): number {
    if (!a || !b) {
        return (a ? 1 : 0) - (b ? 1 : 0);
    }
    const cmp = a.value.comparedTo(b.value);
    if (cmp !== 0) {
        return cmp;
    }
    return a.closed === b.closed ? 0 : (a.closed ? -1 : 1);
}

/** Negative when upper end `a` stops before upper end `b` (an unbounded end stops last). */
export function compareUpper(a: Endpoint | undefined, b: Endpoint | undefined): number {
    if (!a || !b) {
        return (a ? 0 : 1) - (b ? 0 : 1);
    }
    const cmp = a.value.comparedTo(b.value);
    if (cmp !== 0) {
        return cmp;
    }
    return a.closed === b.closed ? 0 : (a.closed ? 1 : -1);
}

export function intersect(a: Interval, b: Interval): Interval {
    const lower = compareLower(a.lower, b.lower) >= 0 ? a.lower : b.lower;
    const upper = compareUpper(a.upper, b.upper) <= 0 ? a.upper : b.upper;
    return { lower, upper };
}

export function overlaps(a: Interval, b: Interval): boolean {
    return !isEmpty(intersect(a, b));
}

/** `inner` ⊆ `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
    if (isEmpty(inner)) {
        return true;
    }
    return compareLower(outer.lower, inner.lower) <= 0 && compareUpper(outer.upper, inner.upper) >= 0;
}

/** The parts of `target` that none of `pieces` covers, in order (a sweep over the sorted pieces). */
export function uncovered(target: Interval, pieces: readonly Interval[]): Interval[] {
    if (isEmpty(target)) {
        return [];
    }
    const relevant = pieces
        .map(piece => intersect(piece, target))
        .filter(piece => !isEmpty(piece))
        .sort((a, b) => compareLower(a.lower, b.lower));
    const gaps: Interval[] = [];
    // `cursor` is the first point not yet known to be covered; undefined = from −∞.
    let cursor: Endpoint | undefined = target.lower;
    let exhausted = false;
    for (const piece of relevant) {
        if (compareLower(cursor, piece.lower) < 0) {
            const gap: Interval = { lower: cursor, upper: piece.lower && { value: piece.lower.value, closed: !piece.lower.closed } };
            if (!isEmpty(gap)) {
                gaps.push(gap);
            }
        }
        if (!piece.upper) {
            exhausted = true;
            break;
        }
        const next: Endpoint = { value: piece.upper.value, closed: !piece.upper.closed };
        if (compareLower(next, cursor) > 0) {
            cursor = next;
        }
    }
    if (!exhausted) {
        const tail: Interval = { lower: cursor, upper: target.upper };
        if (!isEmpty(tail)) {
            gaps.push(tail);
        }
    }
    return gaps;
}

/** The smallest interval holding all of `pieces` (its hull). */
export function hull(pieces: readonly Interval[]): Interval | undefined {
    if (pieces.length === 0) {
        return undefined;
    }
    return pieces.reduce((acc, piece) => ({
        lower: compareLower(acc.lower, piece.lower) <= 0 ? acc.lower : piece.lower,
        upper: compareUpper(acc.upper, piece.upper) >= 0 ? acc.upper : piece.upper
    }));
}

/** Mathematical notation with units: [10万元, 40万元), (−∞, 5万元], {20万元}. */
export function formatInterval(interval: Interval, dimension: Dimension): string {
    const { lower, upper } = interval;
    if (lower && upper && lower.closed && upper.closed && lower.value.eq(upper.value)) {
        return `{${formatQuantity(lower.value, dimension)}}`;
    }
    const left = lower ? `${lower.closed ? '[' : '('}${formatQuantity(lower.value, dimension)}` : '(−∞';
    const right = upper ? `${formatQuantity(upper.value, dimension)}${upper.closed ? ']' : ')'}` : '+∞)';
    return `${left}, ${right}`;
}

/** A point, as the words of a message say it: "3万元（含）" / "3万元（不含）". */
export function formatEndpoint(endpoint: Endpoint, dimension: Dimension): string {
    return `${formatQuantity(endpoint.value, dimension)}${endpoint.closed ? '' : '（不含）'}`;
}

/** An interval as JSON data (exact decimal strings), e.g. in a diagnostic's data for a quick fix. */
export interface IntervalData {
    readonly lower?: { readonly value: string; readonly closed: boolean };
    readonly upper?: { readonly value: string; readonly closed: boolean };
}

export function intervalToData(interval: Interval): IntervalData {
    const end = (e: Endpoint | undefined) => e && { value: e.value.toString(), closed: e.closed };
    return { lower: end(interval.lower), upper: end(interval.upper) };
}

/** Reads interval data back; undefined when it is not well formed. */
export function intervalFromData(data: unknown): Interval | undefined {
    if (typeof data !== 'object' || data === null) return undefined;
    const end = (e: unknown): Endpoint | undefined | null => {
        if (e === undefined) return undefined;
        const o = e as { value?: unknown; closed?: unknown };
        if (typeof o !== 'object' || o === null || typeof o.value !== 'string' || typeof o.closed !== 'boolean') return null;
        try { return { value: new Decimal(o.value), closed: o.closed }; } catch { return null; }
    };
    const lower = end((data as IntervalData).lower);
    const upper = end((data as IntervalData).upper);
    return lower === null || upper === null ? undefined : { lower, upper };
}
