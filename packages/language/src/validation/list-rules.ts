import { type AstNode, type ValidationAcceptor, WorkspaceCache, type LangiumSharedCoreServices } from 'langium';
import {
    CIRCUMSTANCE_WORDS, type Citation, checkContainment, checkReliefGround, compareWindows, describeWindow, formatCitation, readCircumstances,
    factKey, reliefOf, sameOrNestedProvision
} from '../domain/index.js';
import * as ast from '../generated/ast.js';
import { documentLabel, documentOf, effectiveStatutory, gradeOf } from '../model/document-model.js';
import { citationsOf } from '../model/citations.js';
import {
    type ConsequenceInfo, conditionTexts, consequenceOf, describeCondition, entryGrounds, entryMeasures, hasLookback, impliesAll,
    excludedAreasOf, excludedDomainsOf, flatConjunction, lookbackOf, measureWord, membershipText, onlyUpperConditions, typedConditionText,
    unrepeatedExclusions, walkConditions
} from '../model/list-model.js';
import { membershipOf } from '../model/facts.js';
import { reportGroundIssue } from './grounds-rules.js';
import { readPenaltyBlock } from '../model/penalty-model.js';
import { STATUTORY_SEMANTICS } from '../domain/index.js';
import { periodOf } from './time-rules.js';
import { incomparableMessage, newKindMessage, outsideMessage } from './messages.js';
import { missingCorrectionAndEducation } from './corrective-measures.js';
import { isNameless, report } from './report.js';


/** Soft measures of the 执法观察期 (002 item 9; 003 第六条). */
const SOFT_MEASURES = new Set(['教育提醒', '劝导示范', '警示告诫', '行政提示', '行政指导', '行政约谈', '指导', '建议', '提醒', '规劝', '约谈', '教育']);

const EXEMPTING = new Set(['noPenalty', 'mitigated', 'lenient', 'noCoercion']);

function entryWho(entry: ast.Entry): string {
    return `条目 ${entry.number}${entry.name ? `「${entry.name}」` : ''}`;
}

function listWho(list: ast.ExemptionList): string {
    return `${list.issuer[0] ?? ''}《${list.name}》`;
}

/** The violation an entry is about: its benchmark item, or its own 违法行为 + 违反条款. */
function violationKey(entry: ast.Entry): string | undefined {
    const item = effectiveItem(entry);
    if (item) {
        return `item:${documentOf(item).name}/${item.code}`;
    }
    const violated = citationsOf(effectiveViolated(entry)).map(formatCitation).join('、');
    const violation = entry.violation[0] ?? entry.refines?.ref?.violation[0];
    return violation || violated ? `text:${violation ?? ''}|${violated}` : undefined;
}

function effectiveItem(entry: ast.Entry): ast.Item | undefined {
    return entry.item[0]?.ref ?? entry.refines?.ref?.item[0]?.ref;
}

function effectiveViolated(entry: ast.Entry): ast.CitationList[] {
    return entry.violated.length > 0 ? entry.violated : entry.refines?.ref?.violated ?? [];
}

function itemViolated(item: ast.Item): Citation[] {
    let current: ast.Item | undefined = item;
    for (let depth = 0; current && depth < 16; depth++, current = current.refines?.ref) {
        if (current.violated.length > 0) {
            return citationsOf(current.violated);
        }
    }
    return [];
}

/** An entry names its violation, has a consequence, and agrees with the item it cites. */
export function checkEntry(entry: ast.Entry, accept: ValidationAcceptor, referenceDate: string): void {
    const item = effectiveItem(entry);
    const consequence = consequenceOf(entry);
    if (!item && entry.item.length === 0 && (entry.violation.length === 0 || entry.violated.length === 0) && !entry.refines) {
        report(accept, 'CD602', `${entryWho(entry)}须引用基准事项（事项 编码），或写明违法行为和违反条款`, { node: entry, property: 'number' });
    }
    if (!consequence) {
        report(accept, 'CD602', `${entryWho(entry)}没有写明后果（不予处罚、可以不予处罚、减轻处罚 …）`, { node: entry, property: 'number' });
    }
    if (item && entry.violated.length > 0) {
        const expected = itemViolated(item);
        const stray = citationsOf(entry.violated).filter(c => !expected.some(e => sameOrNestedProvision(e, c)));
        if (expected.length > 0 && stray.length > 0) {
            report(accept, 'CD603', `${entryWho(entry)}的违反条款 ${stray.map(formatCitation).join('、')} 不是事项 ${item.code} 的违反条款（${expected.map(formatCitation).join('、')}）`,
                { node: entry, property: 'violated' });
        }
    }
    if (item) {
        const until = periodOf(documentOf(item)).until;
        if (until && until <= referenceDate) {
            report(accept, 'CD604', `${entryWho(entry)}引用的事项 ${item.code} 所在的基准「${documentOf(item).name}」已于 ${until} 失效`, { node: entry, property: 'item' });
        }
    }
    if (consequence) {
        checkConsequence(entry, consequence, accept);
    }
}

