import { type AstNode, type LangiumDocument, type Reference, DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import * as ast from '../generated/ast.js';
import { normalizeCode } from '../parser/chidu-value-converter.js';

/** One reference pointing at an item, a tier or a document, seen from the target. */
export interface IncomingReference {
    readonly kind: 'item-refines' | 'adoption' | 'tier-refines' | 'parent' | 'entry-refines' | 'entry-import';
    /** The node holding the reference (the refining item or tier, the adoption, the lower document). */
    readonly source: AstNode;
    readonly reference: Reference;
    readonly document: LangiumDocument;
}

/**
 * Who refines whom, across the workspace: the reverse of every 上级 / 细化 / 直接适用 link. Built in one pass over
 * the linked documents the first time someone asks after a change, then answered from a map, so code lenses,
 * references and rename never scan documents per node.
 */
export class RefinementIndex {
    private incomingMap: Map<AstNode, IncomingReference[]> | undefined;

    private static readonly instances = new WeakMap<object, RefinementIndex>();

    static of(shared: LangiumSharedServices): RefinementIndex {
        let index = RefinementIndex.instances.get(shared);
        if (!index) {
            index = new RefinementIndex(shared);
            RefinementIndex.instances.set(shared, index);
        }
        return index;
    }

    constructor(private readonly shared: LangiumSharedServices) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate(() => this.incomingMap = undefined);
        builder.onBuildPhase(DocumentState.IndexedReferences, () => this.incomingMap = undefined);
    }

    /** References pointing at the node, from any linked document. */
    incoming(target: AstNode): readonly IncomingReference[] {
        return this.map().get(target) ?? [];
    }

    private map(): Map<AstNode, IncomingReference[]> {
        if (!this.incomingMap) {
            const map = new Map<AstNode, IncomingReference[]>();
            const add = (kind: IncomingReference['kind'], source: AstNode, reference: Reference | undefined, document: LangiumDocument) => {
                const target = reference?.ref;
                if (!reference || !target) {
                    return;
                }
                let list = map.get(target);
                if (!list) {
                    list = [];
                    map.set(target, list);
                }
                list.push({ kind, source, reference, document });
            };
            for (const document of this.shared.workspace.LangiumDocuments.all) {
                if (document.state < DocumentState.Linked) {
                    continue;
                }
                const root = document.parseResult?.value;
                if (ast.isExemptionList(root)) {
                    for (const parent of root.parents ?? []) {
                        add('parent', root, parent, document);
                    }
                    for (const entry of root.entries ?? []) {
                        add('entry-refines', entry, entry.refines, document);
                    }
                    for (const imported of root.imports ?? []) {
                        for (const ref of imported.entries ?? []) {
                            add('entry-import', imported, ref, document);
                        }
                    }
                    continue;
                }
                if (!ast.isBenchmark(root)) {
                    continue;
                }
                for (const parent of root.parents ?? []) {
                    add('parent', root, parent, document);
                }
                for (const item of root.items ?? []) {
                    add('item-refines', item, item.refines, document);
                    for (const tier of item.tiers ?? []) {
                        for (const ref of tier.refines ?? []) {
                            add('tier-refines', tier, ref, document);
                        }
                    }
                }
                for (const adoption of root.adoptions ?? []) {
                    for (const ref of adoption.items ?? []) {
                        add('adoption', adoption, ref, document);
                    }
                }
            }
            this.incomingMap = map;
        }
        return this.incomingMap;
    }

    /**
     * Every reference that names an item by its code, including the ones that reach it through a lower
     * refinement's alias: a county's `直接适用 HP-31-1` resolves to the city item that refines HP-31-1, yet it
     * names the provincial item's code. Renaming or finding HP-31-1 must include it.
     */
    codeReferences(item: ast.Item): IncomingReference[] {
        const key = normalizeCode(item.code ?? '');
        const result: IncomingReference[] = [];
        const seen = new Set<AstNode>([item]);
        const queue: AstNode[] = [item];
        while (queue.length > 0) {
            const current = queue.shift()!;
            for (const incoming of this.incoming(current)) {
                if (incoming.kind !== 'item-refines' && incoming.kind !== 'adoption') {
                    continue;
                }
                if (normalizeCode(incoming.reference.$refText) !== key) {
                    continue;
                }
                result.push(incoming);
                // A lower item refining by this code is seen under the same code further down.
                if (incoming.kind === 'item-refines' && !seen.has(incoming.source)) {
                    seen.add(incoming.source);
                    queue.push(incoming.source);
                }
            }
        }
        return result;
    }

    /**
     * Everything that refines or applies an item: the links that resolve to it, and the links that name its code
     * further down through an alias. What "which lower documents refine this item" means.
     */
    refiners(item: ast.Item): IncomingReference[] {
        const direct = this.incoming(item).filter(r => r.kind === 'item-refines' || r.kind === 'adoption');
        return [...new Set([...direct, ...this.codeReferences(item)])];
    }

    /** Distinct documents among references. */
    static documentsOf(references: readonly IncomingReference[]): LangiumDocument[] {
        return [...new Set(references.map(r => r.document))];
    }
}
