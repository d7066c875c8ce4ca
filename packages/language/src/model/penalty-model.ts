import type { AstNode } from 'langium';
import {
    type Base, type BoundarySemantics, type BoundaryWord, type Component, type Dimension, type Guard, type RangeProblem,
    type ResolvedRange, COMBINATION_WORDS, PARTY_WORDS, makeBase, makeQuantity, parsePenaltyKind, readNumeral, resolveRange
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { ownEntry } from '../domain/lookup.js';

/** A problem found while reading the penalty text itself (before any comparison). */
export type PenaltyProblem =
    | RangeProblem<AstNode>
    | { readonly kind: 'base-required'; readonly source: AstNode; readonly dimension: Dimension }
    | { readonly kind: 'base-not-allowed'; readonly source: AstNode }
    | { readonly kind: 'wrong-dimension'; readonly source: AstNode; readonly dimension: Dimension; readonly expected: readonly Dimension[] };

export interface MeasureUse {
    readonly word: string;
    readonly source: AstNode;
}

/** The penalty of an item or tier, read into comparable components. */
export interface PenaltyModel {
    readonly components: readonly Component<AstNode>[];
    readonly measures: readonly MeasureUse[];
    readonly problems: readonly PenaltyProblem[];
}

const KIND_DIMENSIONS: Partial<Record<string, readonly Dimension[]>> = {
    detention: ['day'],
    suspendLicense: ['day', 'month', 'year'],
    restrictPractice: ['day', 'month', 'year'],
    restrictBusiness: ['day', 'month', 'year'],
    suspendProduction: ['day', 'month', 'year'],
    warning: [], notice: [], revokeLicense: [], close: [], demoteQualification: [],
    confiscateGains: ['yuan'], confiscateProperty: ['yuan']
};

// Components copy the shared fields (combination, party, escalation) one by one: an object spread of them was
// the most expensive line of validation on the province-scale benchmark (3–5× slower to read all tiers).
class PenaltyReader {
    readonly components: Component<AstNode>[] = [];
    readonly measures: MeasureUse[] = [];
    readonly problems: PenaltyProblem[] = [];

    constructor(private readonly semantics: BoundarySemantics) { }

    readParts(parts: readonly ast.PenaltyPart[], escalation?: string): void {
        for (const part of parts) {
            const combination = part.combination ? COMBINATION_WORDS[part.combination] : 'applies';
            const party = part.party ? PARTY_WORDS[part.party] : 'default';
            for (const sanction of part.sanctions) {
                this.readSanction(sanction, { combination, party, escalation });
            }
        }
    }

    readEscalations(escalations: readonly ast.Escalation[]): void {
        for (const escalation of escalations) {
            this.readParts(escalation.parts, escalation.trigger ?? escalation.condition ?? '情节严重的');
        }
    }

    private readSanction(sanction: ast.Sanction, common: Pick<Component<AstNode>, 'combination' | 'party' | 'escalation'>): void {
        switch (sanction.$type) {
            case 'Measure':
                this.measures.push({ word: sanction.measure ?? sanction.custom ?? '', source: sanction });
                return;
            case 'KindSanction':
                this.readKind(sanction, common);
                return;
            case 'Fine':
                this.readFine(sanction, common);
                return;
        }
    }

    private readKind(sanction: ast.KindSanction, common: Pick<Component<AstNode>, 'combination' | 'party' | 'escalation'>): void {
        const { combination, party, escalation } = common;
        if (sanction.other !== undefined) {
            this.components.push({ combination, party, escalation, kind: 'other', detail: sanction.other, source: sanction });
            return;
        }
        const kind = sanction.kind ? parsePenaltyKind(sanction.kind) : undefined;
        if (!kind) {
            return;
        }
        const range = sanction.range ? this.resolve(sanction.range) : undefined;
        if (range === 'unreadable') {
            this.components.push({ combination, party, escalation, kind, source: sanction, unreadable: true });
            return;
        }
        if (range && !(ownEntry(KIND_DIMENSIONS, kind) ?? []).includes(range.dimension)) {
            this.problems.push({ kind: 'wrong-dimension', source: sanction.range!, dimension: range.dimension, expected: ownEntry(KIND_DIMENSIONS, kind) ?? [] });
            this.components.push({ combination, party, escalation, kind, source: sanction });
            return;
        }
        this.components.push({ combination, party, escalation, kind, source: sanction, dimension: range?.dimension, interval: range?.interval, shape: range?.shape });
    }

    private readFine(fine: ast.Fine, common: Pick<Component<AstNode>, 'combination' | 'party' | 'escalation'>): void {
        const { combination, party, escalation } = common;
        // The tree of a file with syntax errors may lack any part: read what is there.
        const amount = fine.amount as ast.FineAmount | undefined;
        if (!amount) {
            this.components.push({ combination, party, escalation, kind: 'fine', source: fine });
            return;
        }
        if (amount.$type === 'FineRange') {
            this.readFineRange(amount, common, fine);
            return;
        }
        if (!amount.base) {
            this.components.push({ combination, party, escalation, kind: 'fine', source: fine });
            return;
        }
        const switchBase = this.base(amount.base);
        for (const branch of amount.branches) {
            if (!branch.amount) {
                continue;
            }
            let guard: Guard | undefined;
            if (branch.fallback) {
                guard = { kind: 'fallback', base: switchBase, word: branch.fallback };
            } else if (branch.guard) {
                const range = this.resolve(branch.guard);
                if (range === 'unreadable') {
                    this.components.push({ combination, party, escalation, kind: 'fine', source: branch, unreadable: true });
                    continue;
                }
                if (!range) {
                    continue;
                }
                if (range.dimension !== 'yuan') {
                    this.problems.push({ kind: 'wrong-dimension', source: branch.guard, dimension: range.dimension, expected: ['yuan'] });
                    continue;
                }
                guard = { kind: 'range', base: switchBase, interval: range.interval };
            }
            this.readFineRange(branch.amount, common, branch, guard);
        }
    }

    private readFineRange(amount: ast.FineRange, common: Pick<Component<AstNode>, 'combination' | 'party' | 'escalation'>,
        source: AstNode, guard?: Guard): void {
        const { combination, party, escalation } = common;
        const range = amount.range ? this.resolve(amount.range) : undefined;
        if (range === 'unreadable') {
            this.components.push({ combination, party, escalation, kind: 'fine', source, guard, unreadable: true });
            return;
        }
        if (!range) {
            this.components.push({ combination, party, escalation, kind: 'fine', source, guard });
            return;
        }
        const base = amount.base ? this.base(amount.base) : undefined;
        // A fine that cannot be measured is reported once, here, and compared with nothing.
        if ((range.dimension === 'multiple' || range.dimension === 'percent') && !base) {
            this.problems.push({ kind: 'base-required', source: amount, dimension: range.dimension });
            this.components.push({ combination, party, escalation, kind: 'fine', source, guard });
            return;
        }
        if (range.dimension === 'yuan' && base) {
            this.problems.push({ kind: 'base-not-allowed', source: amount.base! });
        } else if (!['yuan', 'multiple', 'percent'].includes(range.dimension)) {
            this.problems.push({ kind: 'wrong-dimension', source: amount.range, dimension: range.dimension, expected: ['yuan', 'multiple', 'percent'] });
            this.components.push({ combination, party, escalation, kind: 'fine', source, guard });
            return;
        }
        this.components.push({
            combination, party, escalation, kind: 'fine', source, guard,
            dimension: range.dimension, base: range.dimension === 'yuan' ? undefined : base,
            interval: range.interval, shape: range.shape
        });
    }

    private base(node: ast.Base): Base {
        return node.kind ? makeBase(node.kind, false) : makeBase(node.custom ?? '', true);
    }

    /** The range, or 'unreadable' when it has an irregular numeral (reported as CD107 on the quantity). */
    private resolve(range: ast.Range): ResolvedRange | 'unreadable' | undefined {
        const { range: resolved, problems, unreadable } = resolveRangeNode(range, this.semantics);
        this.problems.push(...problems);
        return unreadable ? 'unreadable' : resolved;
    }
}

/**
 * Resolves the words of a range node into an interval under the given boundary semantics. A range with an
 * irregular numeral (一万万元以下) is unknown, without a problem of its own: CD107 reports the numeral, and an
 * unknown range is compared with nothing.
 */
export function resolveRangeNode(range: ast.Range, semantics: BoundarySemantics):
    { range?: ResolvedRange; problems: RangeProblem<AstNode>[]; unreadable?: true } {
    if (range.bounds.some(bound => bound.quantity?.value !== undefined && readNumeral(bound.quantity.value).kind === 'irregular')) {
        return { problems: [], unreadable: true };
    }
    const bounds = range.bounds.map(bound => ({
        quantity: !bound.quantity?.value ? undefined
            : bound.quantity.percent ? makeQuantity(bound.quantity.value, '百分之')
                : makeQuantity(bound.quantity.value, bound.quantity.unit ?? ''),
        word: (bound.prefix ?? bound.suffix) as BoundaryWord | undefined,
        inclusion: bound.inclusion === undefined ? undefined : bound.inclusion === '含本数',
        source: bound as AstNode
    }));
    return resolveRange(bounds, semantics, range as AstNode);
}

/** Reads a statutory penalty block (under the statutory boundary convention). */
export function readPenaltyBlock(block: ast.PenaltyBlock, semantics: BoundarySemantics): PenaltyModel {
    const reader = new PenaltyReader(semantics);
    reader.readParts(block.parts);
    reader.readEscalations(block.escalations);
    return reader;
}

/** Reads the standard of a tier (under the document's boundary semantics). */
export function readTierStandard(tier: ast.Tier, semantics: BoundarySemantics): PenaltyModel {
    const reader = new PenaltyReader(semantics);
    reader.readParts(tier.parts);
    reader.readEscalations(tier.escalations);
    return reader;
}
