import type { AstNode } from 'langium';
import { Decimal } from 'decimal.js';
import {
    type Component, type WeightedRange, type WeightedTable, makeBase, makeQuantity, readNumeral, weightedRange
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';

export type WeightedProblem = { readonly source: AstNode; readonly message: string };

export interface WeightedModel {
    readonly table?: WeightedTable<AstNode>;
    readonly range?: WeightedRange;
    /** The fine the table can reach, as a component comparable with statutory and upper ones. */
    readonly component?: Component<AstNode>;
    readonly problems: readonly WeightedProblem[];
}

function percentOf(quantity: ast.Quantity | undefined): Decimal | undefined {
    if (!quantity) {
        return undefined;
    }
    const q = quantity.percent ? makeQuantity(quantity.value, '百分之') : makeQuantity(quantity.value, quantity.unit ?? '');
    return q?.dimension === 'percent' ? q.value : undefined;
}

function isIrregular(quantity: ast.Quantity): boolean {
    return quantity.value !== undefined && readNumeral(quantity.value).kind === 'irregular';
}

const cache = new WeakMap<ast.WeightedTable, WeightedModel>();

/** Reads a 权重表; weights, start and cap must be percentages, the base an amount or a share of a named base. */
export function readWeightedTable(node: ast.WeightedTable): WeightedModel {
    const cached = cache.get(node);
    if (cached) {
        return cached;
    }
    const problems: WeightedProblem[] = [];
    // An irregular numeral (CD107) leaves the table unknown: no fallback weight may stand in for it.
    let irregular = false;
    const percent = (quantity: ast.Quantity | undefined, what: string, fallback?: Decimal): Decimal | undefined => {
        const value = percentOf(quantity);
        if (quantity && isIrregular(quantity)) {
            irregular = true;
        } else if (quantity && value === undefined) {
            problems.push({ source: quantity, message: `${what}必须是百分比（如「百分之七」）` });
        }
        return value ?? fallback;
    };
    const start = percent(node.start[0], '裁量起点', new Decimal(0))!;
    const cap = percent(node.cap[0], '权重上限', new Decimal(100))!;
    let base: WeightedTable<AstNode>['base'] | undefined;
    let baseRef = undefined as ReturnType<typeof makeBase> | undefined;
    const baseNode = node.base[0];
    for (const [property, label] of [['base', '基数'], ['start', '起点'], ['cap', '上限']] as const) {
        for (const duplicate of node[property].slice(1)) {
            problems.push({ source: duplicate, message: `权重表的「${label}」重复：只能写一次` });
        }
    }
    if (!baseNode) {
        problems.push({ source: node, message: '权重表缺少「基数」（如「基数 一百万元」或「基数 总投资额 百分之五」）' });
    } else if (baseNode.amount) {
        const q = makeQuantity(baseNode.amount.value, baseNode.amount.percent ? '百分之' : baseNode.amount.unit ?? '');
        if (q?.dimension === 'yuan') {
            base = { kind: 'amount', yuan: q.value };
        } else if (isIrregular(baseNode.amount)) {
            irregular = true;
        } else {
            problems.push({ source: baseNode, message: '固定基数必须是金额（元、万元）；按比例请写「基数 总投资额 百分之五」' });
        }
    } else if (baseNode.named) {
        const share = percent(baseNode.share, '基数比例');
        baseRef = baseNode.named.kind ? makeBase(baseNode.named.kind, false) : makeBase(baseNode.named.custom ?? '', true);
        if (share !== undefined) {
            base = { kind: 'share', percent: share };
        }
    }
    const factors = node.factors.map(factor => ({
        name: factor.name,
        source: factor as AstNode,
        options: factor.options.map(option => ({ name: option.name, weight: percent(option.weight, option.name !== undefined ? `「${option.name}」的权重` : '选项的权重', new Decimal(0))!, source: option as AstNode }))
    }));
    for (const factor of node.factors) {
        if (factor.options.length === 0 && factor.name !== undefined) { // a nameless factor has its syntax error
            problems.push({ source: factor, message: `裁量要素「${factor.name}」没有任何违法程度选项` });
        }
    }
    let model: WeightedModel = irregular
        ? { problems, component: { kind: 'fine', party: 'default', combination: 'applies', source: node, unreadable: true } }
        : { problems };
    if (base && !irregular) {
        const table: WeightedTable<AstNode> = { start, cap, base, factors };
        const range = weightedRange(table);
        const component: Component<AstNode> = {
            kind: 'fine', party: 'default', combination: 'applies', source: node,
            dimension: base.kind === 'amount' ? 'yuan' : 'percent',
            base: base.kind === 'share' ? baseRef : undefined,
            interval: range.interval, shape: 'both'
        };
        model = { table, range, component, problems };
    }
    cache.set(node, model);
    return model;
}
