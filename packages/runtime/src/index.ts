// 尺度 runtime: from the compiled benchmarks and lists of a chain and the facts of a case to the decision,
// its explanation (裁量说明) and a structured record. It reads only the JSON `chidu build` writes and imports
// only the pure domain core (no Langium), so an enforcement system can embed it.
import { type Chain, loadChain } from './chain.js';
import { type Decision, evaluate } from './evaluate.js';
import { type Case, type Vocabulary, buildVocabulary, readCase } from './facts.js';

export * from './format.js';
export { type Chain, ChainError, loadChain, inForce, endOf } from './chain.js';
export { type Case, type Expected, type QuantityFact, type Vocabulary, CaseError, buildVocabulary, readCase, readQuantity } from './facts.js';
export { type ConditionTrace, type Decision, type DecisionRecord, type EntryTrace, type SanctionResult, type Status, type TierTrace, EvaluationError, evaluate } from './evaluate.js';
export { caseSchema } from './case-schema.js';
export { type CaseResult, type Coverage, type Mismatch, compareExpected, coverage, junitXml } from './case-test.js';
export { renderDecision } from './render.js';

/** A loaded chain with its fact vocabulary: load once, evaluate many cases. */
export interface Runtime {
    readonly chain: Chain;
    readonly vocabulary: Vocabulary;
    /** Validates the case (CaseError) and evaluates it (EvaluationError when its item is nowhere on the chain). */
    evaluate(input: unknown, options?: { item?: string; authority?: string }): { kase: Case; decision: Decision };
}

export function createRuntime(documents: readonly unknown[]): Runtime {
    const chain = loadChain(documents);
    const vocabulary = buildVocabulary(chain);
    return {
        chain, vocabulary,
        evaluate(input, options) {
            const kase = readCase(input, vocabulary);
            return { kase, decision: evaluate(chain, kase, options) };
        }
    };
}
