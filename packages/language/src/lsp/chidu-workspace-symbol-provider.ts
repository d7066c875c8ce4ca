import { type LangiumDocument, Cancellation, DocumentState, interruptAndCheck } from 'langium';
import { DefaultWorkspaceSymbolProvider, type LangiumSharedServices } from 'langium/lsp';
import { SymbolKind, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { documentLabel } from '../model/document-model.js';
import { loadPinyin, matchesPinyin } from './chidu-completion-provider.js';
import { nameNodeOf, written } from './lsp-support.js';

const LIMIT = 1000;

/**
 * Workspace symbols: every document, item and tier of the workspace, matched on the code, the name, the
 * violation or pinyin initials (`wfqd` finds 「未依法取得…」). One pass over the loaded documents per query.
 */
export class ChiduWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    private readonly documents: LangiumSharedServices['workspace']['LangiumDocuments'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
    }

    override async getSymbols(params: WorkspaceSymbolParams, cancelToken = Cancellation.CancellationToken.None): Promise<WorkspaceSymbol[]> {
        await loadPinyin();
        const query = params.query.trim();
        const result: WorkspaceSymbol[] = [];
        const matches = (...texts: (string | undefined)[]) => query === ''
            || texts.some(t => t !== undefined && (t.toLowerCase().includes(query.toLowerCase()) || this.fuzzyMatcher.match(query, t) || matchesPinyin(query, t)));
        for (const document of this.documents.all) {
            await interruptAndCheck(cancelToken);
            if (document.state < DocumentState.Parsed) continue;
            const root = document.parseResult?.value;
            if (!ast.isBenchmark(root)) continue;
            const label = documentLabel(root);
            if (root.name && matches(root.name)) {
                this.push(result, document, root, root.name, SymbolKind.Module, root.issuer[0]);
            }
            for (const item of root.items) {
                if (item.code && matches(item.code, item.violation)) {
                    this.push(result, document, item, `${item.code}${item.violation ? ` ${written(item, 'violation')}` : ''}`, SymbolKind.Class, label);
                }
                for (const tier of item.tiers) {
                    if (tier.name && matches(`${item.code} ${tier.name}`, tier.name)) {
                        this.push(result, document, tier, `${item.code} 阶次「${tier.name}」`, SymbolKind.EnumMember, label);
                    }
                }
            }
            if (result.length >= LIMIT) break;
        }
        return result.slice(0, LIMIT);
    }

    private push(result: WorkspaceSymbol[], document: LangiumDocument, node: ast.Benchmark | ast.Item | ast.Tier, name: string,
        kind: SymbolKind, containerName: string | undefined): void {
        const range = (nameNodeOf(node) ?? node.$cstNode)?.range;
        if (range) {
            result.push({ name, kind, containerName, location: { uri: document.textDocument.uri, range } });
        }
    }
}