function checkConsequence(entry: ast.Entry, consequence: ConsequenceInfo, accept: ValidationAcceptor): void {
    const grounds = citationsOf(entryGrounds(entry));
    const list = entry.$container;
    const relief = reliefOf(consequence.word);
    if (relief) {
        const circumstances = readCircumstances(conditionTexts(entry).map(c => c.text));
        for (const issue of checkReliefGround(relief, grounds, circumstances)) {
            reportGroundIssue(accept, issue, entryWho(entry), consequence.word, relief.kind === 'mitigated' ? 'CD612' : 'CD605',
                { node: entry, property: issue.kind === 'missing' || issue.kind === 'not-a-ground' ? 'number' : 'consequence' });
        }
    }
    if (consequence.kind === 'noPenalty') {
        const measures = entryMeasures(entry).map(measureWord);
        const missing = missingCorrectionAndEducation(measures);
        if (grounds.some(g => g.law === '食品安全法' && g.article === 136) && !measures.some(m => m.startsWith('没收'))) {
            missing.push('没收（《食品安全法》第一百三十六条）');
        }
        if (missing.length > 0) {
            report(accept, 'CD606', `${entryWho(entry)}为「${consequence.word}」，但缺少${missing.join('、')}`, { node: entry, property: 'number' });
        }
    }
    const firstViolation = lookbackOf(entry) !== undefined || (list?.kind[0] === '首违不罚清单' && !consequence.mandatory);
    if (firstViolation && consequence.kind === 'noPenalty' && !hasLookback(entry)) {
        report(accept, 'CD607', `${entryWho(entry)}是首违不罚，没有写明回溯期：按法律原文，「初次违法」不限期限，此前任何时候的同类违法都使其不属初次`, { node: entry, property: 'number' });
    }
    if (consequence.kind === 'aggravated') {
        const item = effectiveItem(entry);
        const statutory = item ? effectiveStatutory(item) : undefined;
        const block = entry.penalty[0];
        if (block && statutory) {
            const who = `法定处罚（事项 ${statutory.owner.code}）`;
            for (const issue of checkContainment<AstNode, AstNode>(readPenaltyBlock(block, STATUTORY_SEMANTICS).components, statutory.model.components)) {
                const message = issue.kind === 'outside' ? outsideMessage(issue, entryWho(entry), who)
                    : issue.kind === 'new-kind' ? newKindMessage(issue.component, entryWho(entry), who)
                        : incomparableMessage(issue.component, issue.available, entryWho(entry), who);
                report(accept, 'CD613', message, { node: issue.component.source });
            }
        }
    }
}

/** An exemption whose conditions are also the conditions of a 从重 tier of the same item. */
export function checkAgainstAggravatedTiers(entry: ast.Entry, accept: ValidationAcceptor): void {
    const consequence = consequenceOf(entry);
    const item = effectiveItem(entry);
    if (!consequence || !EXEMPTING.has(consequence.kind) || !item) {
        return;
    }
    const own = conditionTexts(entry);
    for (const tier of item.tiers) {
        if (gradeOf(tier) !== '从重') {
            continue;
        }
        for (const condition of tier.conditions) {
            const same = own.find(c => c.text.replace(/\s+/g, '') === condition.replace(/\s+/g, ''));
            if (same) {
                report(accept, 'CD608', `${entryWho(entry)}的条件「${same.text}」同时是${documentLabel(documentOf(item))}事项 ${item.code} 从重阶次「${tier.name}」的情形`, { node: same.node });
            }
        }
    }
}

