import type { AstNode } from 'langium';
import {
    type BoundarySemantics, type ClampFix, type Component, type ContainmentIssue, DIMENSION_LABEL, type Dimension, clampFix,
    describeComponent, formatEndpoint, formatInterval, formatQuantity
} from '../domain/index.js';
import type { PenaltyProblem } from '../model/penalty-model.js';

function dimensionOf(component: Component<unknown>): Dimension {
    return component.dimension ?? 'yuan';
}

function baseLabel(component: Component<unknown>): string {
    return component.base ? component.base.label : '';
}

/** "罚款上限 3万元 超出上级（江门市生态环境局）阶次「1」上限 2万元" and its variants. */
export function outsideMessage(
    issue: Extract<ContainmentIssue<AstNode, AstNode>, { kind: 'outside' }>, lowerWho: string, upperWho: string
): string {
    const component = issue.component;
    const dimension = dimensionOf(component);
    const what = describeComponent(component);
    const interval = component.interval!;
    const base = baseLabel(component);
    const parts: string[] = [];
    if ((issue.side === 'above' || issue.side === 'both') && issue.allowedHull.upper) {
        parts.push(`${what}上限 ${base}${formatEndpoint(interval.upper ?? issue.allowedHull.upper, dimension)}` +
            ` 超出${upperWho}上限 ${base}${formatEndpoint(issue.allowedHull.upper, dimension)}`);
    } else if (issue.side === 'above' || issue.side === 'both') {
        parts.push(`${what}超出${upperWho}`);
    }
    if ((issue.side === 'below' || issue.side === 'both') && issue.allowedHull.lower) {
        const lower = interval.lower ? formatEndpoint(interval.lower, dimension) : '无下限';
        parts.push(`${what}下限 ${base}${lower} 低于${upperWho}下限 ${base}${formatEndpoint(issue.allowedHull.lower, dimension)}`);
    }
    if (issue.side === 'gap') {
        parts.push(`${what} ${formatInterval(interval, dimension)} 落入${upperWho}未覆盖的区间 ` +
            issue.excess.map(e => formatInterval(e, dimension)).join('、'));
    }
    return `${lowerWho}${parts.join('；')}`;
}

export function newKindMessage(component: Component<unknown>, lowerWho: string, upperWho: string): string {
    return `${lowerWho}使用了${upperWho}没有的处罚种类「${describeComponent(component)}」`;
}

export function incomparableMessage(component: Component<unknown>, available: readonly Component<unknown>[], lowerWho: string, upperWho: string): string {
    const measures = [...new Set(available.map(a => measureWords(a)))].join('、');
    return `${lowerWho}的${describeComponent(component)}按${measureWords(component)}计，${upperWho}只按${measures}计，无法比较`;
}

function measureWords(component: Component<unknown>): string {
    if (component.base && component.dimension === 'multiple') return `${component.base.label}的倍数`;
    if (component.base && component.dimension === 'percent') return `${component.base.label}的百分比`;
    if (component.dimension) return DIMENSION_LABEL[component.dimension];
    return '种类（无幅度）';
}

export function problemMessage(problem: PenaltyProblem): string {
    switch (problem.kind) {
        case 'bad-number': return '无法识别的数额';
        case 'mixed-dimensions':
            return problem.dimensions.includes('number')
                ? `缺少单位：幅度一端没有单位，另一端是${problem.dimensions.filter(d => d !== 'number').map(d => DIMENSION_LABEL[d]).join('与')}（如写「十万元」，而不是「十万」）`
                : `幅度两端单位不一致（${problem.dimensions.map(d => DIMENSION_LABEL[d]).join('与')}）`;
        case 'bad-shape': return `幅度表述无法理解：${problem.detail}`;
        case 'empty': return '幅度为空：下限高于上限（或两端重合却不含本数）';
        case 'base-required': return `${DIMENSION_LABEL[problem.dimension]}必须写明基数，例如「货值金额」「违法所得」「总投资额」`;
        case 'base-not-allowed': return '固定金额不能带基数；按基数计罚请写倍数或百分比';
        case 'wrong-dimension':
            return problem.expected.length === 0
                ? `该处罚种类不带幅度（写了${DIMENSION_LABEL[problem.dimension]}）`
                : problem.dimension === 'number'
                    ? `缺少单位：此处应以${problem.expected.map(d => DIMENSION_LABEL[d]).join('或')}计（如「五万元」「二倍」），数额后没有写单位`
                    : `此处应以${problem.expected.map(d => DIMENSION_LABEL[d]).join('或')}计，而不是${DIMENSION_LABEL[problem.dimension]}`;
    }
}

/**
 * 无法确定数额「一万万元」的读法：可能是「一亿元」或「一万元」. `prefix` and `suffix` are written around the numeral
 * and each reading (百分之…, …元).
 */
export function irregularNumeralMessage(what: string, numeral: string, readings: readonly string[], prefix = '', suffix = ''): string {
    const quoted = readings.map(r => `「${prefix}${r}${suffix}」`);
    const options = quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join('、')}或${quoted[quoted.length - 1]}`;
    return `无法确定${what}「${prefix}${numeral}${suffix}」的读法：` + (quoted.length > 0
        ? `可能是${options}`
        : '不是规范的中文数字，请按「一万五千」「三十二万」「一百零五」的写法改写，或改用阿拉伯数字');
}

export { formatQuantity };

/** The quick-fix data of an outside verdict (CD303 / CD401 / CD402), under `data.fix`. */
export function clampData(issue: Extract<ContainmentIssue<AstNode, AstNode>, { kind: 'outside' }>, against: string,
    semantics: BoundarySemantics, mayGoBelow = false): { fix: ClampFix } | undefined {
    const fix = clampFix(issue, against, semantics, mayGoBelow);
    return fix && { fix };
}
