import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildOutputs } from '@chidu/language/core';
import {
    type CaseResult, type Decision, type Runtime, CaseError, EvaluationError, caseSchema, compareExpected, coverage, createRuntime, junitXml,
    renderDecision
} from '@chidu/runtime';
import { collectDiagnostics, displayPath, formatText, summary } from './report.js';
import { UsageError, collectFiles, loadWorkspace } from './workspace.js';

type Print = (text: string) => void;

/** A workspace with errors is not evaluated: its compiled output would not exist (chidu build writes nothing). */
export class WorkspaceHasErrors extends Error { }

/**
 * Validates the workspace, compiles it in memory the way `chidu build` does, and loads the runtime from the
 * JSON text of the outputs (parsed back), so evaluation sees exactly what an enforcement system receives.
 */
export async function loadCompiledRuntime(paths: readonly string[], err: Print): Promise<{ runtime: Runtime; loadMs: number }> {
    const { files, notes } = await collectFiles(paths);
    for (const note of notes) err(`注意：${note}\n`);
    const workspace = await loadWorkspace(files);
    const diagnostics = collectDiagnostics(workspace.documents, workspace.fileProblems);
    const errors = diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        for (const d of errors) err(`${formatText(d)}\n`);
        throw new WorkspaceHasErrors(`${summary(diagnostics, files.length)}；工作区有错误，不能试算`);
    }
    const outputs = buildOutputs(workspace.documents, d => displayPath(d.uri.fsPath));
    const started = performance.now();
    const runtime = createRuntime(outputs.map(o => JSON.parse(o.content) as unknown));
    return { runtime, loadMs: performance.now() - started };
}

async function readJson(file: string): Promise<unknown> {
    let text: string;
    try {
        text = await fs.readFile(file, 'utf8');
    } catch {
        throw new UsageError(`无法读取案例文件：${file}`);
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        throw new UsageError(`案例文件不是有效的 JSON：${file}（${error instanceof Error ? error.message : String(error)}）`);
    }
}

export interface EvaluateOptions { case: string; item?: string; at?: string; format: 'text' | 'json' }

/** `chidu evaluate`: exit 0 with a decision, 1 when the case is invalid or its item is not on the chain. */
export async function evaluateCommand(paths: readonly string[], options: EvaluateOptions, out: Print, err: Print): Promise<number> {
    const { runtime } = await loadCompiledRuntime(paths, err);
    const input = await readJson(options.case);
    try {
        const { decision } = runtime.evaluate(input, { item: options.item, authority: options.at });
        out(options.format === 'json' ? `${JSON.stringify(decisionJson(decision), null, 2)}\n` : renderDecision(decision));
        return 0;
    } catch (error) {
        if (error instanceof CaseError) {
            for (const problem of error.problems) err(`${displayPath(path.resolve(options.case))}: 错误 ${problem}\n`);
            return 1;
        }
        if (error instanceof EvaluationError) {
            err(`${displayPath(path.resolve(options.case))}: 错误 ${error.message}\n`);
            return 1;
        }
        throw error;
    }
}

/** A decision as JSON: intervals of sanctions as their notation (the Decimal values stay inside the runtime). */
export function decisionJson(decision: Decision): unknown {
    return { ...decision, sanctions: decision.sanctions.map(({ rangeInterval: _, ...rest }) => rest) };
}

/** `chidu case-schema`: the JSON Schema of a case for this workspace. */
export async function caseSchemaCommand(paths: readonly string[], out: Print, err: Print): Promise<number> {
    const { runtime } = await loadCompiledRuntime(paths, err);
    out(`${JSON.stringify(caseSchema(runtime.vocabulary), null, 2)}\n`);
    return 0;
}

const SKIPPED = new Set(['node_modules', 'out']);

