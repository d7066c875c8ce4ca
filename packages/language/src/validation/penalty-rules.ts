import type { AstNode, ValidationAcceptor } from 'langium';
import { LEVEL_LABEL, checkContainment, formatCitation, mayGoBelowMinimum } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf, effectiveStatutory, gradeOf, levelOf, ownStatutory, tierLabel, tierStandard } from '../model/document-model.js';
import type { PenaltyModel } from '../model/penalty-model.js';
import { readCitations } from '../model/citations.js';
import { incomparableMessage, newKindMessage, outsideMessage, problemMessage } from './messages.js';
import { report } from './report.js';

function reportProblems(model: PenaltyModel, accept: ValidationAcceptor): void {
    for (const problem of model.problems) {
        const code = problem.kind === 'base-required' || problem.kind === 'base-not-allowed' || problem.kind === 'wrong-dimension'
            ? 'CD302' : 'CD301';
        report(accept, code, problemMessage(problem), { node: problem.source });
    }
}

/** The penalty text of the item's own statutory block and of each tier reads cleanly. */
export function checkPenaltyText(item: ast.Item, accept: ValidationAcceptor): void {
    const own = ownStatutory(item);
    if (own) {
        reportProblems(own, accept);
    }
    for (const tier of item.tiers) {
        reportProblems(tierStandard(tier), accept);
    }
}

/** "法定处罚（《大气污染防治法》第九十九条第（一）项）" */
export function statutoryLabel(owner: ast.Item): string {
    const basis = owner.basis[0] ? readCitations(owner.basis[0]).find(c => c !== undefined) : undefined;
    return basis ? `法定处罚（${formatCitation(basis)}）` : `法定处罚（事项 ${owner.code}）`;
}

export function tierWho(tier: ast.Tier): string {
    const level = levelOf(documentOf(tier));
    return `${level ? LEVEL_LABEL[level] : ''}${tierLabel(tier)}`;
}

/** Every tier stays inside the statutory penalty: kinds and ranges (减轻 tiers may go below the minimum). */
export function checkTiersAgainstStatute(item: ast.Item, accept: ValidationAcceptor): void {
    const statutory = effectiveStatutory(item);
    if (!statutory) {
        return;
    }
    // The label reads the citations: only when there is something to report.
    let label: string | undefined;
    const upperWho = () => label ??= statutoryLabel(statutory.owner);
    for (const tier of item.tiers) {
        const issues = checkContainment<AstNode, AstNode>(tierStandard(tier).components, statutory.model.components);
        for (const issue of issues) {
            const who = tierWho(tier);
            switch (issue.kind) {
                case 'new-kind':
                    report(accept, 'CD304', newKindMessage(issue.component, who, upperWho()), { node: issue.component.source });
                    break;
                case 'incomparable':
                    report(accept, 'CD305', incomparableMessage(issue.component, issue.available, who, upperWho()), { node: issue.component.source });
                    break;
                case 'outside':
                    if (issue.side === 'below' && mayGoBelowMinimum(gradeOf(tier))) {
                        break;
                    }
                    report(accept, 'CD303', outsideMessage(issue, who, upperWho()), { node: issue.component.source });
                    break;
            }
        }
    }
}