/** Within one list: the same violation twice; imports and refinements never loosen the upper entry. */
export function checkListEntries(list: ast.ExemptionList, accept: ValidationAcceptor): void {
    const seen = new Map<string, ast.Entry>();
    const numbers = new Set<string>();
    for (const entry of list.entries.filter(e => !isNameless(e))) {
        if (numbers.has(entry.number)) {
            report(accept, 'CD610', `条目编号 ${entry.number} 在本清单中重复`, { node: entry, property: 'number' });
        }
        numbers.add(entry.number);
        const key = violationKey(entry);
        const first = key ? seen.get(key) : undefined;
        if (key && first) {
            report(accept, 'CD619', `${entryWho(entry)}与${entryWho(first)}是同一违法行为：请确认两者的条件互斥，或合并为一个条目`, { node: entry, property: 'number' });
        } else if (key) {
            seen.set(key, entry);
        }
    }
    for (const imported of list.imports) {
        imported.entries.forEach((ref, index) => {
            const upper = ref.ref && !isNameless(ref.ref) ? ref.ref : undefined;
            const key = upper ? violationKey(upper) : undefined;
            const first = key ? seen.get(key) : undefined;
            if (key && first) {
                report(accept, 'CD619', `直接适用的上级条目 ${upper!.number} 与本清单${entryWho(first)}是同一违法行为：请确认两者的条件互斥`, { node: imported, property: 'entries', index });
            } else if (key) {
                seen.set(key, upper!);
            }
        });
    }
    for (const entry of list.entries) {
        const upper = entry.refines?.ref;
        if (!upper) {
            continue;
        }
        const upperWho = `上级清单${listWho(upper.$container)}${entryWho(upper)}`;
        const lowerConsequence = consequenceOf(entry);
        const upperConsequence = consequenceOf(upper);
        if (lowerConsequence && upperConsequence && lowerConsequence.kind === upperConsequence.kind && lowerConsequence.mandatory && !upperConsequence.mandatory) {
            report(accept, 'CD614', `${entryWho(entry)}把${upperWho}的「${upperConsequence.word}」改成了「${lowerConsequence.word}」`, { node: entry, property: 'consequence' });
        }
        checkLookbackNarrowing(entry, upper, upperWho, accept);
        if (entry.conditions.length === 0) {
            continue; // the upper conditions apply unchanged
        }
        for (const condition of upper.conditions) {
            const loosening = impliesAll(entry.conditions, condition);
            if (!loosening || isHalfTyped(condition)) {
                continue; // a half-typed upper condition carries its own syntax error and cannot be named
            }
            if (loosening.kind === 'widened') {
                if (loosening.witness !== undefined) {
                    report(accept, 'CD614', `${entryWho(entry)}的条件${membershipText(loosening.lower)}宽于${upperWho}的${membershipText(loosening.upper)}：取值「${loosening.witness}」的案件在本清单适用，在上级清单不适用`, { node: loosening.lower });
                } else {
                    report(accept, 'CD614', `${entryWho(entry)}的指标「${loosening.lower.name}」${typedConditionText(loosening.lower)} 宽于${upperWho}的 ${typedConditionText(loosening.upper)}`, { node: loosening.lower });
                }
            } else if (isFirstViolationCondition(loosening.upper) && lookbackOf(entry) !== undefined) {
                continue; // 首次违法 rewritten with a window: compared as windows (checkLookbackNarrowing)
            } else if (onlyUpperConditions(entry, upper)) {
                report(accept, 'CD614', `${entryWho(entry)}删去了${upperWho}的条件${describeCondition(loosening.upper)}`, { node: entry.conditions[0]! });
            } else {
                report(accept, 'CD620', `${entryWho(entry)}没有照录${upperWho}的条件${describeCondition(loosening.upper)}，改写后的条件无法证明不宽于上级；请核对含义是否相同`, { node: entry.conditions[0]! });
            }
            break;
        }
    }
}

/** A condition, or a part of it, whose text or name the parser could not read. */
function isHalfTyped(condition: ast.Condition): boolean {
    return walkConditions([condition]).some(c => c.$type === 'TextCondition' ? typeof c.text !== 'string'
        : c.$type === 'Indicator' || c.$type === 'Membership' ? typeof c.name !== 'string' : typeof c.mode !== 'string');
}

