/**
 * Language-server soak (issue 12): the bundled server (`packages/extension/out/server.cjs --stdio`) on a copy
 * of examples/guangdong-eco, N random edits through didChange (inserts, deletions, replacements and the
 * fuzz mutations), a request at a random position after every few edits (hover, completion, documentSymbol,
 * formatting, codeAction), every published diagnostic checked like the fuzz checks them, RSS sampled, and at
 * the end the server's diagnostics of every file compared with the CLI's on the same final text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, LspResponseError } from '@chidu/bench/out/lsp-client.js';
import { readPeakRssMb } from '@chidu/bench/out/process-stats.js';
import { Random } from '@chidu/bench/out/prng.js';
import { suppressionOf } from '@chidu/language';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type CliDiagnostic, type Finding, type Range, checkServiceDiagnostics, isValidatorLog, normalize } from './classify.js';
import { REPO_ROOT } from './corpus.js';
import { type MutationLimits, TEXT_OPS, type TextOp, chineseNumeral, grammarKeywords, mutateText } from './mutate.js';
import { asWritten, runCli, writeWorkspace } from './runner.js';

export const DEFAULT_SERVER = path.join(REPO_ROOT, 'packages/extension/out/server.cjs');
export const SOAK_METHODS = [
    'textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/formatting', 'textDocument/codeAction'
] as const;
type Method = typeof SOAK_METHODS[number];

export const SOAK_CLASSES = [
    'error-response', 'request-timeout', 'server-exit', 'server-log', 'diagnostics', 'final-mismatch', 'memory'
] as const;
export type SoakClass = typeof SOAK_CLASSES[number];

export interface SoakOptions {
    readonly edits: number;
    readonly seed: number;
    /** RSS sample interval (edits). */
    readonly rssEvery: number;
    /** A request after every this many edits on average. */
    readonly requestEvery: number;
    readonly server?: string;
    readonly workspace?: string;
    readonly requestTimeoutMs: number;
    /** Last-quarter median RSS over first-quarter median above this fails. */
    readonly maxRssRatio: number;
    readonly log?: (line: string) => void;
}

export interface SoakFinding {
    readonly class: SoakClass;
    readonly signature: string;
    readonly detail: string;
    count: number;
}

export interface RssSample { readonly edit: number; readonly rssMb: number }

export interface FileComparison {
    readonly file: string;
    readonly server: number;
    readonly cli: number;
    readonly onlyServer: readonly string[];
    readonly onlyCli: readonly string[];
}

export interface SoakResult {
    readonly seed: number;
    readonly editsRequested: number;
    readonly editsApplied: number;
    readonly wallMs: number;
    readonly requests: Record<Method, { sent: number; ok: number; errors: number; timeouts: number; medianMs: number; maxMs: number }>;
    readonly publications: number;
    readonly rss: readonly RssSample[];
    readonly rssFirstQuarterMb?: number;
    readonly rssLastQuarterMb?: number;
    readonly rssRatio?: number;
    readonly peakRssMb?: number;
    readonly memoryFlat?: boolean;
    readonly serverExit?: { code: number | null; signal: string | null };
    readonly comparisons: readonly FileComparison[];
    readonly findings: readonly SoakFinding[];
    readonly passed: number;
    readonly failed: number;
}

