import type { AstNode, ValidationAcceptor } from 'langium';
import { type Component, checkPartition, describeComponent, describeSemantics, formatInterval, leavesOrdinaryRange } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import {
    allowsOverlap, documentOf, effectiveStatutory, gradeOf, semanticsOf, tierLabel, tierStandard, upperRange
} from '../model/document-model.js';
import { report } from './report.js';

/** Tiers of one item neither overlap nor leave gaps in the range they divide (the statutory or the upper item's). */
export function checkTierPartition(item: ast.Item, accept: ValidationAcceptor): void {
    const tiers = item.tiers.filter(t => !leavesOrdinaryRange(gradeOf(t)));
    if (tiers.length === 0) {
        return;
    }
    const upper = item.refines?.ref;
    let target: readonly Component<AstNode>[] | undefined;
    let targetWho: string;
    if (upper && (upper.tiers.length > 0 || upper.weighted.length > 0)) {
        target = upperRange(upper)?.components;
        targetWho = `上级事项 ${upper.code} 的幅度`;
    } else {
        target = effectiveStatutory(item)?.model.components;
        targetWho = '法定幅度';
    }
    if (!target) {
        return;
    }
    const benchmark = documentOf(item);
    const issues = checkPartition(
        tiers.map(tier => ({ tier, components: tierStandard(tier).components })),
        target,
        { allowOverlap: allowsOverlap(benchmark) }
    );
    for (const issue of issues) {
        if (issue.kind === 'overlap') {
            const dimension = issue.secondComponent.dimension ?? 'yuan';
            report(accept, 'CD501',
                `${tierLabel(issue.second)}与${tierLabel(issue.first)}的${describeComponent(issue.secondComponent)}在 ` +
                `${formatInterval(issue.overlap, dimension)} 重叠（本文件边界：${describeSemantics(semanticsOf(benchmark))}）；` +
                '若规则规定就高适用，可在文件头声明「竞合 取重」',
                { node: issue.secondComponent.source });
        } else {
            const dimension = issue.example.dimension ?? 'yuan';
            const where = issue.after ? `，位于${tierLabel(issue.after)}之后` : '';
            const message =
                `事项 ${item.code} 的阶次未覆盖${targetWho} ${formatInterval(issue.target, dimension)} 中的 ` +
                `${formatInterval(issue.gap, dimension)}（${describeComponent(issue.example)}${where}）`;
            if (issue.after) {
                report(accept, 'CD502', message, { node: issue.after, property: 'name' });
            } else {
                report(accept, 'CD502', message, { node: item, property: 'code' });
            }
        }
    }
}
