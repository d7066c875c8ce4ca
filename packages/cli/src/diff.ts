/**
 * `chidu diff <old> <new>` and `chidu diff <file> --git <rev>`: the 新旧对照表 of two versions of one
 * document, and with `--with <paths>` the effect on the lower documents: each is validated against the old
 * and against the new version, and the diagnostics only the new version gives are listed.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { LangiumDocument } from 'langium';
import {
    type DiffImpact, type DocumentDiff, type ImpactFinding, diffDocuments, diffHtml, diffMarkdown, isBenchmark, isExemptionList
} from '@chidu/language/core';
import { type ReportedDiagnostic, collectDiagnostics, displayPath } from './report.js';
import { UsageError, collectFiles, loadWorkspace } from './workspace.js';

export type DiffFormat = 'markdown' | 'html' | 'json';

export interface DiffOptions { git?: string; with?: string[]; format: DiffFormat; date?: string }

export interface DiffResult {
    readonly diff: DocumentDiff;
    readonly impact?: DiffImpact;
    readonly text: string;
}

const run = promisify(execFile);

/** The text of `file` at git revision `rev` (`git show rev:./file`, run in the file's folder), as a temporary file. */
async function gitVersion(file: string, rev: string): Promise<{ file: string; label: string; cleanup: () => Promise<void> }> {
    if (rev.startsWith('-')) {
        throw new UsageError(`--git 须为 git 版本（提交、分支或标签）：${rev}`);
    }
    let text: string;
    try {
        text = (await run('git', ['show', `${rev}:./${path.basename(file)}`], { cwd: path.dirname(path.resolve(file)), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })).stdout;
    } catch (error) {
        const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n')[0];
        throw new UsageError(`无法读取 ${displayPath(path.resolve(file))} 在 git 版本 ${rev} 的内容：${stderr}`);
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chidu-diff-'));
    const copy = path.join(dir, path.basename(file));
    await fs.writeFile(copy, text);
    return { file: copy, label: `${rev}:${displayPath(path.resolve(file))}`, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

async function isFile(file: string): Promise<boolean> {
    try {
        return (await fs.stat(file)).isFile();
    } catch {
        return false;
    }
}

function findingOf(d: ReportedDiagnostic): ImpactFinding {
    return { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message };
}

/** Diagnostics of `after` not in `before` (as a multiset: the same finding twice counts twice). */
function minus(after: readonly ImpactFinding[], before: readonly ImpactFinding[]): ImpactFinding[] {
    const key = (f: ImpactFinding) => `${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.code}\u0000${f.message}`;
    const counts = new Map<string, number>();
    for (const f of before) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
    return after.filter(f => {
        const n = counts.get(key(f)) ?? 0;
        if (n > 0) { counts.set(key(f), n - 1); return false; }
        return true;
    });
}

/** Lower documents that apply an item or entry of the changed document directly, among the changed ones. */
function adoptionsOf(documents: readonly LangiumDocument[], changed: LangiumDocument, diff: DocumentDiff): DiffImpact['adoptions'] {
    const root = changed.parseResult.value;
    const items = new Set(diff.changes.flatMap(c => c.item ? [c.item] : []));
    const entries = new Set(diff.changes.flatMap(c => c.entry ? [c.entry] : []));
    const result: { file: string; document: string; codes: string[] }[] = [];
    for (const document of documents) {
        const lower = document.parseResult.value;
        let codes: string[] = [];
        let name = '';
        if (isBenchmark(lower)) {
            name = lower.name;
            codes = lower.adoptions.flatMap(a => a.items).flatMap(r => r.ref && r.ref.$container === root && items.has(r.ref.code) ? [`事项 ${r.ref.code}`] : []);
        } else if (isExemptionList(lower)) {
            name = lower.name;
            codes = lower.imports.flatMap(i => i.entries).flatMap(r => r.ref && r.ref.$container === root && entries.has(r.ref.number) ? [`条目 ${r.ref.number}`] : []);
        }
        if (codes.length > 0) result.push({ file: displayPath(document.uri.fsPath), document: name, codes });
    }
    return result;
}

export async function runDiff(paths: readonly string[], options: DiffOptions): Promise<DiffResult> {
    if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
        throw new UsageError(`--date 须为 YYYY-MM-DD：${options.date}`);
    }
    if (options.git !== undefined ? paths.length !== 1 : paths.length !== 2) {
        throw new UsageError(options.git !== undefined ? 'diff --git <版本> 只接受一个文件' : 'diff 需要两个文件：<原版本> <修改后>（或一个文件加 --git <版本>）');
    }
    for (const file of paths) {
        if (!await isFile(file)) throw new UsageError(`不是文件：${file}`);
    }
    const newFile = path.resolve(paths[options.git !== undefined ? 0 : 1]!);
    const old = options.git !== undefined ? await gitVersion(newFile, options.git)
        : { file: path.resolve(paths[0]!), label: displayPath(path.resolve(paths[0]!)), cleanup: async () => { } };
    try {
        const diffed = new Set([await fs.realpath(old.file), await fs.realpath(newFile)]);
        const withFiles: string[] = [];
        if (options.with && options.with.length > 0) {
            for (const file of (await collectFiles(options.with)).files) {
                if (!diffed.has(await fs.realpath(file))) withFiles.push(file);
            }
        }
        const before = await loadWorkspace([old.file, ...withFiles], options.date);
        const after = await loadWorkspace([newFile, ...withFiles], options.date);
        const oldDoc = before.documents.find(d => d.uri.fsPath === old.file);
        const newDoc = after.documents.find(d => d.uri.fsPath === newFile);
        if (!oldDoc || !newDoc) {
            throw new UsageError('无法读取要比较的文件（须为 UTF-8 文本）');
        }
        const diff = diffDocuments(
            { document: oldDoc, fileOf: d => d === oldDoc ? old.label : displayPath(d.uri.fsPath) },
            { document: newDoc, fileOf: d => displayPath(d.uri.fsPath) });
        if (!diff) {
            throw new UsageError('两个文件须为同一类文件（都是基准或都是清单）');
        }
        let impact: DiffImpact | undefined;
        if (options.with) {
            const lower = new Set(withFiles.map(f => displayPath(f)));
            const findings = (ws: typeof before) => collectDiagnostics(ws.documents, ws.fileProblems)
                .filter(d => lower.has(d.file) && (d.severity === 'error' || d.severity === 'warning')).map(findingOf);
            const oldFindings = findings(before);
            const newFindings = findings(after);
            impact = {
                checked: [...lower].sort(),
                introduced: minus(newFindings, oldFindings),
                resolved: minus(oldFindings, newFindings),
                adoptions: adoptionsOf(after.documents.filter(d => d !== newDoc), newDoc, diff)
            };
        }
        const text = options.format === 'json' ? `${JSON.stringify({ ...diff, ...(impact ? { impact } : {}) }, null, 2)}\n`
            : options.format === 'html' ? diffHtml(diff, impact) : diffMarkdown(diff, impact);
        return { diff, impact, text };
    } finally {
        await old.cleanup();
    }
}