interface PublishParams { uri: string; version?: number; diagnostics: LspDiagnostic[] }
interface LspDiagnostic { range: Range; severity?: number; code?: string | number; message: string; data?: unknown }

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** RSS of a live process in MB (VmRSS), undefined when gone. */
export function readRssMb(pid: number): number | undefined {
    try {
        const kb = Number(/VmRSS:\s*(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
        return undefined;
    }
}

function median(values: readonly number[]): number | undefined {
    if (values.length === 0) return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Memory is flat when the median RSS of the last quarter of the run is within `maxRatio` of the median of the
 * first quarter. The sample taken before the first edit (warm-up: the workspace just loaded) is left out.
 */
export function memoryFigures(samples: readonly RssSample[], edits: number, maxRatio: number): { first?: number; last?: number; ratio?: number; flat?: boolean } {
    const afterWarmUp = samples.filter(s => s.edit > 0);
    if (afterWarmUp.length === 0) return {};
    let firstQuarter = afterWarmUp.filter(s => s.edit <= edits / 4);
    let lastQuarter = afterWarmUp.filter(s => s.edit > (3 * edits) / 4);
    if (firstQuarter.length === 0) firstQuarter = [afterWarmUp[0]];
    if (lastQuarter.length === 0) lastQuarter = [afterWarmUp[afterWarmUp.length - 1]];
    const first = median(firstQuarter.map(s => s.rssMb))!;
    const last = median(lastQuarter.map(s => s.rssMb))!;
    const ratio = last / first;
    return { first, last, ratio, flat: ratio <= maxRatio };
}

/** The smallest single replacement turning `before` into `after` (offsets in `before`). */
export function minimalChange(before: string, after: string): { start: number; end: number; text: string } {
    let prefix = 0;
    const max = Math.min(before.length, after.length);
    while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
    return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

const SOAK_LIMITS: MutationLimits = { maxDepth: 300, maxCommentChars: 5000, loneSurrogates: false };
const FRAGMENTS = ['{', '}', '「', '」', '《', '》', '、', '\n', ' ', ':', '；', '第', '条', '款', '项', '（', '）', '"', '//'];

function key(d: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }): string {
    return `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
    const log = options.log ?? (() => undefined);
    const started = performance.now();
    const server = options.server ?? DEFAULT_SERVER;
    try {
        await fs.access(server);
    } catch {
        throw new Error(`language server bundle not found: ${server} (built by \`npm ci\` / \`npm run build --workspace chidu-vscode\`)`);
    }
    const source = options.workspace ?? path.join(REPO_ROOT, 'examples/guangdong-eco');
    const keywords = grammarKeywords(await fs.readFile(path.join(REPO_ROOT, 'grammar/chidu.langium'), 'utf8'));
    const rng = new Random(options.seed);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chidu-soak-'));
    const finalDir = await fs.mkdtemp(path.join(os.tmpdir(), 'chidu-soak-final-'));
    const names = (await fs.readdir(source)).filter(f => f.endsWith('.chidu')).sort();
    const originals: Record<string, string> = {};
    for (const name of names) originals[name] = await fs.readFile(path.join(source, name), 'utf8');
    await writeWorkspace(dir, originals);

    const findings = new Map<string, SoakFinding>();
    let failedChecks = 0;
    let passedChecks = 0;
    const record = (cls: SoakClass, signature: string, detail: string) => {
        failedChecks++;
        const existing = findings.get(signature);
        if (existing) {
            existing.count++;
        } else {
            findings.set(signature, { class: cls, signature, detail, count: 1 });
            log(`  new ${cls}: ${signature}`);
        }
    };

    const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
    const nameOf = new Map(names.map(n => [uriOf(n), n]));
    const documents = new Map(names.map(n => [n, TextDocument.create(uriOf(n), 'chidu', 1, originals[n])]));
    const latest = new Map<string, LspDiagnostic[]>();
    let publications = 0;
    let lastPublishAt = 0;

    const client = new LspClient(process.execPath, [server, '--stdio'], dir);
    client.on('textDocument/publishDiagnostics', raw => {
        const params = raw as PublishParams;
        const name = nameOf.get(params.uri);
        publications++;
        lastPublishAt = performance.now();
        if (!name) return;
        latest.set(name, params.diagnostics);
        // Location checks without the text: the publication may be of an older version than the client's.
        const problems: Finding[] = checkServiceDiagnostics(params.diagnostics.map(d => ({ file: name, range: d.range, severity: d.severity, code: d.code, message: d.message })),
            Object.fromEntries([...documents].map(([n, d]) => [n, d.getText()])), 'server', [], false);
        if (problems.length === 0) passedChecks++;
        for (const p of problems) record('diagnostics', `diagnostics|${p.signature}`, p.detail);
    });
    const onLog = (raw: unknown) => {
        const params = raw as { type: number; message: string };
        // The validator's own logs of a caught exception are left out: each is also a CD009 diagnostic.
        if ((params.type === 1 || params.type === 2) && !isValidatorLog(params.message, false)) {
            record('server-log', `server-log|${params.type === 1 ? 'error' : 'warning'}|${normalize(params.message.split('\n')[0], 120)}`, params.message.slice(0, 1500));
        }
    };
    client.on('window/logMessage', onLog);
    client.on('window/showMessage', onLog);

    const requests = Object.fromEntries(SOAK_METHODS.map(m => [m, { sent: 0, ok: 0, errors: 0, timeouts: 0, times: [] as number[] }])) as
        Record<Method, { sent: number; ok: number; errors: number; timeouts: number; times: number[] }>;
    const rss: RssSample[] = [];
    const sample = (edit: number) => {
        const mb = client.pid === undefined ? undefined : readRssMb(client.pid);
        if (mb !== undefined) rss.push({ edit, rssMb: mb });
    };
    const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
    const alive = () => client.exitStatus === undefined;

    let editsApplied = 0;
    let peakRssMb: number | undefined;
    const comparisons: FileComparison[] = [];
    let exitedDuringRun: { code: number | null; signal: string | null } | undefined;
    try {
        const rootUri = pathToFileURL(dir).toString();
        await client.request('initialize', {
            processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'soak' }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: false }, publishDiagnostics: { relatedInformation: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: true } },
                    documentSymbol: { hierarchicalDocumentSymbolSupport: true }, formatting: {},
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } }
                },
                workspace: { workspaceFolders: true, configuration: true }
            }
        });
        client.notify('initialized', {});
        for (const name of names) {
            client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'chidu', version: 1, text: originals[name] } });
        }
        const readyBy = performance.now() + 120_000;
        while (latest.size < names.length && performance.now() < readyBy && alive()) await wait(50);
        log(`soak: server ready (${latest.size}/${names.length} files published) after ${((performance.now() - started) / 1000).toFixed(1)} s`);
        sample(0);

        // The texts at the first unanswered request, for a post-mortem (CHIDU_SOAK_DUMP=<dir>).
        let dumped = false;
        const dumpTexts = () => {
            const dir = process.env.CHIDU_SOAK_DUMP;
            if (!dir || dumped) return;
            dumped = true;
            mkdirSync(dir, { recursive: true });
            for (const [name, document] of documents) writeFileSync(path.join(dir, name), document.getText());
        };
        const request = async (method: Method, params: unknown) => {
            const stats = requests[method];
            stats.sent++;
            const start = performance.now();
            let timer: NodeJS.Timeout | undefined;
            const timeout = new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), options.requestTimeoutMs); });
            try {
                const result = await Promise.race([client.request(method, params), timeout]);
                if (result === 'timeout') {
                    stats.timeouts++;
                    dumpTexts();
                    record('request-timeout', `request-timeout|${method}`, `${method} unanswered after ${options.requestTimeoutMs} ms: ${JSON.stringify(params).slice(0, 300)}`);
                } else {
                    stats.ok++;
                    passedChecks++;
                    stats.times.push(performance.now() - start);
                }
            } catch (error) {
                if (!alive()) return;
                stats.errors++;
                const code = error instanceof LspResponseError ? error.code : '?';
                const message = error instanceof Error ? error.message : String(error);
                record('error-response', `error-response|${method}|${code}|${normalize(message, 120)}`, `${method} → ${code} ${message.slice(0, 800)}; params ${JSON.stringify(params).slice(0, 300)}`);
            } finally {
                clearTimeout(timer);
            }
        };

        const randomPosition = (document: TextDocument) => document.positionAt(rng.int(0, document.getText().length));
        const randomRequest = async (name: string) => {
            const document = documents.get(name)!;
            const textDocument = { uri: document.uri };
            const method = rng.pick(SOAK_METHODS);
            switch (method) {
                case 'textDocument/hover':
                    return request(method, { textDocument, position: randomPosition(document) });
                case 'textDocument/completion':
                    return request(method, { textDocument, position: randomPosition(document), context: { triggerKind: 1 } });
                case 'textDocument/documentSymbol':
                    return request(method, { textDocument });
                case 'textDocument/formatting':
                    return request(method, { textDocument, options: { tabSize: 2, insertSpaces: true } });
                case 'textDocument/codeAction': {
                    const published = latest.get(name) ?? [];
                    let range: Range;
                    if (published.length > 0 && rng.chance(0.7)) {
                        range = rng.pick(published).range;
                    } else {
                        const a = rng.int(0, document.getText().length);
                        const b = Math.min(document.getText().length, a + rng.int(0, 80));
                        range = { start: document.positionAt(a), end: document.positionAt(b) };
                    }
                    const overlapping = published.filter(d => !(d.range.end.line < range.start.line || d.range.start.line > range.end.line));
                    return request(method, { textDocument, range, context: { diagnostics: overlapping, triggerKind: 1 } });
                }
            }
        };

        const fragment = (text: string): string => rng.weighted<() => string>([
            [() => rng.pick(keywords), 4],
            [() => chineseNumeral(rng.int(0, 2_000_000)), 1],
            [() => rng.pick(FRAGMENTS), 2],
            [() => { const at = rng.int(0, text.length); return text.slice(at, at + rng.int(1, 40)); }, 2]
        ])();

        const edit = (name: string) => {
            const document = documents.get(name)!;
            const before = document.getText();
            const original = originals[name];
            let after: string;
            const kind = before.length > 3 * original.length + 2000 || before.length < original.length / 5 || rng.chance(0.01)
                ? 'restore' : rng.weighted([['insert', 3], ['delete', 3], ['replace', 2], ['mutation', 2]] as const);
            if (kind === 'restore') {
                after = original;
            } else if (kind === 'mutation') {
                const op: TextOp = rng.pick(TEXT_OPS);
                after = mutateText(before, op, rng, keywords, SOAK_LIMITS).text;
            } else {
                const start = rng.int(0, before.length);
                const end = kind === 'insert' ? start : Math.min(before.length, start + rng.int(1, 30));
                after = before.slice(0, start) + (kind === 'delete' ? '' : fragment(before)) + before.slice(end);
            }
            const change = minimalChange(before, after);
            const range = { start: document.positionAt(change.start), end: document.positionAt(change.end) };
            const version = document.version + 1;
            TextDocument.update(document, [{ range, text: change.text }], version);
            client.notify('textDocument/didChange', { textDocument: { uri: document.uri, version }, contentChanges: [{ range, text: change.text }] });
        };

        let sinceRequest = 0;
        for (let n = 1; n <= options.edits && alive(); n++) {
            const name = rng.pick(names);
            edit(name);
            editsApplied++;
            sinceRequest++;
            if (sinceRequest >= options.requestEvery || rng.chance(1 / options.requestEvery)) {
                sinceRequest = 0;
                await randomRequest(rng.pick(names));
            }
            if (n % options.rssEvery === 0) sample(n);
            if (n % 500 === 0) log(`soak: ${n}/${options.edits} edits, ${failedChecks} failed checks, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
        if (alive() && rss[rss.length - 1]?.edit !== editsApplied) sample(editsApplied);

        if (alive()) {
            // Let the server finish: diagnostics of the last edits, then quiet.
            const lastEditAt = performance.now();
            const settleBy = lastEditAt + 120_000;
            while (alive() && performance.now() < settleBy && (lastPublishAt < lastEditAt || performance.now() - lastPublishAt < 3000)) await wait(100);
            peakRssMb = client.pid === undefined ? undefined : readPeakRssMb(client.pid);
            // The CLI on the same final text.
            const finalTexts = Object.fromEntries(names.map(n => [n, documents.get(n)!.getText()]));
            await writeWorkspace(finalDir, finalTexts);
            const cli = await runCli(finalDir, 120_000);
            let cliDiagnostics: CliDiagnostic[] = [];
            try {
                cliDiagnostics = JSON.parse(cli.stdout) as CliDiagnostic[];
            } catch {
                record('final-mismatch', `final-mismatch|cli output is not JSON|exit ${cli.exitCode}`, `${cli.stdout.slice(0, 300)} ${cli.stderr.slice(0, 500)}`);
            }
            const written = asWritten(finalTexts);
            for (const name of names) {
                // A finding suppressed by a `// 尺度：忽略` comment: the server shows it as a hint, the CLI with its own
                // severity and message (both from data.suppressed).
                const serverKeys = (latest.get(name) ?? []).map(d => ({ d, suppressed: suppressionOf(d) })).map(({ d, suppressed }) => key({
                    line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
                    severity: suppressed?.severity ?? SEVERITY[d.severity ?? 1] ?? 'error', code: String(d.code ?? 'CD009'), message: suppressed?.message ?? d.message
                })).sort();
                const cliKeys = cliDiagnostics.filter(d => d.file === name).map(key).sort();
                const onlyServer = serverKeys.filter(k => !cliKeys.includes(k));
                const onlyCli = cliKeys.filter(k => !serverKeys.includes(k));
                comparisons.push({ file: name, server: serverKeys.length, cli: cliKeys.length, onlyServer, onlyCli });
                if (onlyServer.length + onlyCli.length === 0) {
                    passedChecks++;
                } else {
                    record('final-mismatch', `final-mismatch|${name}`, `${name} (${written[name].length} chars): server ${serverKeys.length}, CLI ${cliKeys.length}; only server: ${onlyServer.slice(0, 3).join(' | ')}; only CLI: ${onlyCli.slice(0, 3).join(' | ')}`);
                }
            }
        }
    } finally {
        exitedDuringRun = client.exitStatus;
        if (exitedDuringRun) {
            record('server-exit', `server-exit|code ${exitedDuringRun.code}|signal ${exitedDuringRun.signal}`, `the server exited after ${editsApplied} edits: ${client.errorOutput.slice(-1500)}`);
        } else {
            passedChecks++;
        }
        await client.close();
        await fs.rm(dir, { recursive: true, force: true });
        await fs.rm(finalDir, { recursive: true, force: true });
    }

    const memory = memoryFigures(rss, editsApplied, options.maxRssRatio);
    if (memory.flat === false) {
        record('memory', 'memory|not flat', `RSS median ${memory.first!.toFixed(0)} MB in the first quarter, ${memory.last!.toFixed(0)} MB in the last (×${memory.ratio!.toFixed(2)} > ×${options.maxRssRatio})`);
    } else if (memory.flat) {
        passedChecks++;
    }
    const requestFigures = Object.fromEntries(SOAK_METHODS.map(m => {
        const { times, ...counts } = requests[m];
        return [m, { ...counts, medianMs: median(times) ?? 0, maxMs: Math.max(0, ...times) }];
    })) as SoakResult['requests'];
    return {
        seed: options.seed, editsRequested: options.edits, editsApplied, wallMs: performance.now() - started,
        requests: requestFigures, publications, rss, rssFirstQuarterMb: memory.first, rssLastQuarterMb: memory.last, rssRatio: memory.ratio,
        peakRssMb, memoryFlat: memory.flat, serverExit: exitedDuringRun, comparisons,
        findings: [...findings.values()].sort((a, b) => a.class.localeCompare(b.class) || b.count - a.count),
        passed: passedChecks, failed: failedChecks
    };
}

