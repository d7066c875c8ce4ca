import { type AstNode, AstUtils, type LangiumDocument } from 'langium';
import {
    type BoundarySemantics, type Citation, type Interval, type ResolvedRange, COMBINATION_WORDS, LEVEL_LABEL,
    type FactDefinition, PARTY_WORDS, PENALTY_KIND_LABEL, PENALTY_LAW_FACTS, STATUTORY_SEMANTICS, formatCitation, isoDate, formatInterval, makeBase, parsePenaltyKind
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf, effectiveStatutory, gradeOf, levelOf, semanticsOf } from '../model/document-model.js';
import { resolveRangeNode } from '../model/penalty-model.js';
import { readWeightedTable } from '../model/weighted-model.js';
import { readCitations } from '../model/citations.js';
import { ownEntry } from '../domain/lookup.js';
import { type ChainedDocument } from '../model/document-model.js';
import { vocabularyOf } from '../model/facts.js';

/** Where in the sources a JSON element comes from (1-based). */
export interface SourceLocation { file: string; line: number; column: number }

export interface IntervalJson {
    unit: string;
    lower: { value: string; closed: boolean } | null;
    upper: { value: string; closed: boolean } | null;
    notation: string;
}

export type AmountJson =
    | { measure: 'fixed' | 'multiple' | 'percent' | 'duration'; base: BaseJson | null; interval: IntervalJson; text: string }
    | { measure: 'switch'; base: BaseJson; branches: BranchJson[] };

export interface BaseJson { key: string; label: string }
export interface BranchJson { guard: IntervalJson | null; fallback: string | null; amount: AmountJson | null }

export type SanctionJson =
    | { type: 'measure'; name: string }
    | { type: 'penalty'; kind: string; kindLabel: string; name: string; amount: AmountJson | null };

export interface GroupJson { combination: string; party: string; alternatives: SanctionJson[] }
export interface PenaltyJson { groups: GroupJson[]; escalations: { trigger: string; groups: GroupJson[] }[] }

export interface CitationJson {
    text: string; law: string; version: string | null; article: number | null; articleSuffix: number | null;
    paragraph: number | null; item: number | null;
}

export interface IndicatorJson {
    type: 'indicator';
    name: string;
    interval: IntervalJson | null;
    text: string;
}

/** An enumerated fact that takes (or, negated, does not take) one of the values: 「区域」为「饮用水水源保护区」. */
export interface MembershipJson {
    type: 'membership';
    fact: string;
    values: string[];
    negated: boolean;
    text: string;
}

export type SelectorJson = IndicatorJson | MembershipJson;

/**
 * A typed condition as data: an indicator (指标 「超标倍数」 不足0.1倍) with its interval under the given boundary
 * rule, or a membership test on an enumerated fact; each with the words as written.
 */
export function indicatorJson(indicator: ast.Indicator | ast.Membership, semantics: BoundarySemantics): SelectorJson {
    if (indicator.operator !== undefined) {
        return {
            type: 'membership', fact: indicator.name, values: [...indicator.values], negated: indicator.operator.startsWith('不'),
            text: (indicator.$cstNode?.text ?? '').replace(/^指标/, '').replace(/\s+/g, '')
        };
    }
    const range = indicator.$type === 'Indicator' && indicator.range ? resolveRangeNode(indicator.range, semantics).range : undefined;
    return {
        type: 'indicator', name: indicator.name,
        interval: range ? intervalJson(range.interval, range.dimension) : null,
        text: ((indicator.$type === 'Indicator' ? indicator.range?.$cstNode?.text : undefined) ?? '').replace(/\s+/g, '')
    };
}

/** A typed condition as a table prints it: 超标倍数不足0.5倍, 「区域」为「一般区域」. */
export function selectorText(selector: SelectorJson): string {
    return selector.type === 'indicator' ? `${selector.name}${selector.text}` : selector.text;
}

/** One fact of the vocabulary a document's conditions are read with (declared along the chain, or of 《行政处罚法》). */
export interface FactJson {
    name: string;
    kind: 'flag' | 'quantity' | 'enumeration' | 'count';
    unit: string | null;
    values: string[] | null;
    definition: string | null;
    basis: string | null;
    /** The look-back window a count is taken over: { kind: 'months', months: 24 } for 两年内; null when none is declared. */
    window: { kind: 'months'; months: number } | { kind: 'calendarYear' } | null;
    /** The document that declares it; null for a circumstance of 《行政处罚法》. */
    declaredIn: string | null;
}

