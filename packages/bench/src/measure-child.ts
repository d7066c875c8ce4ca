/**
 * In-process measurements, each run in a fresh child process so that every figure starts equally cold:
 *
 *   node measure-child.js parse <dir>      bare Langium parse of every file (same parser, no linking, no validation)
 *   node measure-child.js pipeline <dir>   what the CLI does: create documents, build with validation; phase times
 *   node measure-child.js parse-file <file> [n]  median of n warm parses of one file
 *
 * Files are read, and a tiny document is parsed and built (parser construction, lazy tables), before the clock
 * starts in both modes, so the figures are the work proportional to the workspace. Prints one JSON object.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createChiduServices } from '@chidu/language';

function readTree(dir: string): { file: string; text: string }[] {
    const out: { file: string; text: string }[] = [];
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.chidu')) out.push({ file: full, text: fs.readFileSync(full, 'utf8') });
        }
    };
    walk(dir);
    return out;
}

/** A tiny document, parsed and built before the clock starts: the parser and lazy tables are built once per process. */
const WARM_UP = '基准 「预热」 { 制定机关 「预热」 层级 省 施行日期 2025-01-01 }\n' +
    '事项 W-1 「预热」 { 违反条款 《大气污染防治法》第十九条 处罚依据 《大气污染防治法》第九十九条第（一）项 ' +
    '法定处罚 { 罚款 十万元以上一百万元以下 } 阶次 1 { 罚款 十万元以上一百万元以下 } }\n';

async function warmUp(): Promise<number> {
    const start = performance.now();
    const { shared } = createChiduServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(WARM_UP, URI.file('/warm-up/warm-up.chidu'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return performance.now() - start;
}

function cpuMs(start: NodeJS.CpuUsage): number {
    const usage = process.cpuUsage(start);
    return (usage.user + usage.system) / 1000;
}

async function parseOnly(dir: string) {
    const files = readTree(dir);
    const warmUpMs = await warmUp();
    const { Chidu } = createChiduServices(EmptyFileSystem);
    const parser = Chidu.parser.LangiumParser;
    const cpu = process.cpuUsage();
    const start = performance.now();
    let errors = 0;
    // Results are kept alive, as a workspace keeps its documents: the baseline pays the same memory (and GC) as
    // the parsing inside the pipeline.
    const results: unknown[] = [];
    for (const { text } of files) {
        const result = parser.parse(text);
        errors += result.lexerErrors.length + result.parserErrors.length;
        results.push(result.value);
    }
    const ms = performance.now() - start;
    return { mode: 'parse', warmUpMs, ms, cpuMs: cpuMs(cpu), heapUsedMb: process.memoryUsage().heapUsed / 1048576, kept: results.length, files: files.length, bytes: files.reduce((s, f) => s + Buffer.byteLength(f.text), 0), syntaxErrors: errors };
}

async function pipeline(dir: string) {
    const files = readTree(dir);
    const warmUpMs = await warmUp();
    const { shared } = createChiduServices(EmptyFileSystem);
    const builder = shared.workspace.DocumentBuilder;
    const phases: Record<string, number> = {};
    const names: [DocumentState, string][] = [
        [DocumentState.IndexedContent, 'indexedContent'], [DocumentState.ComputedScopes, 'computedScopes'],
        [DocumentState.Linked, 'linked'], [DocumentState.IndexedReferences, 'indexedReferences'], [DocumentState.Validated, 'validated']
    ];
    let start = 0;
    for (const [state, name] of names) {
        builder.onBuildPhase(state, () => { phases[name] = performance.now() - start; });
    }
    const cpu = process.cpuUsage();
    start = performance.now();
    const documents = files.map(({ file, text }) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    phases.parsed = performance.now() - start;
    await builder.build(documents, { validation: true });
    const ms = performance.now() - start;
    const diagnostics = documents.reduce((s, d) => s + (d.diagnostics?.length ?? 0), 0);
    // Phase durations (each phase ends when the event for it fires).
    const order = ['parsed', 'indexedContent', 'computedScopes', 'linked', 'indexedReferences', 'validated'];
    const durations: Record<string, number> = {};
    let previous = 0;
    for (const name of order) {
        if (phases[name] !== undefined) {
            durations[name] = phases[name] - previous;
            previous = phases[name];
        }
    }
    return {
        mode: 'pipeline', warmUpMs, ms, cpuMs: cpuMs(cpu), files: files.length, diagnostics, phaseMs: durations,
        heapUsedMb: process.memoryUsage().heapUsed / 1048576
    };
}

/** Warm parses of one file (the edit benchmark's county file): the floor under any edit → diagnostics latency. */
async function parseFile(file: string, repeats: number) {
    const text = fs.readFileSync(file, 'utf8');
    await warmUp();
    const { Chidu } = createChiduServices(EmptyFileSystem);
    const parser = Chidu.parser.LangiumParser;
    parser.parse(text);
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        parser.parse(text);
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { mode: 'parse-file', bytes: Buffer.byteLength(text), medianMs: times[Math.floor(times.length / 2)], minMs: times[0] };
}

const [mode, target, extra] = process.argv.slice(2);
const result = mode === 'parse' ? await parseOnly(target)
    : mode === 'parse-file' ? await parseFile(target, Number(extra ?? 15))
        : await pipeline(target);
process.stdout.write(`${JSON.stringify(result)}\n`);
