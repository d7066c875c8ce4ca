import type { AstNode, ValidationAcceptor } from 'langium';
import { checkContainment, comparableComponents, compareLower, compareUpper, formatInterval, hull } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, documentOf, effectiveStatutory, statutoryLabel, upperRange } from '../model/document-model.js';
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
