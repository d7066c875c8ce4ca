import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { type ChiduCoreServices, type WorkspaceFile, applyWorkspaceDefaults, createChiduCoreServices } from '@chidu/language/core';
import type { Diagnostic } from 'vscode-languageserver-types';

/** A path the user gave that could not be used: reported as one line, exit code 2. */
export class UsageError extends Error { }

/**
 * A file that could not become a document: unreadable or not UTF-8 (CD003), or its parsing failed inside
 * Chidu (CD009); reported as a diagnostic at the file's start, and the other files are still checked.
 */
export interface FileProblem {
    readonly file: string;
    readonly code: 'CD003' | 'CD009';
    readonly message: string;
}

export interface LoadedWorkspace {
    readonly services: ChiduCoreServices;
    /** The documents of the given paths: reported and built. */
    readonly documents: readonly LangiumDocument[];
    /** The documents of the workspace file's 上级目录: read for names only, neither reported nor built. */
    readonly upperDocuments: readonly LangiumDocument[];
    readonly fileProblems: readonly FileProblem[];
}

const EXTENSION = '.chidu';
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'out']);

/** The files of a workspace, and what was left out of it on the way (printed as notes). */
export interface CollectedFiles {
    readonly files: string[];
    readonly notes: string[];
}

/**
 * Every .chidu file under the given paths, sorted, each once: a file reached twice (through a symlink, or
 * under two given paths) is loaded once, under the first path that reaches it. Folders named node_modules or
 * out are skipped, and so is a symlinked folder that points outside the given paths (a workspace does not
 * pull in files from elsewhere); each is reported as a note. A symlinked folder inside them is followed.
 * Hidden entries (.git, .vscode …) are skipped without a note.
 */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
    const byRealPath = new Map<string, string>();
    const notes: string[] = [];
    const roots: string[] = [];
    const resolved: { given: string; absolute: string; stat: import('node:fs').Stats }[] = [];
    for (const given of paths) {
        const absolute = path.resolve(given);
        let stat;
        try {
            stat = await fs.stat(absolute);
            roots.push(await fs.realpath(absolute));
        } catch {
            throw new UsageError(`路径不存在或无法访问：${given}`);
        }
        resolved.push({ given, absolute, stat });
    }
    const walker: Walker = { byRealPath, notes, roots, visited: new Set() };
    for (const { given, absolute, stat } of resolved) {
        if (stat.isDirectory()) {
            const before = byRealPath.size;
            await walk(absolute, walker);
            if (byRealPath.size === before && ![...byRealPath.values()].some(file => isInside(file, absolute))) {
                throw new UsageError(`目录中没有 ${EXTENSION} 文件：${given}`);
            }
        } else if (stat.isFile()) {
            if (!absolute.endsWith(EXTENSION)) {
                throw new UsageError(`${given} 不是尺度文件：chidu 只校验 ${EXTENSION} 文件（裁量基准、清单的源文件）。` +
                    (/\.(xlsx?|csv)$/i.test(given) ? `表格请先用 chidu import ${given} 导入。` : '请写 .chidu 文件或包含它们的目录。'));
            }
            await addFile(absolute, walker);
        } else {
            throw new UsageError(`不是文件或目录：${given}`);
        }
    }
    return { files: [...byRealPath.values()].sort(), notes };
}

interface Walker {
    readonly byRealPath: Map<string, string>;
    readonly notes: string[];
    /** Real paths of the given paths: a symlinked folder is followed only when it leads inside one of them. */
    readonly roots: readonly string[];
    /** Real paths of the folders walked (a symlink cycle ends there). */
    readonly visited: Set<string>;
}

