import {
    type AstNode, type AstNodeDescription, Cancellation, DefaultLinker, DefaultReferenceDescriptionProvider, type LangiumDocument,
    type LinkingError, type ReferenceDescription, type ReferenceInfo, interruptAndCheck
} from 'langium';
import { visitNode } from './ast-walk.js';

/** References to whole documents by name (上级, a list's 基准): one name must mean one document. */
const DOCUMENT_REFERENCES = new Set(['Benchmark.parents', 'ExemptionList.parents', 'ExemptionList.benchmarks']);

/** Marks the linking error of a name that several documents carry; the files follow, one per line. */
export const AMBIGUOUS_REFERENCE = 'chidu:ambiguous\n';

/**
 * Langium's linker, walking the tree without a stream and an awaited cancellation check per AST node: the
 * same references are linked in the same order; cancellation is checked before each node that has references.
 */
export class ChiduLinker extends DefaultLinker {
    /**
     * A document name that several documents of the kind carry does not resolve to any of them (Langium would
     * take the first one indexed, so the result would depend on file order): it is an error of its own (CD211).
     */
    override getCandidate(refInfo: ReferenceInfo): AstNodeDescription | LinkingError {
        if (!DOCUMENT_REFERENCES.has(`${refInfo.container.$type}.${refInfo.property}`)) {
            return super.getCandidate(refInfo);
        }
        const candidates = this.scopeProvider.getScope(refInfo).getElements(refInfo.reference.$refText)
            .distinct(d => d.documentUri.toString()).toArray();
        if (candidates.length > 1) {
            return { info: refInfo, message: AMBIGUOUS_REFERENCE + candidates.map(d => d.documentUri.path).sort().join('\n') };
        }
        return candidates[0] ?? super.getCandidate(refInfo);
    }

    override async link(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        const stack: AstNode[] = [document.parseResult.value];
        while (stack.length > 0) {
            const references = visitNode(stack.pop()!, stack);
            if (references) {
                await interruptAndCheck(cancelToken);
                for (const reference of references) {
                    this.doLink(reference, document);
                }
            }
        }
    }
}

/** Langium's reference index entries, collected with the same walk (same descriptions, same order). */
export class ChiduReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const stack: AstNode[] = [document.parseResult.value];
        while (stack.length > 0) {
            const references = visitNode(stack.pop()!, stack);
            if (references) {
                await interruptAndCheck(cancelToken);
                for (const reference of references) {
                    if (!reference.reference.error) {
                        descriptions.push(...this.createInfoDescriptions(reference));
                    }
                }
            }
        }
        return descriptions;
    }
}
