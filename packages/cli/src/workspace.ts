import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { type ChiduServices, createChiduServices } from '@chidu/language';
import type { Diagnostic } from 'vscode-languageserver-types';

/** A path the user gave that could not be used: reported as one line, exit code 2. */
export class UsageError extends Error { }

/** A file that could not become a document (unreadable, not UTF-8): reported as a located diagnostic. */
export interface FileProblem {
    readonly file: string;
    readonly code: 'CD003';
    readonly message: string;
}

export interface LoadedWorkspace {
    readonly services: ChiduServices;
    readonly documents: readonly LangiumDocument[];
    readonly fileProblems: readonly FileProblem[];
}

const EXTENSION = '.chidu';
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'out']);

/** Every .chidu file under the given paths, sorted, each once. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const given of paths) {
        const absolute = path.resolve(given);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch {
            throw new UsageError(`路径不存在或无法访问：${given}`);
        }
        if (stat.isDirectory()) {
            const before = files.size;
            await walk(absolute, files);
            if (files.size === before) {
                throw new UsageError(`目录中没有 ${EXTENSION} 文件：${given}`);
            }
        } else if (stat.isFile()) {
            files.add(absolute);
        } else {
            throw new UsageError(`不是文件或目录：${given}`);
        }
    }
    return [...files].sort();
}

async function walk(directory: string, files: Set<string>): Promise<void> {
    let entries;
    try {
        entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
        throw new UsageError(`无法读取目录：${directory}`);
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) {
            continue;
        }
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            await walk(full, files);
        } else if (entry.isFile() && entry.name.endsWith(EXTENSION)) {
            files.add(full);
        }
    }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Loads the files as one workspace and builds it with validation. Files that are not valid UTF-8 are
 * kept out of the workspace and reported as problems (nothing else about them can be said).
 */
export async function loadWorkspace(files: readonly string[], referenceDate?: string): Promise<LoadedWorkspace> {
    const { shared, Chidu } = createChiduServices(NodeFileSystem);
    if (referenceDate) {
        Chidu.settings.ChiduSettings.referenceDate = referenceDate;
    }
    const fileProblems: FileProblem[] = [];
    const documents: LangiumDocument[] = [];
    for (const file of files) {
        let text: string;
        try {
            const bytes = await fs.readFile(file);
            text = utf8.decode(bytes);
        } catch (error) {
            const message = error instanceof TypeError ? '文件不是有效的 UTF-8 文本，请以 UTF-8 编码保存' : `无法读取文件：${(error as Error).message}`;
            fileProblems.push({ file, code: 'CD003', message });
            continue;
        }
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services: Chidu, documents, fileProblems };
}

export function diagnosticsOf(document: LangiumDocument): readonly Diagnostic[] {
    return document.diagnostics ?? [];
}
