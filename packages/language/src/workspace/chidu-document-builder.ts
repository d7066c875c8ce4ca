import { DefaultDocumentBuilder, DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import * as ast from '../generated/ast.js';

/**
 * References that resolve only through the document's 上级 chain: item codes (细化, 直接适用) and upper tiers.
 * A change elsewhere in the workspace cannot resolve them.
 */
const CHAIN_SCOPED = new Set(['Item.refines', 'Adoption.items', 'Tier.refines']);

/**
 * Langium relinks (and so revalidates) every document that has any unresolved reference on every change
 * anywhere in the workspace, in case the change resolves it. In a province-scale workspace one city document
 * with one mistyped 细化 code (CD202) was then relinked and revalidated on every keystroke in any county file
 * (measured: edit → diagnostics median doubled on the benchmark workspace with planted CD202 defects).
 *
 * An unresolved item or tier code can only be resolved by a change in the document's upper chain, so such a
 * document is relinked when one of its ancestors (followed by 上级 names, independent of link state) changed.
 * Every other unresolved reference (上级 names, lists, catalogues) keeps Langium's behaviour.
 */
export class ChiduDocumentBuilder extends DefaultDocumentBuilder {
    private ancestry?: { changed: Set<string>; byName: Map<string, LangiumDocument[]> };
    /** URIs of the exemption lists, as of the last indexing. */
    private readonly listUris = new Set<string>();
    /** Each document's kind and name (`Benchmark:名称`), as of the last indexing: names must be unique (CD210). */
    private readonly nameKeys = new Map<string, string>();
    /** The kind-and-name keys of the changed documents, computed once per update. */
    private changedNames?: { changed: Set<string>; keys: Set<string> };

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onBuildPhase(DocumentState.IndexedContent, documents => {
            for (const document of documents) {
                const uri = document.uri.toString();
                if (ast.isExemptionList(document.parseResult.value)) {
                    this.listUris.add(uri);
                } else {
                    this.listUris.delete(uri);
                }
                const key = nameKey(document);
                if (key) this.nameKeys.set(uri, key); else this.nameKeys.delete(uri);
            }
        });
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        // One pass without allocation: this runs for every document on every keystroke.
        let unresolved = false;
        for (const reference of document.references) {
            const error = reference.error;
            if (error !== undefined) {
                if (!CHAIN_SCOPED.has(`${error.info.container.$type}.${error.info.property}`)) {
                    return true;
                }
                unresolved = true;
            }
        }
        if (unresolved && this.ancestorChanged(document, changedUris)) {
            return true;
        }
        // Lists of one authority check each other (CD609, CD611) without referencing each other.
        if (ast.isExemptionList(document.parseResult?.value) && [...changedUris].some(uri => this.listUris.has(uri))) {
            return true;
        }
        // A document that shares (or shared) its name with a changed one: CD210 may appear or go away.
        if (this.sharesName(document, changedUris)) {
            return true;
        }
        return this.indexManager.isAffected(document, changedUris);
    }

    /**
     * Whether a changed document had, at the last indexing, or has, in the text now being built, this
     * document's kind and name (CD210 may appear or go away), or a name this document refers to by 上级 or
     * 基准 (the reference may become ambiguous, CD211, or unique again). The text is read from the header,
     * which names the document first.
     */
    private sharesName(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.changedNames?.changed !== changedUris) {
            const keys = new Set<string>();
            for (const uri of changedUris) {
                const before = this.nameKeys.get(uri);
                if (before) keys.add(before);
                const text = this.textDocuments?.get(uri)?.getText();
                const now = text === undefined ? undefined : headerKey(text);
                if (now) keys.add(now);
            }
            this.changedNames = { changed: changedUris, keys };
        }
        const { keys } = this.changedNames;
        if (keys.size === 0) {
            return false;
        }
        const own = this.nameKeys.get(document.uri.toString());
        if (own && keys.has(own)) {
            return true;
        }
        const root = document.parseResult?.value;
        if (ast.isBenchmark(root) || ast.isExemptionList(root)) {
            const type = root.$type;
            if (root.parents.some(p => keys.has(`${type}:${p.$refText}`))) {
                return true;
            }
            if (ast.isExemptionList(root) && root.benchmarks.some(b => keys.has(`Benchmark:${b.$refText}`))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a changed document is reachable from this one by following 上级 names. */
    private ancestorChanged(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.ancestry?.changed !== changedUris) {
            // One name table per update (the same set of changed URIs is passed for every document).
            const byName = new Map<string, LangiumDocument[]>();
            for (const doc of this.langiumDocuments.all) {
                const root = doc.parseResult?.value;
                if (ast.isBenchmark(root) && root.name) {
                    byName.set(root.name, [...(byName.get(root.name) ?? []), doc]);
                }
            }
            this.ancestry = { changed: changedUris, byName };
        }
        const { byName } = this.ancestry;
        const visited = new Set<LangiumDocument>([document]);
        const stack = [document];
        while (stack.length > 0) {
            const root = stack.pop()!.parseResult?.value;
            if (!ast.isBenchmark(root)) {
                continue;
            }
            for (const parent of root.parents) {
                for (const upper of byName.get(parent.$refText) ?? []) {
                    if (changedUris.has(upper.uri.toString())) {
                        return true;
                    }
                    if (!visited.has(upper)) {
                        visited.add(upper);
                        stack.push(upper);
                    }
                }
            }
        }
        return false;
    }
}

const KIND_BY_KEYWORD: ReadonlyMap<string, string> = new Map([['基准', 'Benchmark'], ['清单', 'ExemptionList'], ['执法事项清单', 'MatterCatalogue']]);

function nameKey(document: LangiumDocument): string | undefined {
    const root = document.parseResult?.value as { $type?: string; name?: unknown } | undefined;
    return root?.$type && [...KIND_BY_KEYWORD.values()].includes(root.$type) && typeof root.name === 'string' ? `${root.$type}:${root.name.normalize('NFC')}` : undefined;
}

/** The kind and name a document's text declares first (基准 「名称」), without parsing it. */
export function headerKey(text: string): string | undefined {
    // Skip leading white space and comments in one linear pass (a regular expression with a repeated group of
    // alternatives backtracked exponentially on an unclosed /* and hung the language server while editing).
    const head = text.slice(0, 4096);
    let at = 0;
    for (;;) {
        while (at < head.length && /\s/.test(head[at]!)) at++;
        if (head.startsWith('//', at)) {
            const end = head.indexOf('\n', at);
            if (end < 0) return undefined;
            at = end + 1;
        } else if (head.startsWith('/*', at)) {
            const end = head.indexOf('*/', at + 2);
            if (end < 0) return undefined;
            at = end + 2;
        } else {
            break;
        }
    }
    const match = /^(执法事项清单|基准|清单)\s*「([^」]*)」/.exec(head.slice(at));
    return match ? `${KIND_BY_KEYWORD.get(match[1]!)}:${match[2]!.trim().normalize('NFC')}` : undefined;
}