/** The facts a document can test: its own and its upper documents' declarations, then those of 《行政处罚法》. */
export function factsJson(document: ChainedDocument): FactJson[] {
    const declared = [...vocabularyOf(document).values()].map(f => factJson(f, f.document.name));
    return [...declared, ...PENALTY_LAW_FACTS.map(f => factJson(f, null))];
}

function factJson(fact: FactDefinition, declaredIn: string | null): FactJson {
    return {
        name: fact.name, kind: fact.kind, unit: fact.unit ?? null, values: fact.values ? [...fact.values] : null,
        definition: fact.definition ?? null, basis: fact.basis ?? null,
        window: fact.window && fact.window.kind !== 'none' ? { ...fact.window } : null, declaredIn
    };
}

export interface TierJson {
    name: string;
    grade: string | null;
    conditions: string[];
    /** Typed conditions that select the tier (指标), read under the document's 边界. */
    selectors: SelectorJson[];
    standard: PenaltyJson;
    refines: { document: string; item: string; tier: string; standard: PenaltyJson }[];
    notes: string[];
    source: SourceLocation;
}

export interface WeightedTableJson {
    base: { kind: 'amount'; value: string } | { kind: 'share'; base: BaseJson; percent: string };
    start: string;
    cap: string;
    factors: { name: string; options: { name: string; weight: string }[] }[];
    range: IntervalJson;
    formula: string;
}

export interface ItemJson {
    code: string;
    violation: string | null;
    origin: 'own' | 'refined' | 'adopted';
    refines: { document: string; code: string } | null;
    adoptedFrom: { document: string; code: string } | null;
    violatedProvisions: CitationJson[];
    penaltyBasis: CitationJson[];
    statutoryPenalty: PenaltyJson | null;
    statutorySource: { document: string; code: string } | null;
    tiers: TierJson[];
    weightedTable: WeightedTableJson | null;
    notes: string[];
    source: SourceLocation;
}

export interface EffectiveBenchmarkJson {
    format: 'chidu-effective-benchmark';
    formatVersion: 1;
    document: {
        name: string; issuer: string | null; level: string | null; levelLabel: string | null; docNumber: string | null;
        effectiveFrom: string | null; effectiveTo: string | null; validFor: { value: string; unit: string } | null;
        domain: string | null; parents: { name: string; issuer: string | null }[];
        boundarySemantics: { atLeast: 'closed' | 'open'; atMost: 'closed' | 'open'; statutory: { atLeast: 'closed'; atMost: 'closed' } };
        hitPolicy: string | null;
        source: SourceLocation;
    };
    /** The facts the conditions are read with (fact vocabulary). */
    facts: FactJson[];
    items: ItemJson[];
}

export const UNIT_NAMES: Record<string, string> = { '年': 'year', '个月': 'month', '月': 'month', '日': 'day', '天': 'day' };

/** A period (有效期, 回溯期) as JSON: the number as written and the unit's English name. */
export function durationJson(duration: ast.Duration | undefined): { value: string; unit: string } | null {
    return duration ? { value: duration.value, unit: ownEntry(UNIT_NAMES, duration.unit) ?? duration.unit } : null;
}

/** The header fields every published document shares (benchmarks and lists), in output order, after its name and kind. */
export function headerJson(document: ast.Benchmark | ast.ExemptionList) {
    const level = levelOf(document);
    return {
        issuer: document.issuer[0] ?? null,
        level: level ?? null,
        levelLabel: level ? LEVEL_LABEL[level] : null,
        docNumber: document.docNumber[0] ?? null,
        effectiveFrom: isoDate(document.effectiveFrom[0]) ?? null,
        effectiveTo: isoDate(document.effectiveTo[0]) ?? null,
        validFor: durationJson(document.validFor[0]),
        domain: document.domain[0] ?? null,
        parents: (document.parents as { ref?: ast.Benchmark | ast.ExemptionList; $refText: string }[])
            .map(p => ({ name: p.ref?.name ?? p.$refText, issuer: p.ref?.issuer[0] ?? null }))
    };
}
const HIT_POLICIES: Record<string, string> = { '取重': 'heavier', '取轻': 'lighter', '唯一': 'unique' };

