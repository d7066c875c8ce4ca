import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createChiduServices } from '../../src/chidu-module.js';

/** Builds the given files (path → text) as one workspace with validation, as the CLI does. */
export async function buildWorkspace(files: Record<string, string>): Promise<LangiumDocument[]> {
    const { shared } = createChiduServices(EmptyFileSystem);
    const documents = Object.entries(files).map(([file, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(path.resolve('/workspace', file)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents;
}

export function diagnosticsOf(document: LangiumDocument): Diagnostic[] {
    return document.diagnostics ?? [];
}

/** All .chidu files below a folder, as path → text (paths relative to the folder). */
export function readFolder(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.chidu')) files[path.relative(folder, full)] = fs.readFileSync(full, 'utf8');
        }
    };
    walk(folder);
    return files;
}

/** Sub-folders that directly hold .chidu files (each one workspace). */
export function caseFolders(root: string): string[] {
    const result: string[] = [];
    const walk = (dir: string) => {
        const entries = fs.readdirSync(dir, { withFileTypes: true });
        if (entries.some(e => e.isFile() && e.name.endsWith('.chidu'))) {
            result.push(dir);
            return;
        }
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.isDirectory()) walk(path.join(dir, entry.name));
        }
    };
    walk(root);
    return result;
}

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
