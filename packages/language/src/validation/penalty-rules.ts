import type { AstNode, ValidationAcceptor } from 'langium';
import { checkContainment, mayGoBelowMinimum } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf, effectiveStatutory, gradeOf, ownStatutory, semanticsOf, statutoryLabel, tierStandard, tierWho } from '../model/document-model.js';
import type { PenaltyModel } from '../model/penalty-model.js';
import { clampData, incomparableMessage, newKindMessage, outsideMessage, problemMessage } from './messages.js';
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
                    report(accept, 'CD303', outsideMessage(issue, who, upperWho()), { node: issue.component.source },
                        clampData(issue, '法定幅度', semanticsOf(documentOf(tier)), mayGoBelowMinimum(gradeOf(tier))));
                    break;
            }
        }
    }
}