/** Compiles a validated benchmark document into its effective benchmark. `fileOf` names a document's file in the output. */
export function effectiveBenchmark(document: LangiumDocument, fileOf: (document: LangiumDocument) => string): EffectiveBenchmarkJson {
    const benchmark = document.parseResult.value as ast.Benchmark;
    const where = (node: AstNode): SourceLocation => {
        const doc = AstUtils.getDocument(node);
        const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
        return { file: fileOf(doc), line: start.line + 1, column: start.character + 1 };
    };
    const semantics = semanticsOf(benchmark);
    const items: ItemJson[] = benchmark.items.map(item => itemJson(item, item.refines?.ref ? 'refined' : 'own', where));
    for (const adoption of benchmark.adoptions) {
        for (const ref of adoption.items) {
            const upper = ref.ref;
            if (upper) {
                items.push({ ...itemJson(upper, 'adopted', where), code: upper.code, adoptedFrom: { document: documentOf(upper).name, code: upper.code } });
            }
        }
    }
    items.sort((a, b) => a.code.localeCompare(b.code, 'en'));
    return {
        format: 'chidu-effective-benchmark',
        formatVersion: 1,
        document: {
            name: benchmark.name,
            ...headerJson(benchmark),
            boundarySemantics: {
                atLeast: semantics.atLeastClosed ? 'closed' : 'open',
                atMost: semantics.atMostClosed ? 'closed' : 'open',
                statutory: { atLeast: 'closed', atMost: 'closed' }
            },
            hitPolicy: benchmark.hitPolicy[0] ? ownEntry(HIT_POLICIES, benchmark.hitPolicy[0]) ?? null : null,
            source: where(benchmark)
        },
        facts: factsJson(benchmark),
        items
    };
}

function itemJson(item: ast.Item, origin: ItemJson['origin'], where: (node: AstNode) => SourceLocation): ItemJson {
    const statutory = effectiveStatutory(item);
    const upper = item.refines?.ref;
    const citations = (lists: ast.CitationList[]) => lists.flatMap(list => readCitations(list))
        .filter((c): c is Citation => c !== undefined).map(citationJson);
    const inherited = (property: 'violated' | 'basis'): ast.CitationList[] => {
        let current: ast.Item | undefined = item;
        for (let depth = 0; current && depth < 16; depth++, current = current.refines?.ref) {
            if (current[property].length > 0) {
                return current[property];
            }
        }
        return [];
    };
    return {
        code: item.code,
        violation: item.violation ?? upper?.violation ?? null,
        origin,
        refines: upper ? { document: documentOf(upper).name, code: upper.code } : null,
        adoptedFrom: null,
        violatedProvisions: citations(inherited('violated')),
        penaltyBasis: citations(inherited('basis')),
        statutoryPenalty: statutory ? penaltyOfBlock(statutory.owner.statutory[0]) : null,
        statutorySource: statutory ? { document: documentOf(statutory.owner).name, code: statutory.owner.code } : null,
        tiers: item.tiers.map(tier => tierJson(tier, where)),
        weightedTable: item.weighted[0] ? weightedJson(item.weighted[0]) : null,
        notes: [...item.notes],
        source: where(item)
    };
}

function weightedJson(node: ast.WeightedTable): WeightedTableJson | null {
    const model = readWeightedTable(node);
    const table = model.table;
    if (!table || !model.range || !model.component) {
        return null;
    }
    return {
        base: table.base.kind === 'amount'
            ? { kind: 'amount', value: table.base.yuan.toFixed() }
            : { kind: 'share', base: { key: model.component.base!.key, label: model.component.base!.label }, percent: table.base.percent.toFixed() },
        start: table.start.toFixed(),
        cap: table.cap.toFixed(),
        factors: table.factors.map(f => ({ name: f.name, options: f.options.map(o => ({ name: o.name, weight: o.weight.toFixed() })) })),
        range: intervalJson(model.range.interval, model.component.dimension ?? 'yuan'),
        formula: table.base.kind === 'amount'
            ? '罚款（元）= min(起点 + 各要素所选违法程度的权重之和, 上限) ÷ 100 × 基数'
            : '罚款（占基数的百分比）= min(起点 + 各要素所选违法程度的权重之和, 上限) ÷ 100 × 基数比例'
    };
}

function tierJson(tier: ast.Tier, where: (node: AstNode) => SourceLocation): TierJson {
    const semantics = semanticsOf(documentOf(tier));
    return {
        name: tier.name,
        grade: gradeOf(tier) ?? null,
        conditions: [...tier.conditions],
        selectors: tier.indicators.map(indicator => indicatorJson(indicator, semantics)),
        standard: penaltyJson(tier.parts, tier.escalations, semantics),
        refines: tier.refines.map(r => r.ref).filter((t): t is ast.Tier => t !== undefined).map(upper => ({
            document: documentOf(upper).name,
            item: upper.$container.code,
            tier: upper.name,
            standard: penaltyJson(upper.parts, upper.escalations, semanticsOf(documentOf(upper)))
        })),
        notes: [...tier.notes],
        source: where(tier)
    };
}

