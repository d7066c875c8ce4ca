import type { AstNode } from 'langium';
import {
    FACT_KIND_WORDS, type FactDefinition, type LookbackWindow, type MembershipTest, factKey, nearestFirst, parseNumeral, penaltyLawFact, windowOf
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { type ChainedDocument, upperDocuments } from './document-model.js';

/** A fact as a document declares it, with the node it was declared at (for hover and definition). */
export interface DeclaredFact extends FactDefinition {
    readonly node: ast.Fact;
    /** The document that declares it (the condition's own, or an upper one). */
    readonly document: ChainedDocument;
}

export type KnownFact = DeclaredFact | (FactDefinition & { readonly node?: undefined; readonly document?: undefined });

function rootOf(node: AstNode): ChainedDocument | undefined {
    let current = node;
    while (current.$container) {
        current = current.$container;
    }
    return current.$type === 'Benchmark' || current.$type === 'ExemptionList' ? current as ChainedDocument : undefined;
}

function windowOfDuration(duration: ast.Duration | undefined): LookbackWindow | undefined {
    const amount = duration && typeof duration.value === 'string' ? parseNumeral(duration.value) : undefined;
    return duration && amount?.isInteger() ? windowOf(amount.toNumber(), duration.unit) : undefined;
}

/** What a fact declaration says, read leniently (a half-typed declaration keeps what it has). */
export function declaredFact(fact: ast.Fact, document: ChainedDocument): DeclaredFact | undefined {
    if (typeof fact.name !== 'string') {
        return undefined;
    }
    const kind = fact.kind[0] !== undefined ? FACT_KIND_WORDS[fact.kind[0]] : undefined;
    return {
        name: fact.name, kind: kind ?? (fact.values.length > 0 ? 'enumeration' : fact.unit.length > 0 ? 'quantity' : 'flag'),
        unit: fact.unit[0], values: fact.values.length > 0 ? fact.values : undefined, definition: fact.definition[0],
        basis: fact.basis[0]?.$cstNode?.text.replace(/\s+/g, ''), window: windowOfDuration(fact.window[0]), node: fact, document
    };
}

/**
 * Vocabularies by document, with the upper documents they were read from: the editor relinks a lower document
 * (same AST) after an upper one is reparsed (a new AST), so an entry is used only while the chain is the same.
 */
const vocabularyCache = new WeakMap<ChainedDocument, { readonly chain: readonly ChainedDocument[]; readonly vocabulary: Map<string, DeclaredFact> }>();

/**
 * The facts a document can test: its own declarations, then those of its upper documents nearest first (a
 * lower document inherits the upper ones' facts; its own declaration of the same name wins for itself).
 */
export function vocabularyOf(document: ChainedDocument): Map<string, DeclaredFact> {
    const chain = [document, ...nearestFirst<ChainedDocument>(document, upperDocuments)];
    const cached = vocabularyCache.get(document);
    if (cached && cached.chain.length === chain.length && cached.chain.every((d, i) => d === chain[i])) {
        return cached.vocabulary;
    }
    const vocabulary = new Map<string, DeclaredFact>();
    for (const source of chain) {
        for (const node of source.facts) {
            const fact = declaredFact(node, source);
            if (fact && !vocabulary.has(factKey(fact.name))) {
                vocabulary.set(factKey(fact.name), fact);
            }
        }
    }
    vocabularyCache.set(document, { chain, vocabulary });
    return vocabulary;
}

/** The fact a name refers to from a node's document: declared along the chain, else a 《行政处罚法》 circumstance. */
export function factNamed(node: AstNode, name: string): KnownFact | undefined {
    const document = rootOf(node);
    return (document ? vocabularyOf(document).get(factKey(name)) : undefined) ?? penaltyLawFact(name);
}

/** A text condition that is exactly the name of a yes/no fact (「初次违法」): that fact. */
export function flagFact(condition: ast.TextCondition): KnownFact | undefined {
    if (typeof condition.text !== 'string') {
        return undefined;
    }
    const fact = factNamed(condition, condition.text);
    return fact?.kind === 'flag' ? fact : undefined;
}

/** A membership test (「区域」 为 「…」, or 指标 「区域」 为 「…」), if the node is one and is complete. */
export function membershipOf(condition: ast.Membership | ast.Indicator): MembershipTest | undefined {
    if (typeof condition.name !== 'string' || condition.operator === undefined || condition.values.length === 0) {
        return undefined;
    }
    return { fact: condition.name, values: condition.values, negated: condition.operator.startsWith('不') };
}

/** The declared values of the fact a membership test is on, if the fact is an enumeration. */
export function domainOf(condition: AstNode, fact: string): readonly string[] | undefined {
    const known = factNamed(condition, fact);
    return known?.kind === 'enumeration' ? known.values : undefined;
}
