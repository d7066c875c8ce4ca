import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { ChiduAstType } from '../generated/ast.js';
import type * as ast from '../generated/ast.js';
import type { ChiduCoreServices } from '../chidu-core-module.js';
import { checkDates, checkHeaderFields, checkParents, checkUniqueName } from './document-rules.js';
import { checkCitations, checkItemCodes, checkItemFields, checkTierNames } from './item-rules.js';
import { checkPenaltyText, checkTiersAgainstStatute } from './penalty-rules.js';
import { checkRefinement } from './refinement-rules.js';
import { checkTierPartition, checkTierSelectors } from './partition-rules.js';
import { checkDurationNumeral, checkFullWidth, checkQuantityNumeral } from './input-rules.js';
import { checkProcedureHints } from './procedure-rules.js';
import { checkGradeSemantics, checkProfile } from './tier-semantics-rules.js';
import { checkPeriods, checkStatuteVersions } from './time-rules.js';
import { checkWeightedTables } from './weighted-rules.js';
import { checkMatter } from './matter-rules.js';
import { checkMannerAndTimeLimits } from './manner-rules.js';
import { checkFactCondition, checkFactDeclarations } from './fact-rules.js';
import { StatuteRules } from './statute-rules.js';
import { StatuteLibrary } from '../workspace/statute-library.js';
import {
    AuthorityListIndex, checkAcrossLists, checkAgainstAggravatedTiers, checkEntry, checkExcludedAreas, checkExcludedDomains, checkListEntries,
    checkObservationPeriod
} from './list-rules.js';

/** Registers every check; each rule family lives in its own file. */
export function registerValidationChecks(services: ChiduCoreServices): void {
    const registry = services.validation.ValidationRegistry;
    const settings = services.settings.ChiduSettings;
    const authorityLists = new AuthorityListIndex(services.shared);
    const statutes = new StatuteRules(StatuteLibrary.of(services.shared));
    const documents = services.shared.workspace.LangiumDocuments;
    const uniqueName = (document: ast.Benchmark | ast.ExemptionList | ast.MatterCatalogue, accept: ValidationAcceptor) =>
        checkUniqueName(document, accept, () => documents.all);
    const checks: ValidationChecks<ChiduAstType> = {
        Benchmark: [
            checkHeaderFields, checkDates, checkParents, uniqueName, checkItemCodes, checkFullWidth, checkStatuteVersions, checkFactDeclarations,
            (benchmark: ast.Benchmark, accept: ValidationAcceptor) => checkPeriods(benchmark, accept, settings.referenceDate)
        ],
        Item: [
            checkItemFields, checkTierNames, checkPenaltyText, checkTiersAgainstStatute, checkRefinement, checkTierPartition, checkTierSelectors,
            checkWeightedTables, (item: ast.Item, accept: ValidationAcceptor) => checkProfile(item, accept, settings.defaultProfile), checkGradeSemantics, checkProcedureHints, checkMatter, checkMannerAndTimeLimits,
            (item: ast.Item, accept: ValidationAcceptor) => statutes.checkItem(item, accept)
        ],
        CitationList: [
            (list: ast.CitationList, accept: ValidationAcceptor) => checkCitations(list, accept),
            (list: ast.CitationList, accept: ValidationAcceptor) => statutes.checkCitationList(list, accept)
        ],
        Quantity: checkQuantityNumeral,
        Indicator: checkFactCondition,
        Membership: checkFactCondition,
        Duration: checkDurationNumeral,
        ExemptionList: [
            checkHeaderFields, checkDates, checkParents, uniqueName, checkListEntries, checkFactDeclarations, checkExcludedAreas,
            (list: ast.ExemptionList, accept: ValidationAcceptor) => checkExcludedDomains(list, accept, settings.excludedDomains),
            (list: ast.ExemptionList, accept: ValidationAcceptor) => checkPeriods(list, accept, settings.referenceDate),
            (list: ast.ExemptionList, accept: ValidationAcceptor) => checkAcrossLists(list, accept, authorityLists)
        ],
        Entry: [
            (entry: ast.Entry, accept: ValidationAcceptor) => checkEntry(entry, accept, settings.referenceDate),
            checkAgainstAggravatedTiers
        ],
        MatterCatalogue: [checkHeaderFields, checkDates, uniqueName],
        ObservationPeriod: checkObservationPeriod
    };
    registry.register(checks);
}