/** Case files under the paths: `*.case.json`, and every `.json` inside a folder named 案例. */
export async function collectCaseFiles(paths: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    const walk = async (dir: string, inCases: boolean): Promise<void> => {
        const entries = await fs.readdir(dir, { withFileTypes: true });
        for (const entry of entries) {
            if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) await walk(full, inCases || entry.name === '案例');
            else if (entry.isFile() && (entry.name.endsWith('.case.json') || (inCases && entry.name.endsWith('.json')))) found.add(full);
        }
    };
    for (const given of paths) {
        const absolute = path.resolve(given);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) throw new UsageError(`路径不存在或无法访问：${given}`);
        if (stat.isDirectory()) await walk(absolute, path.basename(absolute) === '案例');
        else if (absolute.endsWith('.json')) found.add(absolute);
    }
    return [...found].sort();
}

/** The cases of one file: one case object, an array of them, or `{ "cases": [...] }`. */
function casesOf(json: unknown): unknown[] {
    if (Array.isArray(json)) return json;
    if (typeof json === 'object' && json !== null && Array.isArray((json as { cases?: unknown }).cases)) return (json as { cases: unknown[] }).cases;
    return [json];
}

export interface TestOptions { junit?: string }

/** `chidu test`: runs every case file beside the benchmarks; exit 0 when all pass, 1 otherwise. */
export async function testCommand(paths: readonly string[], options: TestOptions, out: Print, err: Print): Promise<number> {
    const { runtime } = await loadCompiledRuntime(paths, err);
    const files = await collectCaseFiles(paths);
    const results: CaseResult[] = [];
    for (const file of files) {
        const shown = displayPath(file);
        let cases: unknown[];
        try {
            cases = casesOf(await readJson(file));
        } catch (error) {
            results.push({ file: shown, name: path.basename(file), passed: false, mismatches: [], error: (error as Error).message, decision: undefined, seconds: 0 });
            continue;
        }
        cases.forEach((input, index) => {
            const label = (typeof input === 'object' && input !== null && typeof (input as { name?: unknown }).name === 'string')
                ? (input as { name: string }).name : `#${index + 1}`;
            const started = performance.now();
            try {
                const { kase, decision } = runtime.evaluate(input);
                const mismatches = compareExpected(kase, decision);
                const noExpectation = kase.expected === undefined;
                results.push({
                    file: shown, name: label, passed: mismatches.length === 0 && !noExpectation, mismatches,
                    error: noExpectation ? '案例没有 expected（预期结果），不能作为测试' : undefined, decision, seconds: (performance.now() - started) / 1000
                });
            } catch (error) {
                if (!(error instanceof CaseError) && !(error instanceof EvaluationError)) throw error;
                results.push({ file: shown, name: label, passed: false, mismatches: [], error: error.message, decision: undefined, seconds: (performance.now() - started) / 1000 });
            }
        });
    }
    for (const r of results) {
        if (r.passed) {
            out(`✓ ${r.file} › ${r.name}\n`);
        } else {
            const why = r.error ?? r.mismatches.map(m => `${m.field} 预期 ${m.expected ?? '无'}，实际 ${m.actual ?? '无'}`).join('；');
            out(`✗ ${r.file} › ${r.name}：${why}\n`);
            if (r.decision && r.decision.undecided.length > 0) out(`    须由执法人员认定：${r.decision.undecided.map(u => `「${u}」`).join('、')}\n`);
        }
    }
    const cover = coverage(runtime.chain, results.flatMap(r => r.decision ? [r.decision] : []));
    out(`覆盖：阶次 ${cover.tiers.reached}/${cover.tiers.total}，清单条目 ${cover.entries.reached}/${cover.entries.total}；${cover.untouchedItems} 个事项没有案例\n`);
    for (const item of cover.partialItems) out(`  未覆盖：「${item.document}」事项 ${item.code} 阶次 ${item.missing.join('、')}\n`);
    for (const entry of cover.unreachedEntries) out(`  未覆盖：「${entry.list}」条目 ${entry.number}\n`);
    if (options.junit) {
        await fs.mkdir(path.dirname(path.resolve(options.junit)), { recursive: true });
        await fs.writeFile(options.junit, junitXml(results));
    }
    const failed = results.filter(r => !r.passed).length;
    out(`${results.length - failed} passed, ${failed} failed\n`);
    if (files.length === 0) err('注意：路径下没有案例文件（*.case.json 或「案例」文件夹中的 .json）\n');
    return failed > 0 ? 1 : 0;
}
