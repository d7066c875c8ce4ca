import { type AstNode, type LangiumDocument, type MaybePromise, AstUtils } from 'langium';
import { DefaultReferencesProvider, type LangiumServices } from 'langium/lsp';
import { Location, type ReferenceParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { isNameLeaf, leafAt, nameNodeOf, referenceAt } from './lsp-support.js';
import { type IncomingReference, RefinementIndex } from './refinement-index.js';

/** The node a position names: the target of a reference there, or the item / tier / document whose name it is. */
export function targetAt(document: LangiumDocument, offset: number): AstNode | undefined {
    const leaf = leafAt(document, offset);
    if (!leaf) {
        return undefined;
    }
    const reference = referenceAt(leaf);
    if (reference) {
        return reference.ref.ref;
    }
    const node = leaf.astNode;
    if ((ast.isItem(node) || ast.isTier(node) || ast.isBenchmark(node)) && isNameLeaf(leaf)) {
        return node;
    }
    return undefined;
}

/**
 * References that name a target: by code for items (aliases included), by name for tiers and documents. With
 * `resolved`, also the links that resolve to an item under another code (what find-references shows; a rename
 * must not touch those).
 */
export function referencesTo(index: RefinementIndex, target: AstNode, resolved = false): IncomingReference[] {
    if (ast.isItem(target)) {
        return resolved ? index.refiners(target) : index.codeReferences(target);
    }
    if (ast.isTier(target)) {
        return index.incoming(target).filter(r => r.kind === 'tier-refines');
    }
    if (ast.isBenchmark(target)) {
        return index.incoming(target).filter(r => r.kind === 'parent');
    }
    return [];
}

/**
 * Find references: which lower documents refine (or directly apply) an item, which lower tiers refine a tier,
 * which documents name a document as 上级.
 */
export class ChiduReferencesProvider extends DefaultReferencesProvider {
    private readonly index: RefinementIndex;

    constructor(services: LangiumServices) {
        super(services);
        this.index = RefinementIndex.of(services.shared);
    }

    override findReferences(document: LangiumDocument, params: ReferenceParams): MaybePromise<Location[]> {
        try {
            const target = targetAt(document, document.textDocument.offsetAt(params.position));
            if (!target) {
                return super.findReferences(document, params);
            }
            const locations: Location[] = [];
            if (params.context.includeDeclaration) {
                const name = nameNodeOf(target);
                const home = AstUtils.findRootNode(target).$document;
                if (name && home) {
                    locations.push(Location.create(home.textDocument.uri, name.range));
                }
            }
            for (const reference of referencesTo(this.index, target, true)) {
                const node = reference.reference.$refNode;
                if (node) {
                    locations.push(Location.create(reference.document.textDocument.uri, node.range));
                }
            }
            return locations;
        } catch (error) {
            console.error('Chidu references failed:', error);
            return [];
        }
    }
}