export function renderSoakSummary(result: SoakResult): string {
    const lines: string[] = [];
    lines.push(`soak: seed ${result.seed}, ${result.editsApplied}/${result.editsRequested} edits in ${(result.wallMs / 1000).toFixed(1)} s, ${result.publications} diagnostics publications`);
    lines.push('');
    lines.push('| request | sent | ok | errors | timeouts | median ms | max ms |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const [method, r] of Object.entries(result.requests)) {
        lines.push(`| ${method.replace('textDocument/', '')} | ${r.sent} | ${r.ok} | ${r.errors} | ${r.timeouts} | ${r.medianMs.toFixed(0)} | ${r.maxMs.toFixed(0)} |`);
    }
    lines.push('');
    lines.push(`RSS (MB) by edit: ${result.rss.map(s => `${s.edit}: ${s.rssMb.toFixed(0)}`).join(', ')}${result.peakRssMb ? `; peak ${result.peakRssMb.toFixed(0)}` : ''}`);
    if (result.rssRatio !== undefined) {
        lines.push(`memory: first-quarter median ${result.rssFirstQuarterMb!.toFixed(0)} MB, last-quarter median ${result.rssLastQuarterMb!.toFixed(0)} MB, ×${result.rssRatio.toFixed(2)} → ${result.memoryFlat ? 'flat' : 'GROWING'}`);
    }
    lines.push(`server: ${result.serverExit ? `EXITED (code ${result.serverExit.code}, signal ${result.serverExit.signal})` : 'alive to the end'}`);
    lines.push(`final diagnostics, server vs CLI: ${result.comparisons.map(c => `${c.file} ${c.server}/${c.cli}${c.onlyServer.length + c.onlyCli.length === 0 ? ' same' : ' DIFFERENT'}`).join(', ')}`);
    lines.push('');
    lines.push('| class | findings | signatures |');
    lines.push('|---|---:|---:|');
    for (const cls of SOAK_CLASSES) {
        const list = result.findings.filter(f => f.class === cls);
        lines.push(`| ${cls} | ${list.reduce((sum, f) => sum + f.count, 0)} | ${list.length} |`);
    }
    for (const finding of result.findings.slice(0, 20)) {
        lines.push(`  ${finding.count}× ${finding.signature}`);
        lines.push(`     e.g. ${finding.detail.split('\n')[0].slice(0, 240)}`);
    }
    lines.push(`soak: ${result.passed} passed, ${result.failed} failed`);
    return lines.join('\n');
}
