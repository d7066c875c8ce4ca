import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { type GroundIssue, formatCitation, groundArticlesText } from '../domain/index.js';
import type { DiagnosticCode } from './diagnostic-codes.js';
import { report } from './report.js';

/**
 * Renders a verdict of 《行政处罚法》第三十条至第三十三条 (domain `checkReliefGround`) for a tier or a list
 * entry. `wrongGroundCode` is the code of the construct (CD313/CD314 for tiers, CD612/CD605 for entries);
 * the other verdicts have one code whatever they are found on.
 */
export function reportGroundIssue<N extends AstNode>(
    accept: ValidationAcceptor, issue: GroundIssue, who: string, word: string, wrongGroundCode: DiagnosticCode,
    location: Omit<DiagnosticInfo<N>, 'code' | 'data'>
): void {
    switch (issue.kind) {
        case 'missing':
            report(accept, 'CD317',
                `${who}为「${word}」，但没有写明依据（${groundArticlesText(issue.relief)}，或特别法的规定），无法证明其合法`, location);
            break;
        case 'not-a-ground':
            report(accept, wrongGroundCode,
                `${who}为「${word}」，所写依据 ${issue.cited.map(formatCitation).join('、')} 不是${word}的法定情形（${groundArticlesText(issue.relief)}，或特别法的规定）`,
                location);
            break;
        case 'first-violation-mandatory':
            report(accept, 'CD315',
                `${who}以初次违法为条件写成「${word}」：按《行政处罚法》第三十三条第一款，初次违法且危害后果轻微并及时改正的是「可以不予处罚」；` +
                '若条件还要求没有造成危害后果或没有主观过错，请写明', location);
            break;
        case 'no-harm-discretionary':
            report(accept, 'CD315',
                `${who}的条件是违法行为轻微、及时改正且没有造成危害后果，按《行政处罚法》第三十三条第一款应当「不予处罚」，写成「${word}」留下了处罚的余地`,
                location);
            break;
    }
}
