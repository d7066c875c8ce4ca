// The build output as the runtime reads it: the part of `chidu schema` (formats chidu-effective-benchmark and
// chidu-exemption-list, formatVersion 1) that evaluation needs. This is a consumer's view of the published
// format, as an enforcement system would declare it; fields the runtime does not read are left out.

export interface EndpointJson { readonly value: string; readonly closed: boolean }

export interface IntervalJson {
    readonly unit: string;
    readonly lower: EndpointJson | null;
    readonly upper: EndpointJson | null;
    readonly notation: string;
}

export interface BaseJson { readonly key: string; readonly label: string }

export type AmountJson =
    | { readonly measure: 'fixed' | 'multiple' | 'percent' | 'duration'; readonly base: BaseJson | null; readonly interval: IntervalJson; readonly text: string }
    | { readonly measure: 'switch'; readonly base: BaseJson; readonly branches: readonly BranchJson[] };

export interface BranchJson { readonly guard: IntervalJson | null; readonly fallback: string | null; readonly amount: AmountJson | null }

export type SanctionJson =
    | { readonly type: 'measure'; readonly name: string }
    | { readonly type: 'penalty'; readonly kind: string; readonly kindLabel: string; readonly name: string; readonly amount: AmountJson | null };

export interface GroupJson { readonly combination: string; readonly party: string; readonly alternatives: readonly SanctionJson[] }
export interface PenaltyJson {
    readonly groups: readonly GroupJson[];
    readonly escalations: readonly { readonly trigger: string; readonly groups: readonly GroupJson[] }[];
}

export interface CitationJson { readonly text: string; readonly law: string; readonly article: number | null }

export interface IndicatorJson { readonly type: 'indicator'; readonly name: string; readonly interval: IntervalJson | null; readonly text: string }
/** An enumerated fact that takes (or, negated, does not take) one of the values. */
export interface MembershipJson { readonly type: 'membership'; readonly fact: string; readonly values: readonly string[]; readonly negated: boolean; readonly text: string }
export type SelectorJson = IndicatorJson | MembershipJson;
/** One fact of the vocabulary the build exports with each document. */
export interface FactJson {
    readonly name: string; readonly kind: 'flag' | 'quantity' | 'enumeration' | 'count'; readonly unit: string | null;
    readonly values: readonly string[] | null; readonly definition: string | null; readonly basis: string | null;
    readonly window?: { readonly kind: 'months'; readonly months: number } | { readonly kind: 'calendarYear' } | null; readonly declaredIn: string | null;
}

export interface SourceLocation { readonly file: string; readonly line: number; readonly column: number }

export interface TierJson {
    readonly name: string;
    readonly grade: string | null;
    readonly conditions: readonly string[];
    readonly selectors: readonly SelectorJson[];
    readonly standard: PenaltyJson;
    readonly notes: readonly string[];
    readonly source: SourceLocation;
}

export interface ItemJson {
    readonly code: string;
    readonly violation: string | null;
    readonly origin: 'own' | 'refined' | 'adopted';
    readonly refines: { readonly document: string; readonly code: string } | null;
    readonly adoptedFrom: { readonly document: string; readonly code: string } | null;
    readonly violatedProvisions: readonly CitationJson[];
    readonly penaltyBasis: readonly CitationJson[];
    readonly statutoryPenalty: PenaltyJson | null;
    readonly tiers: readonly TierJson[];
    readonly weightedTable: unknown;
    readonly source: SourceLocation;
}

export interface DocumentHeaderJson {
    readonly name: string;
    readonly issuer: string | null;
    readonly level: string | null;
    readonly levelLabel: string | null;
    readonly docNumber: string | null;
    readonly effectiveFrom: string | null;
    readonly effectiveTo: string | null;
    readonly validFor: { readonly value: string; readonly unit: string } | null;
    readonly domain: string | null;
    readonly parents: readonly { readonly name: string; readonly issuer: string | null }[];
    readonly source: SourceLocation;
}

export interface EffectiveBenchmarkJson {
    readonly format: 'chidu-effective-benchmark';
    readonly formatVersion: 1;
    readonly document: DocumentHeaderJson & {
        readonly boundarySemantics: { readonly atLeast: 'closed' | 'open'; readonly atMost: 'closed' | 'open' };
        readonly hitPolicy: string | null;
    };
    readonly facts?: readonly FactJson[];
    readonly items: readonly ItemJson[];
}

export type ConditionJson =
    | { readonly type: 'all' | 'any' | 'none'; readonly conditions: readonly ConditionJson[] }
    | { readonly type: 'text'; readonly text: string }
    /** A text that names a yes/no fact (「初次违法」): decided like a text, by the officer's finding. */
    | { readonly type: 'fact'; readonly fact: string; readonly basis: string | null; readonly text: string }
    | SelectorJson;

export interface EntryJson {
    readonly number: string;
    readonly name: string | null;
    readonly origin: 'own' | 'refined' | 'adopted';
    readonly refines: { readonly document: string; readonly number: string } | null;
    readonly adoptedFrom: { readonly document: string; readonly number: string } | null;
    readonly item: { readonly document: string; readonly code: string; readonly violation: string | null } | null;
    readonly violation: string | null;
    readonly domain: string | null;
    readonly conditions: ConditionJson | null;
    readonly consequence: { readonly word: string; readonly kind: string; readonly mandatory: boolean } | null;
    readonly grounds: readonly CitationJson[];
    readonly measures: readonly string[];
    readonly lookback: { readonly value: string; readonly unit: string } | null;
    readonly excludedAreas: readonly string[];
    readonly penalty: PenaltyJson | null;
    readonly source: SourceLocation;
}

export interface ObservationPeriodJson {
    readonly name: string;
    readonly targets: readonly string[];
    readonly start: string | null;
    readonly end: string | null;
    readonly scope: string | null;
    readonly domain: string | null;
    readonly measures: readonly string[];
}

export interface ExemptionListJson {
    readonly format: 'chidu-exemption-list';
    readonly formatVersion: 1;
    readonly document: DocumentHeaderJson & {
        readonly kind: string | null;
        readonly benchmarks: readonly string[];
        readonly excludedDomains: readonly string[];
        readonly excludedAreas: readonly string[];
    };
    readonly facts?: readonly FactJson[];
    readonly entries: readonly EntryJson[];
    readonly observationPeriods: readonly ObservationPeriodJson[];
}

export type CompiledDocument = EffectiveBenchmarkJson | ExemptionListJson;