function penaltyOfBlock(block: ast.PenaltyBlock): PenaltyJson {
    return penaltyJson(block.parts, block.escalations, STATUTORY_SEMANTICS);
}

export function penaltyJson(parts: readonly ast.PenaltyPart[], escalations: readonly ast.Escalation[], semantics: BoundarySemantics): PenaltyJson {
    return {
        groups: parts.map(part => groupJson(part, semantics)),
        escalations: escalations.map(e => ({
            trigger: e.trigger ?? e.condition ?? '',
            groups: e.parts.map(part => groupJson(part, semantics))
        }))
    };
}

function groupJson(part: ast.PenaltyPart, semantics: BoundarySemantics): GroupJson {
    return {
        combination: part.combination ? COMBINATION_WORDS[part.combination] : 'applies',
        party: part.party ? PARTY_WORDS[part.party] : 'default',
        alternatives: part.sanctions.map(s => sanctionJson(s, semantics))
    };
}

function sanctionJson(sanction: ast.Sanction, semantics: BoundarySemantics): SanctionJson {
    switch (sanction.$type) {
        case 'Measure':
            return { type: 'measure', name: sanction.measure ?? sanction.custom ?? '' };
        case 'KindSanction': {
            if (sanction.other !== undefined) {
                return { type: 'penalty', kind: 'other', kindLabel: PENALTY_KIND_LABEL.other, name: sanction.other, amount: null };
            }
            const kind = parsePenaltyKind(sanction.kind ?? '') ?? 'other';
            const range = sanction.range ? resolveRangeNode(sanction.range, semantics).range : undefined;
            return {
                type: 'penalty', kind, kindLabel: PENALTY_KIND_LABEL[kind], name: sanction.kind ?? '',
                amount: range ? { measure: 'duration', base: null, interval: intervalJson(range.interval, range.dimension), text: rangeText(sanction.range!) } : null
            };
        }
        case 'Fine':
            return { type: 'penalty', kind: 'fine', kindLabel: '罚款', name: '罚款', amount: fineAmountJson(sanction.amount, semantics) };
    }
}

function baseJson(base: ast.Base): BaseJson {
    const made = base.kind ? makeBase(base.kind, false) : makeBase(base.custom ?? '', true);
    return { key: made.key, label: made.label };
}

function fineAmountJson(amount: ast.FineAmount, semantics: BoundarySemantics): AmountJson | null {
    if (amount.$type === 'FineRange') {
        return fineRangeJson(amount, semantics);
    }
    return {
        measure: 'switch',
        base: baseJson(amount.base),
        branches: amount.branches.map(branch => {
            const guard = branch.guard ? resolveRangeNode(branch.guard, semantics).range : undefined;
            return {
                guard: guard ? intervalJson(guard.interval, guard.dimension) : null,
                fallback: branch.fallback ?? null,
                amount: fineRangeJson(branch.amount, semantics)
            };
        })
    };
}

function fineRangeJson(amount: ast.FineRange, semantics: BoundarySemantics): AmountJson | null {
    const range: ResolvedRange | undefined = resolveRangeNode(amount.range, semantics).range;
    if (!range) {
        return null;
    }
    const measure = range.dimension === 'multiple' ? 'multiple' : range.dimension === 'percent' ? 'percent' : 'fixed';
    return {
        measure,
        base: amount.base && measure !== 'fixed' ? baseJson(amount.base) : null,
        interval: intervalJson(range.interval, range.dimension),
        text: rangeText(amount.range)
    };
}

function rangeText(range: ast.Range): string {
    return (range.$cstNode?.text ?? '').replace(/\s+/g, '');
}

export function intervalJson(interval: Interval, unit: string): IntervalJson {
    return {
        unit,
        lower: interval.lower ? { value: interval.lower.value.toFixed(), closed: interval.lower.closed } : null,
        upper: interval.upper ? { value: interval.upper.value.toFixed(), closed: interval.upper.closed } : null,
        notation: formatInterval(interval, unit as Parameters<typeof formatInterval>[1])
    };
}

export function citationJson(citation: Citation): CitationJson {
    return {
        text: formatCitation(citation),
        law: citation.law,
        version: citation.version ?? null,
        article: citation.article ?? null,
        articleSuffix: citation.articleSuffix ?? null,
        paragraph: citation.paragraph ?? null,
        item: citation.item ?? null
    };
}

