import type { AstNode, ValidationAcceptor } from 'langium';
import {
    type Component, type MembershipTest, type Selector, checkMembershipPartition, checkPartition, factKey, checkSelectorPartition, describeComponent, describeSemantics, formatInterval, leavesOrdinaryRange
} from '../domain/index.js';
import { resolveRangeNode } from '../model/penalty-model.js';
import type * as ast from '../generated/ast.js';
import {
    allowsOverlap, documentOf, effectiveStatutory, gradeOf, semanticsOf, tierLabel, tierStandard, upperRange
} from '../model/document-model.js';
import { isNameless, report } from './report.js';
import { domainOf, membershipOf } from '../model/facts.js';

/** Tiers of one item neither overlap nor leave gaps in the range they divide (the statutory or the upper item's). */
export function checkTierPartition(item: ast.Item, accept: ValidationAcceptor): void {
    const tiers = item.tiers.filter(t => !isNameless(t) && !leavesOrdinaryRange(gradeOf(t)));
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

/**
 * Tiers selected by typed conditions (指标 「超标倍数」 不足0.5倍) neither overlap nor leave gaps on the same fact,
 * read under the document's 边界: "不超过五万元" and "五万元以上" share exactly 五万元 where 以上 includes the number;
 * "超过" never shares a value with "不超过" of the same number. Under 竞合 取重/取轻 overlaps are intended.
 */
export function checkTierSelectors(item: ast.Item, accept: ValidationAcceptor): void {
    const benchmark = documentOf(item);
    const semantics = semanticsOf(benchmark);
    const selectors: Selector<ast.Indicator>[] = [];
    for (const tier of item.tiers) {
        for (const indicator of isNameless(tier) ? [] : tier.indicators) {
            const range = indicator.range ? resolveRangeNode(indicator.range, semantics).range : undefined;
            if (range && indicator.name !== undefined && indicator.operator === undefined) {
                selectors.push({ tier: indicator, fact: indicator.name.replace(/\s+/g, ''), interval: range.interval, dimension: range.dimension });
            }
        }
    }
    const tierOf = (indicator: ast.Indicator) => indicator.$container as ast.Tier;
    checkTierMemberships(item, accept);
    for (const issue of checkSelectorPartition(selectors.filter((s, i) => selectors.findIndex(o => tierOf(o.tier) === tierOf(s.tier) && o.fact === s.fact) === i))) {
        if (issue.kind === 'overlap') {
            if (allowsOverlap(benchmark) || tierOf(issue.first) === tierOf(issue.second)) {
                continue;
            }
            report(accept, 'CD503',
                `${tierLabel(tierOf(issue.second))}与${tierLabel(tierOf(issue.first))}的指标「${issue.fact}」在 ${formatInterval(issue.overlap, issue.dimension)} 重叠：` +
                `同一案件落入两个阶次（本文件边界：${describeSemantics(semantics)}）；若规则规定就高适用，可在文件头声明「竞合 取重」`,
                { node: issue.second, property: 'range' });
        } else {
            report(accept, 'CD504',
                `事项 ${item.code} 的阶次在指标「${issue.fact}」的 ${formatInterval(issue.gap, issue.dimension)} 没有适用的阶次（位于${tierLabel(tierOf(issue.after))}之后）`,
                { node: issue.after, property: 'range' });
        }
    }
}

/** Tiers selected by the values of one enumerated fact (指标 「区域」 为 「…」): a value in two tiers, or in none. */
function checkTierMemberships(item: ast.Item, accept: ValidationAcceptor): void {
    const selectors: { tier: ast.Indicator; test: MembershipTest }[] = [];
    for (const tier of item.tiers) {
        for (const indicator of isNameless(tier) ? [] : tier.indicators) {
            const test = membershipOf(indicator);
            if (test) selectors.push({ tier: indicator, test });
        }
    }
    const tierOf = (indicator: ast.Indicator) => indicator.$container as ast.Tier;
    const byTier = selectors.map(s => ({ tier: tierOf(s.tier), test: s.test, node: s.tier }));
    const nodeOf = (tier: ast.Tier, fact: string) => byTier.find(s => s.tier === tier && factKey(s.test.fact) === factKey(fact))!.node;
    const benchmark = documentOf(item);
    for (const issue of checkMembershipPartition(byTier, fact => domainOf(item, fact))) {
        const values = issue.values.map(v => `「${v}」`).join('、');
        if (issue.kind === 'overlap') {
            if (allowsOverlap(benchmark)) continue;
            report(accept, 'CD503',
                `${tierLabel(issue.second)}与${tierLabel(issue.first)}的「${issue.fact}」都取 ${values}：同一案件落入两个阶次；若规则规定就高适用，可在文件头声明「竞合 取重」`,
                { node: nodeOf(issue.second, issue.fact), property: 'values' });
        } else {
            report(accept, 'CD504',
                `事项 ${item.code} 的阶次没有覆盖「${issue.fact}」的取值 ${values}：这样的案件找不到适用的阶次`,
                { node: nodeOf(issue.last, issue.fact), property: 'values' });
        }
    }
}
