import * as path from 'node:path';
import { AstUtils, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { type ItemJson, MANIFEST_FILE, buildManifest, buildOutputs, effectiveBenchmark, isBenchmark, isItem, isAdoption } from '@chidu/language';
import {
    BuildWorkspaceRequest, type BuildWorkspaceResult, EffectiveBenchmarkRequest, type EffectiveBenchmarkParams,
    type EffectiveBenchmarkResult, ValidateWorkspaceRequest, type ValidateWorkspaceResult
} from '../protocol.js';

const MAX_LISTED_ERRORS = 20;

/**
 * Registers the Chidu-specific requests the VS Code commands use. They run under the workspace lock (as
 * Langium's own handlers do) so they never see a half-built workspace.
 */
export function registerChiduRequests(connection: Connection, shared: LangiumSharedServices): void {
    const workspace = shared.workspace;

    const chiduDocuments = (): LangiumDocument[] =>
        workspace.LangiumDocuments.all.filter(d => d.uri.path.endsWith('.chidu')).toArray()
            .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));

    /** Builds every document with every validation category, then reports. */
    const validateAll = async (): Promise<{ documents: LangiumDocument[]; result: ValidateWorkspaceResult }> => {
        await workspace.WorkspaceManager.ready;
        const documents = chiduDocuments();
        await workspace.WorkspaceLock.write(token => workspace.DocumentBuilder.build(documents, { validation: true }, token));
        return { documents, result: summarize(documents, workspaceRoot()) };
    };

    const workspaceRoot = (): string | undefined => {
        const folders = workspace.WorkspaceManager.workspaceFolders;
        return folders && folders.length > 0 ? URI.parse(folders[0].uri).fsPath : undefined;
    };

    connection.onRequest(ValidateWorkspaceRequest, async (): Promise<ValidateWorkspaceResult> => (await validateAll()).result);

    connection.onRequest(BuildWorkspaceRequest, async (): Promise<BuildWorkspaceResult> => {
        const { documents, result } = await validateAll();
        if (result.errors > 0) {
            return { ...result, outputs: [] };
        }
        // As `chidu build` names them: relative to the workspace folder, with the manifest index.json.
        // (A document opened from outside the folder falls back to the documents' common folder: no path may leave --out.)
        const root = workspaceRoot();
        const within = root !== undefined && documents.every(d => !path.relative(root, d.uri.fsPath).startsWith('..') && !path.isAbsolute(path.relative(root, d.uri.fsPath)));
        const outputs = buildOutputs(documents, d => relativeDisplay(d.uri.fsPath, root), within ? { root } : {});
        const manifest = { path: MANIFEST_FILE, content: `${JSON.stringify(buildManifest(outputs), null, 2)}\n` };
        return { ...result, outputs: [...outputs.map(o => ({ path: o.path, content: o.content })), manifest] };
    });

    connection.onRequest(EffectiveBenchmarkRequest, async (params: EffectiveBenchmarkParams): Promise<EffectiveBenchmarkResult | null> => {
        await workspace.WorkspaceManager.ready;
        const uri = URI.parse(params.uri);
        if (!workspace.LangiumDocuments.hasDocument(uri)) {
            return null;
        }
        return workspace.WorkspaceLock.read(async () => {
            const document = workspace.LangiumDocuments.getDocument(uri)!;
            if (!isBenchmark(document.parseResult.value)) {
                return null;
            }
            const json = effectiveBenchmark(document, d => relativeDisplay(d.uri.fsPath, workspaceRoot()));
            const hasErrors = (document.diagnostics ?? []).some(d => d.severity === 1)
                || document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
            const item = params.position ? itemAt(document, params.position, json.items) : undefined;
            if (item) {
                return { title: `${item.code} 生效基准`, json: `${JSON.stringify(item, null, 2)}\n`, hasErrors };
            }
            return { title: `${json.document.name} 生效基准`, json: `${JSON.stringify(json, null, 2)}\n`, hasErrors };
        });
    });
}

/** The effective item for the `事项` (or the `直接适用` code) under the position. */
function itemAt(document: LangiumDocument, position: { line: number; character: number }, items: readonly ItemJson[]): ItemJson | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) {
        return undefined;
    }
    const offset = document.textDocument.offsetAt(position);
    const leaf = AstUtils.streamAst(document.parseResult.value)
        .filter(node => {
            const cst = node.$cstNode;
            return cst !== undefined && cst.offset <= offset && offset <= cst.end;
        })
        .toArray()
        .pop();
    if (!leaf) {
        return undefined;
    }
    const item = AstUtils.getContainerOfType(leaf, isItem);
    if (item?.$cstNode) {
        const line = item.$cstNode.range.start.line + 1;
        return items.find(i => i.origin !== 'adopted' && i.source.line === line) ?? items.find(i => i.code === item.code);
    }
    const adoption = AstUtils.getContainerOfType(leaf, isAdoption);
    if (adoption) {
        // The adopted code nearest to the cursor on the line.
        const refs = adoption.items.filter(r => r.$refNode && r.$refNode.offset <= offset + 1);
        const ref = refs.pop() ?? adoption.items[0];
        return ref ? items.find(i => i.origin === 'adopted' && i.code === (ref.ref?.code ?? ref.$refText)) : undefined;
    }
    return undefined;
}

function summarize(documents: readonly LangiumDocument[], root: string | undefined): ValidateWorkspaceResult {
    let errors = 0;
    let warnings = 0;
    const firstErrors: string[] = [];
    for (const document of documents) {
        for (const d of document.diagnostics ?? []) {
            if (d.severity === 1) {
                errors++;
                if (firstErrors.length < MAX_LISTED_ERRORS) {
                    firstErrors.push(line(document, d, root));
                }
            } else if (d.severity === 2) {
                warnings++;
            }
        }
    }
    return { files: documents.length, errors, warnings, firstErrors };
}

function line(document: LangiumDocument, d: Diagnostic, root: string | undefined): string {
    const code = d.code ?? (d.data as { code?: string } | undefined)?.code ?? '';
    return `${relativeDisplay(document.uri.fsPath, root)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${code} ${d.message}`;
}

function relativeDisplay(file: string, root: string | undefined): string {
    if (root) {
        const relative = path.relative(root, file);
        if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
            return relative.split(path.sep).join('/');
        }
    }
    return file.split(path.sep).join('/');
}

