import type { AstNode, ValidationAcceptor } from 'langium';
import {
    type Selector, checkContainment, checkSelectorPartition, comparableComponents, compareLower, compareUpper, factKey, formatInterval, hull, resolveRange,
    typedFromText
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, documentOf, effectiveStatutory, semanticsOf, statutoryLabel, upperRange } from '../model/document-model.js';
import { readWeightedTable } from '../model/weighted-model.js';
import { report } from './report.js';

/**
 * A 权重表's reachable fines (lightest options, heaviest options capped) stay inside the statutory range
 * and cover it exactly; a refining item's table stays inside the upper item's range.
 */
export function checkWeightedTables(item: ast.Item, accept: ValidationAcceptor): void {
    for (const [index, node] of item.weighted.entries()) {
        if (index > 0) {
            report(accept, 'CD103', `事项 ${item.code} 的「权重表」重复`, { node });
            continue;
        }
        for (const factor of node.factors) {
            checkFactorBands(factor, accept);
        }
        const model = readWeightedTable(node);
        for (const problem of model.problems) {
            report(accept, 'CD342', problem.message, { node: problem.source });
        }
        const component = model.component;
        const range = model.range;
        if (!component || !range) {
            continue;
        }
        const dimension = component.dimension ?? 'yuan';
        const computed = `权重合计 ${range.minSum.toFixed()}%～${range.maxSum.toFixed()}%${range.uncappedMaxSum.gt(range.maxSum) ? `（未封顶 ${range.uncappedMaxSum.toFixed()}%）` : ''}，` +
            `罚款 ${formatInterval(range.interval, dimension)}`;
        const statutory = effectiveStatutory(item);
        if (statutory) {
            const targets = comparableComponents(component, statutory.model.components).filter(c => c.interval && !c.escalation);
            const target = hull(targets.map(t => t.interval!));
            const who = statutoryLabel(statutory.owner);
            if (targets.length === 0) {
                report(accept, 'CD340', `权重表按${dimension === 'yuan' ? '金额' : '比例'}计罚，${who}没有可比的罚款幅度`, { node });
            } else if (target) {
                const outside = checkContainment<AstNode, AstNode>([component], targets).length > 0;
                if (outside) {
                    report(accept, 'CD340', `${computed}，超出${who} ${formatInterval(target, dimension)}`, { node });
                } else if (compareLower(target.lower, range.interval.lower) !== 0 || compareUpper(target.upper, range.interval.upper) !== 0) {
                    report(accept, 'CD341', `${computed}，未恰好覆盖${who} ${formatInterval(target, dimension)}`, { node });
                }
            }
        }
        const upper = item.refines?.ref;
        const allowed = upper ? upperRange(upper) : undefined;
        if (upper && allowed) {
            const issues = checkContainment<AstNode, AstNode>([component], allowed.components);
            if (issues.length > 0) {
                report(accept, 'CD402', `${computed}，超出上级（${documentLabel(documentOf(upper))}）事项 ${upper.code} 的幅度`, { node });
            }
        }
    }
}

/**
 * The options of one factor whose names are a quantity and its range (「超标0.5倍以下」, 「超标0.5倍以上1倍以下」,
 * read under the document's 边界) must not share a value (a case could take either weight) nor leave a gap between
 * them (a case would take none). The names are free text read for their numbers, so the verdict is a warning.
 */
function checkFactorBands(factor: ast.Factor, accept: ValidationAcceptor): void {
    const semantics = semanticsOf(documentOf(factor));
    const selectors: Selector<ast.FactorOption>[] = [];
    for (const option of factor.options) {
        const typed = typeof option.name === 'string' ? typedFromText(option.name) : undefined;
        const range = typed ? resolveRange(typed.bounds, semantics, undefined).range : undefined;
        if (typed && range) {
            selectors.push({ tier: option, fact: factKey(typed.fact), interval: range.interval, dimension: range.dimension });
        }
    }
    for (const issue of checkSelectorPartition(selectors)) {
        if (issue.kind === 'overlap') {
            report(accept, 'CD343',
                `要素「${factor.name}」的选项「${issue.second.name}」与「${issue.first.name}」在 ${formatInterval(issue.overlap, issue.dimension)} 重叠：同一案件可取两个权重（按本文件边界读选项名称中的数）`,
                { node: issue.second, property: 'name' });
        } else {
            report(accept, 'CD343',
                `要素「${factor.name}」的选项之间有空档：${formatInterval(issue.gap, issue.dimension)} 不属于任何选项（位于「${issue.after.name}」之后）`,
                { node: issue.after, property: 'name' });
        }
    }
}
