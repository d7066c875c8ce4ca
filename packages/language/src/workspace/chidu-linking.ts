import {
    type AstNode, Cancellation, DefaultLinker, DefaultReferenceDescriptionProvider, type LangiumDocument, type ReferenceDescription,
    interruptAndCheck
} from 'langium';
import { visitNode } from './ast-walk.js';

/**
 * Langium's linker, walking the tree without a stream and an awaited cancellation check per AST node: the
 * same references are linked in the same order; cancellation is checked before each node that has references.
 */
export class ChiduLinker extends DefaultLinker {
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
