import { type AstNode, AstUtils, type LangiumDocument } from 'langium';
import { STATUTORY_SEMANTICS, isoDate } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf } from '../model/document-model.js';
import { citationsOf } from '../model/citations.js';
import { consequenceOf, excludedAreasOf, excludedDomainsOf, walkConditions } from '../model/list-model.js';
import {
    type CitationJson, type FactJson, type PenaltyJson, type SelectorJson, type SourceLocation, citationJson, durationJson, factsJson, headerJson,
    indicatorJson, penaltyJson
} from './effective-benchmark.js';
import { flagFact } from '../model/facts.js';

export type ConditionJson =
    | { type: 'all' | 'any' | 'none'; conditions: ConditionJson[] }
    | { type: 'text'; text: string }
    /** A text that names a yes/no fact exactly (「初次违法」). */
    | { type: 'fact'; fact: string; basis: string | null; text: string }
    | SelectorJson;

export interface EntryJson {
    number: string;
    name: string | null;
    origin: 'own' | 'refined' | 'adopted';
    refines: { document: string; number: string } | null;
    adoptedFrom: { document: string; number: string } | null;
    item: { document: string; code: string; violation: string | null } | null;
    violation: string | null;
    violatedProvisions: CitationJson[];
    domain: string | null;
    conditions: ConditionJson | null;
    consequence: { word: string; kind: string; mandatory: boolean } | null;
    grounds: CitationJson[];
    measures: string[];
    lookback: { value: string; unit: string } | null;
    excludedAreas: string[];
    justification: string | null;
    penalty: PenaltyJson | null;
    source: SourceLocation;
}

export interface ExemptionListJson {
    format: 'chidu-exemption-list';
    formatVersion: 1;
    document: {
        name: string; kind: string | null; issuer: string | null; level: string | null; levelLabel: string | null;
        docNumber: string | null; effectiveFrom: string | null; effectiveTo: string | null;
        validFor: { value: string; unit: string } | null; domain: string | null;
        parents: { name: string; issuer: string | null }[]; benchmarks: string[];
        excludedDomains: string[]; excludedAreas: string[]; source: SourceLocation;
    };
    facts: FactJson[];
    entries: EntryJson[];
    observationPeriods: {
        name: string; targets: string[]; start: string | null; end: string | null; scope: string | null;
        domain: string | null; measures: string[]; source: SourceLocation;
    }[];
}

const GROUP_TYPES: Readonly<Record<string, 'all' | 'any' | 'none'>> = { 同时满足: 'all', 满足其一: 'any', 不属于: 'none' };

function textConditionJson(condition: ast.TextCondition): ConditionJson {
    const fact = flagFact(condition);
    return fact ? { type: 'fact', fact: fact.name, basis: fact.basis ?? null, text: condition.text } : { type: 'text', text: condition.text };
}

/** The JSON of a condition tree, built bottom-up without recursion (nesting depth is input). */
function conditionJson(condition: ast.Condition): ConditionJson {
    const built = new Map<ast.Condition, ConditionJson>();
    for (const c of walkConditions([condition]).reverse()) {
        built.set(c, leafOrGroupJson(c, built));
    }
    return built.get(condition)!;
}

function leafOrGroupJson(condition: ast.Condition, built: ReadonlyMap<ast.Condition, ConditionJson>): ConditionJson {
    switch (condition.$type) {
        case 'ConditionGroup':
            return { type: GROUP_TYPES[condition.mode] ?? 'all', conditions: condition.conditions.map(c => built.get(c)!) };
        case 'TextCondition':
            return textConditionJson(condition);
        case 'Indicator':
        case 'Membership':
            return indicatorJson(condition, STATUTORY_SEMANTICS);
    }
}

/** Compiles a validated list into its resolved composition: own, narrowed and imported entries. */
export function exemptionListJson(document: LangiumDocument, fileOf: (document: LangiumDocument) => string): ExemptionListJson {
    const list = document.parseResult.value as ast.ExemptionList;
    const where = (node: AstNode): SourceLocation => {
        const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
        return { file: fileOf(AstUtils.getDocument(node)), line: start.line + 1, column: start.character + 1 };
    };
    const listAreas = [...excludedAreasOf(list)];
    const entry = (e: ast.Entry, origin: EntryJson['origin']): EntryJson => {
        const upper = e.refines?.ref;
        const pick = <T>(own: T[], inherited: T[] | undefined) => own.length > 0 ? own : inherited ?? [];
        const item = e.item[0]?.ref ?? upper?.item[0]?.ref;
        const conditions = pick(e.conditions, upper?.conditions);
        const consequence = consequenceOf(e);
        const lookback = pick(e.lookback, upper?.lookback)[0];
        const penalty = pick(e.penalty, upper?.penalty)[0];
        return {
            number: e.number,
            name: e.name ?? upper?.name ?? null,
            origin,
            refines: upper ? { document: upper.$container.name, number: upper.number } : null,
            adoptedFrom: null,
            item: item ? { document: documentOf(item).name, code: item.code, violation: item.violation ?? null } : null,
            violation: e.violation[0] ?? upper?.violation[0] ?? item?.violation ?? null,
            violatedProvisions: citationsOf(pick(e.violated, upper?.violated)).map(citationJson),
            domain: e.domain[0] ?? upper?.domain[0] ?? null,
            conditions: conditions.length === 0 ? null
                : conditions.length === 1 ? conditionJson(conditions[0]) : { type: 'all', conditions: conditions.map(conditionJson) },
            consequence: consequence ? { word: consequence.word, kind: consequence.kind, mandatory: consequence.mandatory } : null,
            grounds: citationsOf(pick(e.grounds, upper?.grounds)).map(citationJson),
            measures: pick(e.measures, upper?.measures).map(m => m.measure ?? m.custom ?? ''),
            lookback: durationJson(lookback),
            excludedAreas: [...new Set([...listAreas, ...pick(e.excludedAreas, upper?.excludedAreas)])],
            justification: e.justification[0] ?? upper?.justification[0] ?? null,
            penalty: penalty ? penaltyJson(penalty.parts, penalty.escalations, STATUTORY_SEMANTICS) : null,
            source: where(e)
        };
    };
    const entries: EntryJson[] = list.entries.map(e => entry(e, e.refines?.ref ? 'refined' : 'own'));
    for (const imported of list.imports) {
        for (const ref of imported.entries) {
            const upper = ref.ref;
            if (upper) {
                entries.push({ ...entry(upper, 'adopted'), adoptedFrom: { document: upper.$container.name, number: upper.number } });
            }
        }
    }
    entries.sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
    return {
        format: 'chidu-exemption-list',
        formatVersion: 1,
        document: {
            name: list.name,
            kind: list.kind[0] ?? null,
            ...headerJson(list),
            benchmarks: list.benchmarks.map(b => b.ref?.name ?? b.$refText),
            excludedDomains: [...excludedDomainsOf(list)],
            excludedAreas: listAreas,
            source: where(list)
        },
        facts: factsJson(list),
        entries,
        observationPeriods: list.periods.map(p => ({
            name: p.name, targets: [...p.targets], start: isoDate(p.start[0]) ?? null, end: isoDate(p.end[0]) ?? null,
            scope: p.scope[0] ?? null, domain: p.domain[0] ?? null, measures: [...p.measures], source: where(p)
        }))
    };
}
