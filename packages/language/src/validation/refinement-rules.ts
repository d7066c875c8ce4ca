import type { AstNode, ValidationAcceptor } from 'langium';
import { type BoundarySemantics, type Component, STATUTORY_SEMANTICS, checkContainment } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, documentOf, effectiveStatutory, ownStatutory, semanticsOf, tierComponents, tierStandard, tierWho, upperRange } from '../model/document-model.js';
import { clampData, incomparableMessage, newKindMessage, outsideMessage } from './messages.js';
import { isNameless, report } from './report.js';

/** Every kind the upper item knows: its tiers and its statutory penalty (escalations included). */
function upperKinds(upper: ast.Item): Component<AstNode>[] {
    return [...tierComponents(upper), ...(effectiveStatutory(upper)?.model.components ?? [])];
}

function upperWho(upper: ast.Item, tiers?: readonly ast.Tier[]): string {
    const doc = `上级（${documentLabel(documentOf(upper))}）`;
    if (tiers && tiers.length > 0) {
        return `${doc}阶次${tiers.map(t => `「${t.name}」`).join('、')}`;
    }
    return `${doc}事项 ${upper.code}`;
}

/**
 * A refining item never leaves the upper item: each tier stays inside the upper tiers it names (阶次),
 * or inside the upper item's range (幅度), and adds no penalty kind.
 */
export function checkRefinement(item: ast.Item, accept: ValidationAcceptor): void {
    const upper = item.refines?.ref;
    if (!upper) {
        return;
    }
    const kinds = upperKinds(upper);
    const statutoryKinds = effectiveStatutory(item)?.model.components ?? [];
    const own = ownStatutory(item);
    const upperStatutory = effectiveStatutory(upper);
    if (own && upperStatutory) {
        for (const issue of checkContainment<AstNode, AstNode>(own.components, upperStatutory.model.components)) {
            reportIssue(issue, `事项 ${item.code} 的法定处罚`, upperWho(upper), accept, 'CD402', STATUTORY_SEMANTICS);
        }
    }
    for (const tier of item.tiers) {
        const components = tierStandard(tier).components;
        const refined = tier.refines.map(r => r.ref).filter((t): t is ast.Tier => t !== undefined);
        if (tier.refines.length > 0 && refined.length < tier.refines.length) {
            continue; // an unresolved tier link is reported as a linking error
        }
        let against: readonly Component<AstNode>[];
        let who: string;
        let code: 'CD401' | 'CD402';
        if (refined.length > 0) {
            against = refined.flatMap(t => tierStandard(t).components);
            who = upperWho(upper, refined);
            code = 'CD401';
        } else if (upper.tiers.length > 0) {
            report(accept, 'CD209',
                `${tierWho(tier)}未写明细化上级（${documentLabel(documentOf(upper))}）事项 ${upper.code} 的哪个阶次（可选：${upper.tiers.filter(t => !isNameless(t)).map(t => `「${t.name}」`).join('、')}）`,
                { node: tier, property: 'name' });
            against = tierComponents(upper);
            who = upperWho(upper);
            code = 'CD402';
        } else if (upper.weighted.length > 0) {
            against = upperRange(upper)?.components ?? [];
            who = `${upperWho(upper)}的权重表`;
            code = 'CD402';
        } else {
            continue; // the upper item's range is its statutory penalty, checked by the statutory rules
        }
        for (const issue of checkContainment<AstNode, AstNode>(components, against)) {
            if (issue.kind === 'new-kind') {
                const known = (list: readonly Component<AstNode>[]) =>
                    list.some(k => k.kind === issue.component.kind && k.detail === issue.component.detail);
                // Known upstream: its range is checked against the statutory penalty. Unknown to the statute
                // as well: already reported there (CD304).
                if (known(kinds) || !known(statutoryKinds)) {
                    continue;
                }
            }
            reportIssue(issue, tierWho(tier), who, accept, code, semanticsOf(documentOf(tier)));
        }
    }
}

function reportIssue(issue: ReturnType<typeof checkContainment<AstNode, AstNode>>[number], lowerWho: string, who: string,
    accept: ValidationAcceptor, outsideCode: 'CD401' | 'CD402', semantics: BoundarySemantics): void {
    switch (issue.kind) {
        case 'new-kind':
            report(accept, 'CD403', newKindMessage(issue.component, lowerWho, who), { node: issue.component.source });
            return;
        case 'incomparable':
            report(accept, 'CD404', incomparableMessage(issue.component, issue.available, lowerWho, who), { node: issue.component.source });
            return;
        case 'outside':
            report(accept, outsideCode, outsideMessage(issue, lowerWho, who), { node: issue.component.source }, clampData(issue, who, semantics));
            return;
    }
}