function isInside(file: string, folder: string): boolean {
    const relative = path.relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function addFile(file: string, walker: Walker): Promise<void> {
    let real = file;
    try {
        real = await fs.realpath(file);
    } catch {
        // unreadable: loadWorkspace reports it (CD003)
    }
    if (!walker.byRealPath.has(real)) {
        walker.byRealPath.set(real, file);
    }
}

/** A path as a note shows it: relative to the current directory when inside it. */
function shown(file: string): string {
    return isInside(file, process.cwd()) ? path.relative(process.cwd(), file) || '.' : file;
}

async function walk(directory: string, walker: Walker): Promise<void> {
    let real = directory;
    try {
        real = await fs.realpath(directory);
    } catch {
        throw new UsageError(`无法读取目录：${directory}`);
    }
    if (walker.visited.has(real)) {
        return;
    }
    walker.visited.add(real);
    let entries;
    try {
        entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
        throw new UsageError(`无法读取目录：${directory}`);
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.')) {
            continue;
        }
        const full = path.join(directory, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
            let target: string;
            let stat;
            try {
                target = await fs.realpath(full);
                stat = await fs.stat(target);
            } catch {
                walker.notes.push(`已跳过无法解析的符号链接：${shown(full)}`);
                continue;
            }
            if (stat.isDirectory()) {
                if (!walker.roots.some(root => isInside(target, root))) {
                    walker.notes.push(`已跳过符号链接目录 ${shown(full)}：它指向校验路径之外（${target}），请直接把该目录写入校验路径`);
                    continue;
                }
                isDirectory = true;
            } else {
                isFile = stat.isFile();
            }
        }
        if (isDirectory) {
            if (SKIPPED_DIRECTORIES.has(entry.name)) {
                walker.notes.push(`已跳过目录 ${shown(full)}（${entry.name} 目录不校验；如需校验，请直接写入校验路径）`);
                continue;
            }
            await walk(full, walker);
        } else if (isFile && entry.name.endsWith(EXTENSION)) {
            await addFile(full, walker);
        }
    }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface LoadOptions {
    /** The workspace file (chidu.json): its defaults apply under the command line's flags. */
    readonly config?: WorkspaceFile;
    /** Files of the 上级目录 (read with the workspace, not reported, not built); given files win. */
    readonly upperFiles?: readonly string[];
}

/**
 * Loads the files as one workspace and builds it with validation. Files that are not valid UTF-8 are
 * kept out of the workspace and reported as problems (nothing else about them can be said).
 */
export async function loadWorkspace(files: readonly string[], referenceDate?: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const { shared, Chidu } = createChiduCoreServices(NodeFileSystem);
    applyWorkspaceDefaults(Chidu.settings.ChiduSettings, options.config);
    if (referenceDate) {
        Chidu.settings.ChiduSettings.referenceDate = referenceDate;
    }
    const fileProblems: FileProblem[] = [];
    const documents: LangiumDocument[] = [];
    const upperDocuments: LangiumDocument[] = [];
    const given = new Set(files);
    for (const file of (options.upperFiles ?? []).filter(f => !given.has(f))) {
        try {
            const text = utf8.decode(await fs.readFile(file));
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
            shared.workspace.LangiumDocuments.addDocument(document);
            upperDocuments.push(document);
        } catch {
            // an unreadable upper file: its names are missing, which the lower documents' own checks report
        }
    }
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
        let document: LangiumDocument;
        try {
            document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
        } catch (error) {
            // A defect of Chidu on this one file must not take the rest of the workspace down with it.
            fileProblems.push({ file, code: 'CD009', message: `Chidu 内部错误：无法解析此文件（${(error as Error).message}），其余文件照常校验` });
            continue;
        }
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build([...upperDocuments, ...documents], { validation: true });
    return { services: Chidu, documents, upperDocuments, fileProblems };
}

export function diagnosticsOf(document: LangiumDocument): readonly Diagnostic[] {
    return document.diagnostics ?? [];
}

/** The folder that `source.file`, output paths and the SARIF/JUnit/GitHub file names are relative to. */
export interface WorkspaceRoot {
    readonly root: string;
    /** Said on stderr when the root had to be guessed from the given paths (no repository found). */
    readonly note?: string;
}

async function isDirectory(file: string): Promise<boolean> {
    try {
        return (await fs.stat(file)).isDirectory();
    } catch {
        return false;
    }
}

async function exists(file: string): Promise<boolean> {
    try {
        await fs.lstat(file);
        return true;
    } catch {
        return false;
    }
}

/** The deepest folder holding all the given folders. */
function commonFolder(folders: readonly string[]): string {
    const split = folders.map(f => f.split(path.sep));
    const first = split[0] ?? [];
    let length = first.length;
    for (const parts of split) {
        let i = 0;
        while (i < length && parts[i] === first[i]) i++;
        length = i;
    }
    return first.slice(0, length).join(path.sep) || path.sep;
}

/**
 * The workspace root, the same whatever the current directory and whichever folders of the workspace are
 * passed: `--root` when given (every path must lie inside it); otherwise the repository the paths lie in
 * (the nearest folder above them holding `.git`, a folder or a worktree's file), the common one when they
 * lie in several. Without a repository the deepest folder holding all given paths is taken, and a note says
 * that paths then depend on the folders passed.
 */
export async function findWorkspaceRoot(paths: readonly string[], explicit: string | undefined): Promise<WorkspaceRoot> {
    const starts = await Promise.all(paths.map(async given => {
        const absolute = path.resolve(given);
        return await isDirectory(absolute) ? absolute : path.dirname(absolute);
    }));
    if (explicit !== undefined) {
        const root = path.resolve(explicit);
        if (!await isDirectory(root)) {
            throw new UsageError(`--root 不是目录：${explicit}`);
        }
        const outside = paths.find((_given, i) => !isInside(starts[i]!, root));
        if (outside !== undefined) {
            throw new UsageError(`路径 ${outside} 不在 --root ${explicit} 之内`);
        }
        return { root };
    }
    const repositories: string[] = [];
    for (const start of starts) {
        let found: string | undefined;
        for (let folder = start; ; folder = path.dirname(folder)) {
            if (await exists(path.join(folder, '.git'))) {
                found = folder;
                break;
            }
            if (path.dirname(folder) === folder) break;
        }
        if (found === undefined) {
            const root = commonFolder(starts);
            return { root, note: `未找到工作区根目录（没有 .git），以所给路径的共同目录 ${shown(root)} 为根：输出路径与 source.file 取决于所给的路径；请用 --root 指定工作区根目录` };
        }
        repositories.push(found);
    }
    return { root: commonFolder(repositories) };
}

/** A file's path relative to the workspace root, `/`-separated (as outputs, SARIF and annotations name it). */
export function relativeToRoot(file: string, root: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}