function isFirstViolationCondition(condition: ast.Condition): boolean {
    return condition.$type === 'TextCondition' && CIRCUMSTANCE_WORDS.firstViolation.test(condition.text);
}

/**
 * A lower first-violation entry may lengthen the look-back window (fewer acts count as first), never shorten
 * or drop it: 首次违法 (no window) → 两年内首次违法 lets a violation three years ago pass as first.
 */
function checkLookbackNarrowing(entry: ast.Entry, upper: ast.Entry, upperWho: string, accept: ValidationAcceptor): void {
    const upperWindow = lookbackOf(upper);
    const lowerWindow = entry.lookback.length > 0 || entry.conditions.length > 0 ? lookbackOf(entry) : undefined;
    if (!upperWindow || !lowerWindow) {
        return;
    }
    const comparison = compareWindows(lowerWindow.window, upperWindow.window);
    if (comparison === 'same' || comparison === 'stricter') {
        return;
    }
    const change = `回溯期由${describeWindow(upperWindow.window)}改为${describeWindow(lowerWindow.window)}`;
    if (comparison === 'looser' && upperWindow.typed && lowerWindow.typed) {
        report(accept, 'CD614', `${entryWho(entry)}把${upperWho}的${change}：更早的同类违法不再排除「首次」，放宽了上级条目`, { node: lowerWindow.node });
    } else if (comparison === 'looser') {
        report(accept, 'CD620', `${entryWho(entry)}的条件把${change.replace('回溯期由', '回溯期（从条件文字读出）由')}，宽于${upperWho}：更早的同类违法不再排除「首次」；请核对`, { node: lowerWindow.node });
    } else {
        report(accept, 'CD620', `${entryWho(entry)}的${change}，二者宽严无法比较（年度内的长短取决于违法发生的月份）；请核对`, { node: lowerWindow.node });
    }
}

/** Deny-listed domains: an entry there needs a cited justification; observation periods too. */
export function checkExcludedDomains(list: ast.ExemptionList, accept: ValidationAcceptor, configured?: readonly string[]): void {
    const denied = new Set(excludedDomainsOf(list, configured));
    for (const entry of list.entries) {
        const item = effectiveItem(entry);
        const domains = [...entry.domain, ...(item ? documentOf(item).domain : [])];
        const hit = domains.find(d => denied.has(d));
        if (hit && !(entry.justification.length > 0 && entry.grounds.length > 0)) {
            report(accept, 'CD615', `${entryWho(entry)}属于排除领域「${hit}」，包容审慎措施不适用；确需列入须写明「理由」和「依据」`, { node: entry, property: 'number' });
        }
    }
    for (const period of list.periods) {
        const hit = period.domain.find(d => denied.has(d));
        if (hit) {
            report(accept, 'CD615', `执法观察期「${period.name}」属于排除领域「${hit}」`, { node: period, property: 'name' });
        }
    }
}

/**
 * Excluded areas and domains are inherited: a lower list that states its own and leaves out an upper one gets a
 * warning (the upper exclusion still applies); an entry whose typed conditions place the act only in excluded
 * areas can never lawfully apply.
 */
export function checkExcludedAreas(list: ast.ExemptionList, accept: ValidationAcceptor): void {
    for (const [property, label, of] of [
        ['excludedAreas', '排除区域', (l: ast.ExemptionList) => l.excludedAreas],
        ['excludedDomains', '排除领域', (l: ast.ExemptionList) => l.excludedDomains]
    ] as const) {
        for (const { value, from } of unrepeatedExclusions(list, of)) {
            report(accept, 'CD626', `本清单的${label}没有列出上级清单${listWho(from)}的「${value}」：上级的${label}仍然适用（下级清单可以增加，不能取消）`, { node: list, property, index: 0 });
        }
    }
    const excluded = new Set(excludedAreasOf(list).map(factKey));
    if (excluded.size === 0) {
        return;
    }
    for (const entry of list.entries) {
        const areas = [...entry.excludedAreas, ...(entry.refines?.ref?.excludedAreas ?? [])].map(factKey);
        for (const condition of flatConjunction(entry.conditions)) {
            const test = condition.$type === 'Membership' || condition.$type === 'Indicator' ? membershipOf(condition) : undefined;
            if (test && !test.negated && test.values.every(v => excluded.has(factKey(v)) || areas.includes(factKey(v)))) {
                report(accept, 'CD627', `${entryWho(entry)}的条件${membershipText(condition as ast.Membership)}只在排除区域内成立：本清单${excludedAreasOf(list).length > list.excludedAreas.length ? '（含上级清单）' : ''}规定这些区域不适用本清单`, { node: condition });
            }
        }
    }
}

