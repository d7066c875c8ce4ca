import type { AstNode, Reference } from 'langium';
import {
    type BoundarySemantics, type Component, type GradeWord, LEVEL_LABEL, type Level, STATUTORY_SEMANTICS, formatCitation, isGradeWord, nearestFirst, parseLevel
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { readCitations } from './citations.js';
import { type PenaltyModel, readPenaltyBlock, readTierStandard } from './penalty-model.js';
import { readWeightedTable } from './weighted-model.js';

/**
 * The defaults of the workspace a document belongs to (its language services' settings: `chidu.boundary` …),
 * attached to each document by the document builder. Per document, not per process: two workspaces with
 * different settings live side by side. A change of settings re-parses every document, so no model read under
 * the old defaults outlives it.
 */
export interface DocumentDefaults {
    readonly defaultBoundary?: BoundarySemantics;
}

const documentDefaults = new WeakMap<object, DocumentDefaults>();

export function setDocumentDefaults(document: object, defaults: DocumentDefaults): void {
    documentDefaults.set(document, defaults);
}

/** The boundary semantics of a benchmark: its 边界, else the workspace default, else the statutory convention. */
export function semanticsOf(benchmark: ast.Benchmark): BoundarySemantics {
    const rule = benchmark.boundary[0];
    if (!rule) {
        const document = benchmark.$document;
        return (document && documentDefaults.get(document)?.defaultBoundary) ?? STATUTORY_SEMANTICS;
    }
    return {
        atLeastClosed: rule.atLeast === undefined ? STATUTORY_SEMANTICS.atLeastClosed : rule.atLeast === '含本数',
        atMostClosed: rule.atMost === undefined ? STATUTORY_SEMANTICS.atMostClosed : rule.atMost === '含本数'
    };
}

/** What a message calls a document: 基准, 清单 or 执法事项清单. */
export function kindLabel(document: ast.Benchmark | ast.ExemptionList | ast.MatterCatalogue): string {
    return document.$type === 'Benchmark' ? '基准' : document.$type === 'ExemptionList' ? '清单' : '执法事项清单';
}

/** A document with 上级: a benchmark (upper benchmarks) or a list (upper lists). */
export type ChainedDocument = ast.Benchmark | ast.ExemptionList;

/** The 上级 references of a document, resolved or not, in declaration order. */
export function upperReferences(document: ChainedDocument): readonly Reference<ChainedDocument>[] {
    return document.parents as readonly Reference<ChainedDocument>[];
}

/** The parents of a document that resolve, in declaration order. */
export function upperDocuments<T extends ChainedDocument>(document: T): T[] {
    return upperReferences(document).map(p => p.ref).filter((p): p is T => p !== undefined);
}

/** Whether `parent`, an upper document of `document`, leads back to it along 上级 (the one cycle search). */
export function inParentCycle(document: ChainedDocument, parent: ChainedDocument): boolean {
    return parent === document || nearestFirst<ChainedDocument>(parent, upperDocuments).includes(document);
}

export function levelOf(benchmark: ast.Benchmark | ast.ExemptionList | ast.MatterCatalogue): Level | undefined {
    const word = benchmark.level[0];
    return word === undefined ? undefined : parseLevel(word);
}

/** 取重 and 取轻 resolve tiers that both match, so overlapping tiers are intended. */
export function allowsOverlap(benchmark: ast.Benchmark): boolean {
    const policy = benchmark.hitPolicy[0];
    return policy === '取重' || policy === '取轻';
}

/** How a message names a document: its issuer, or its title. */
export function documentLabel(benchmark: ast.Benchmark | ast.ExemptionList): string {
    return benchmark.issuer[0] ?? benchmark.name;
}

/** The grade of a tier: written after its name, or its name itself (阶次 从轻). */
export function gradeOf(tier: ast.Tier): GradeWord | undefined {
    return tier.grade ?? (isGradeWord(tier.name) ? tier.name : undefined);
}

/** How messages name a tier: its level and name (省级阶次「从轻」). */
/** "法定处罚（《大气污染防治法》第九十九条第（一）项）" */
export function statutoryLabel(owner: ast.Item): string {
    const basis = owner.basis[0] ? readCitations(owner.basis[0]).find(c => c !== undefined) : undefined;
    return basis ? `法定处罚（${formatCitation(basis)}）` : `法定处罚（事项 ${owner.code}）`;
}

export function tierWho(tier: ast.Tier): string {
    const level = levelOf(documentOf(tier));
    return `${level ? LEVEL_LABEL[level] : ''}${tierLabel(tier)}`;
}

export function tierLabel(tier: ast.Tier): string {
    return `阶次「${tier.name}」`;
}

export function documentOf(node: AstNode): ast.Benchmark {
    let current: AstNode = node;
    while (current.$container) {
        current = current.$container;
    }
    return current as ast.Benchmark;
}

const statutoryCache = new WeakMap<ast.Item, PenaltyModel | null>();
const tierCache = new WeakMap<ast.Tier, PenaltyModel>();

/** The item's own 法定处罚, read under the statutory convention; undefined when the item states none. */
export function ownStatutory(item: ast.Item): PenaltyModel | undefined {
    let model = statutoryCache.get(item);
    if (model === undefined) {
        model = item.statutory[0] ? readPenaltyBlock(item.statutory[0], STATUTORY_SEMANTICS) : null;
        statutoryCache.set(item, model);
    }
    return model ?? undefined;
}

/** The tier's 处罚标准, read under its document's boundary semantics. */
export function tierStandard(tier: ast.Tier): PenaltyModel {
    let model = tierCache.get(tier);
    if (!model) {
        model = readTierStandard(tier, semanticsOf(documentOf(tier)));
        tierCache.set(tier, model);
    }
    return model;
}

/** The refined upper item, following the link (undefined when unresolved or not a refinement). */
export function refinedItem(item: ast.Item): ast.Item | undefined {
    return item.refines?.ref;
}

/**
 * The statutory penalty in force for an item: its own, or the one of the item it refines, up the chain.
 * Cycles cannot occur (items refine items of upper documents, and document cycles are reported), but the
 * walk is bounded anyway.
 */
export function effectiveStatutory(item: ast.Item): { model: PenaltyModel; owner: ast.Item } | undefined {
    let current: ast.Item | undefined = item;
    for (let depth = 0; current && depth < 16; depth++) {
        const own = ownStatutory(current);
        if (own) {
            return { model: own, owner: current };
        }
        current = refinedItem(current);
    }
    return undefined;
}

/** All components of an item's tiers (its 幅度 as the tiers draw it). */
export function tierComponents(item: ast.Item): Component<AstNode>[] {
    return item.tiers.flatMap(tier => tierStandard(tier).components);
}

/** The components a refining item must stay within: the upper item's tiers if it has any, else its statutory penalty. */
export function upperRange(upper: ast.Item): { components: readonly Component<AstNode>[]; byTiers: boolean } | undefined {
    if (upper.tiers.length > 0) {
        return { components: tierComponents(upper), byTiers: true };
    }
    const weighted = upper.weighted[0] ? readWeightedTable(upper.weighted[0]).component : undefined;
    if (weighted) {
        return { components: [weighted], byTiers: false };
    }
    const statutory = effectiveStatutory(upper);
    return statutory ? { components: statutory.model.components, byTiers: false } : undefined;
}
