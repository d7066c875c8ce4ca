import { Decimal } from 'decimal.js';
import { parseNumeral } from './numerals.js';

/** The dimension of a quantity, after units are resolved (万元 → 元 × 10,000). */
export type Dimension = 'yuan' | 'multiple' | 'percent' | 'day' | 'month' | 'year' | 'ton' | 'hour' | 'count' | 'number';

const DIMENSIONS: ReadonlySet<string> = new Set<Dimension>(['yuan', 'multiple', 'percent', 'day', 'month', 'year', 'ton', 'hour', 'count', 'number']);

export function isDimension(value: unknown): value is Dimension {
    return typeof value === 'string' && DIMENSIONS.has(value);
}

export interface Quantity {
    readonly value: Decimal;
    readonly dimension: Dimension;
}

const UNITS: Record<string, { dimension: Dimension; factor: number }> = {
    '元': { dimension: 'yuan', factor: 1 },
    '万元': { dimension: 'yuan', factor: 10_000 },
    '亿元': { dimension: 'yuan', factor: 100_000_000 },
    '倍': { dimension: 'multiple', factor: 1 },
    '%': { dimension: 'percent', factor: 1 },
    '％': { dimension: 'percent', factor: 1 },
    '百分之': { dimension: 'percent', factor: 1 },
    '日': { dimension: 'day', factor: 1 },
    '天': { dimension: 'day', factor: 1 },
    '个月': { dimension: 'month', factor: 1 },
    '月': { dimension: 'month', factor: 1 },
    '年': { dimension: 'year', factor: 1 },
    '吨': { dimension: 'ton', factor: 1 },
    '小时': { dimension: 'hour', factor: 1 },
    '次': { dimension: 'count', factor: 1 },
    '': { dimension: 'number', factor: 1 }
};

/** Reads a numeral and its unit; undefined when either is unknown. */
export function makeQuantity(numeral: string, unit: string): Quantity | undefined {
    if (typeof numeral !== 'string' || !Object.prototype.hasOwnProperty.call(UNITS, unit)) {
        return undefined; // a half-typed quantity (no number), or no unit
    }
    const value = parseNumeral(numeral);
    const spec = UNITS[unit];
    if (value === undefined || spec === undefined) {
        return undefined;
    }
    return { value: value.times(spec.factor), dimension: spec.dimension };
}

export const DIMENSION_LABEL: Record<Dimension, string> = {
    yuan: '金额', multiple: '倍数', percent: '百分比', day: '日数', month: '月数', year: '年数', ton: '吨数', hour: '小时数', count: '次数', number: '无单位的数值'
};

/** Writes a quantity the way a legal text does: 10万元, 5000元, 1.5万元, 3倍, 5%, 15日. */
export function formatQuantity(value: Decimal, dimension: Dimension): string {
    switch (dimension) {
        case 'yuan': return formatYuan(value);
        case 'multiple': return `${value.toString()}倍`;
        case 'percent': return `${value.toString()}%`;
        case 'day': return `${value.toString()}日`;
        case 'month': return `${value.toString()}个月`;
        case 'year': return `${value.toString()}年`;
        case 'ton': return `${value.toString()}吨`;
        case 'hour': return `${value.toString()}小时`;
        case 'count': return `${value.toString()}次`;
        case 'number': return value.toString();
    }
}

export function formatYuan(value: Decimal): string {
    if (value.abs().gte(100_000_000) && value.mod(1_000_000).isZero()) {
        return `${value.div(100_000_000).toString()}亿元`;
    }
    if (value.abs().gte(10_000) && value.mod(100).isZero()) {
        return `${value.div(10_000).toString()}万元`;
    }
    return `${value.toString()}元`;
}