export function checkObservationPeriod(period: ast.ObservationPeriod, accept: ValidationAcceptor): void {
    const missing = ([['targets', '对象'], ['start', '开始日期'], ['end', '结束日期']] as const)
        .filter(([property]) => period[property].length === 0).map(([, label]) => label);
    if (missing.length > 0) {
        report(accept, 'CD618', `执法观察期「${period.name}」缺少${missing.join('、')}`, { node: period, property: 'name' });
    }
    if (period.start[0] && period.end[0] && period.end[0] <= period.start[0]) {
        report(accept, 'CD618', `执法观察期「${period.name}」的结束日期不晚于开始日期`, { node: period, property: 'end' });
    }
    period.measures.forEach((measure, index) => {
        if (!SOFT_MEASURES.has(measure)) {
            report(accept, 'CD618', `执法观察期只能采取柔性措施（教育提醒、劝导示范、警示告诫、行政提示、行政指导、行政约谈），不能是「${measure}」`, { node: period, property: 'measures', index });
        }
    });
}

/**
 * Across the lists of one authority (same 制定机关): the same violation may not be exempted in one list and
 * aggravated in another, nor carry contradictory consequences. The index of lists by issuer is built once
 * per workspace state.
 */
export class AuthorityListIndex {
    private readonly cache: WorkspaceCache<string, ast.ExemptionList[]>;

    constructor(private readonly shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    listsOf(issuer: string): ast.ExemptionList[] {
        if (this.cache.has('#built')) {
            return this.cache.get(issuer) ?? [];
        }
        const byIssuer = new Map<string, ast.ExemptionList[]>();
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            const root = document.parseResult.value;
            if (ast.isExemptionList(root) && root.issuer[0]) {
                (byIssuer.get(root.issuer[0]) ?? byIssuer.set(root.issuer[0], []).get(root.issuer[0])!).push(root);
            }
        }
        for (const [issuer, lists] of byIssuer) {
            this.cache.set(issuer, lists);
        }
        this.cache.set('#built', []);
        return this.cache.get(issuer) ?? [];
    }
}

export function checkAcrossLists(list: ast.ExemptionList, accept: ValidationAcceptor, index: AuthorityListIndex): void {
    const issuer = list.issuer[0];
    if (!issuer) {
        return;
    }
    const others = index.listsOf(issuer).filter(other => other !== list && other.name !== undefined);
    if (others.length === 0) {
        return;
    }
    const elsewhere = new Map<string, { entry: ast.Entry; consequence: ConsequenceInfo }[]>();
    for (const other of others) {
        for (const entry of other.entries.filter(e => !isNameless(e))) {
            const key = violationKey(entry);
            const consequence = consequenceOf(entry);
            if (key && consequence) {
                (elsewhere.get(key) ?? elsewhere.set(key, []).get(key)!).push({ entry, consequence });
            }
        }
    }
    for (const entry of list.entries) {
        const key = violationKey(entry);
        const consequence = consequenceOf(entry);
        if (!key || !consequence) {
            continue;
        }
        for (const other of elsewhere.get(key) ?? []) {
            if (other.consequence.word === consequence.word) {
                continue;
            }
            const otherWho = `${listWho(other.entry.$container)}${entryWho(other.entry)}`;
            const aggravatedConflict = (consequence.kind === 'aggravated' && EXEMPTING.has(other.consequence.kind))
                || (other.consequence.kind === 'aggravated' && EXEMPTING.has(consequence.kind));
            if (aggravatedConflict) {
                report(accept, 'CD609', `${entryWho(entry)}（${consequence.word}）与同一机关的${otherWho}（${other.consequence.word}）针对同一违法行为`, { node: entry, property: 'number' });
            } else {
                report(accept, 'CD611', `${entryWho(entry)}规定「${consequence.word}」，同一机关的${otherWho}规定「${other.consequence.word}」`, { node: entry, property: 'number' });
            }
        }
    }
}
