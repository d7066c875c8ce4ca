import { Decimal } from 'decimal.js';
import type { Interval } from './interval.js';

/** A 权重累加 table: 罚款 = min(起点 + Σ 选中的权重, 上限) × 基数 (粤环发〔2021〕7号 第六条). Weights in percent. */
export interface WeightedTable<S> {
    readonly start: Decimal;
    readonly cap: Decimal;
    /** The base: a fixed amount in 元, or `share` percent of a named base (总投资额 × 5 %). */
    readonly base: { readonly kind: 'amount'; readonly yuan: Decimal } | { readonly kind: 'share'; readonly percent: Decimal };
    readonly factors: readonly { readonly name: string; readonly options: readonly { readonly name: string; readonly weight: Decimal; readonly source: S }[]; readonly source: S }[];
}

export interface WeightedRange {
    /** The smallest and largest reachable sums of weights, in percent (the largest capped). */
    readonly minSum: Decimal;
    readonly maxSum: Decimal;
    readonly uncappedMaxSum: Decimal;
    /** The fine they give: 元 for an amount base; percent of the named base for a share base. */
    readonly interval: Interval;
}

/** Exact reachable range of a weighted table: every factor contributes its lightest or its heaviest option. */
export function weightedRange<S>(table: WeightedTable<S>): WeightedRange {
    let minSum = table.start;
    let maxSum = table.start;
    for (const factor of table.factors) {
        if (factor.options.length === 0) {
            continue;
        }
        minSum = minSum.plus(Decimal.min(...factor.options.map(o => o.weight)));
        maxSum = maxSum.plus(Decimal.max(...factor.options.map(o => o.weight)));
    }
    const uncappedMaxSum = maxSum;
    const capped = (sum: Decimal) => Decimal.min(sum, table.cap);
    const scale = (sum: Decimal) => table.base.kind === 'amount'
        ? table.base.yuan.times(capped(sum)).div(100)
        : table.base.percent.times(capped(sum)).div(100);
    return {
        minSum: capped(minSum),
        maxSum: capped(maxSum),
        uncappedMaxSum,
        interval: { lower: { value: scale(minSum), closed: true }, upper: { value: scale(maxSum), closed: true } }
    };
}

/** The fine for a chosen option per factor (what an enforcement system computes from the compiled table). */
export function weightedFine<S>(table: WeightedTable<S>, chosen: readonly number[]): Decimal {
    let sum = table.start;
    table.factors.forEach((factor, i) => {
        const option = factor.options[chosen[i] ?? 0];
        if (option) {
            sum = sum.plus(option.weight);
        }
    });
    const capped = Decimal.min(sum, table.cap);
    return table.base.kind === 'amount' ? table.base.yuan.times(capped).div(100) : table.base.percent.times(capped).div(100);
}
