/**
 * Edit → publishDiagnostics latency over stdio: start the language server on the generated workspace (all
 * files loaded through the workspace folder), open a county file whose items refine the province, apply
 * edits that each change one amount, and time each edit until the server publishes that file's diagnostics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EditTarget } from './generator.js';
import { scaledQuantity } from './generator.js';
import { LspClient } from './lsp-client.js';
import { Random } from './prng.js';
import { readPeakRssMb } from './process-stats.js';

export interface EditLatencyOptions {
    readonly server: readonly string[];
    readonly workspace: string;
    readonly file: string;
    readonly targets: readonly EditTarget[];
    readonly edits: number;
    readonly seed: number;
    readonly timeoutMs: number;
}

export interface EditLatencyResult {
    readonly server: string;
    /** From initialize to the first diagnostics of the opened file. */
    readonly openedMs: number;
    /** From initialize until every file has been published once. */
    readonly workspaceReadyMs: number;
    readonly latenciesMs: readonly number[];
    readonly medianMs: number;
    readonly p95Ms: number;
    readonly maxMs: number;
    /** Edits whose published diagnostics changed the way the edit should (more errors after a break, the original count after a restore). */
    readonly verifiedEdits: number;
    readonly serverPeakRssMb?: number;
}

interface PublishParams {
    uri: string;
    diagnostics: { severity?: number }[];
}

export function percentile(values: readonly number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length) - 1;
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const errorsIn = (p: PublishParams) => p.diagnostics.filter(d => (d.severity ?? 1) === 1).length;

export async function measureEditLatency(options: EditLatencyOptions): Promise<EditLatencyResult> {
    const [command, ...args] = options.server;
    const client = new LspClient(command, args, options.workspace);
    const fileUri = pathToFileURL(path.join(options.workspace, options.file)).toString();
    const expectedFiles = countFiles(options.workspace);
    const published = new Set<string>();
    let waiter: { uri: string; resolve: (p: PublishParams) => void } | undefined;
    client.on('textDocument/publishDiagnostics', raw => {
        const params = raw as PublishParams;
        published.add(params.uri);
        if (waiter && params.uri === waiter.uri) {
            const w = waiter;
            waiter = undefined;
            w.resolve(params);
        }
    });
    const next = (uri: string) => new Promise<PublishParams>((resolve, reject) => {
        const timer = setTimeout(() => { waiter = undefined; reject(new Error(`no diagnostics for ${uri} within ${options.timeoutMs} ms`)); }, options.timeoutMs);
        waiter = { uri, resolve: p => { clearTimeout(timer); resolve(p); } };
    });
    try {
        const rootUri = pathToFileURL(options.workspace).toString();
        const start = performance.now();
        await client.request('initialize', {
            processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: { textDocument: { publishDiagnostics: {}, synchronization: { didSave: true } }, workspace: { workspaceFolders: true } }
        });
        client.notify('initialized', {});
        // Langium loads the workspace folder without validating it; opening the file starts the first update,
        // which validates the open file first and then every other document. The workspace is ready when every
        // file has been published once.
        let text = fs.readFileSync(path.join(options.workspace, options.file), 'utf8');
        let version = 1;
        const opened = next(fileUri);
        client.notify('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'chidu', version, text } });
        const baseline = await opened;
        const openedMs = performance.now() - start;
        while (published.size < expectedFiles && performance.now() - start < options.timeoutMs) {
            await new Promise(resolve => setTimeout(resolve, 20));
        }
        const workspaceReadyMs = performance.now() - start;
        // Let the last publications settle.
        await new Promise(resolve => setTimeout(resolve, 200));
        const baselineErrors = errorsIn(baseline);

        const rng = new Random(options.seed);
        const latencies: number[] = [];
        let verified = 0;
        let broken: { target: EditTarget; text: string } | undefined;
        const lines = text.split('\n');
        for (let n = 0; n < options.edits; n++) {
            let target: EditTarget;
            let oldText: string;
            let newText: string;
            if (broken) {
                target = broken.target;
                oldText = broken.text;
                newText = target.text;
            } else {
                target = rng.pick(options.targets);
                oldText = target.text;
                newText = scaledQuantity(target, 10, n);
            }
            const line = lines[target.line];
            if (line.slice(target.character, target.character + oldText.length) !== oldText) {
                throw new Error(`edit target mismatch at ${target.line}:${target.character}: expected ${oldText}`);
            }
            lines[target.line] = line.slice(0, target.character) + newText + line.slice(target.character + oldText.length);
            version++;
            const publish = next(fileUri);
            const sent = performance.now();
            client.notify('textDocument/didChange', {
                textDocument: { uri: fileUri, version },
                contentChanges: [{
                    range: { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + oldText.length } },
                    text: newText
                }]
            });
            const result = await publish;
            latencies.push(performance.now() - sent);
            const errors = errorsIn(result);
            if (broken ? errors === baselineErrors : errors > baselineErrors) {
                verified++;
            }
            broken = broken ? undefined : { target, text: newText };
        }
        text = lines.join('\n');
        const serverPeakRssMb = client.pid ? readPeakRssMb(client.pid) : undefined;
        return {
            server: options.server.slice(1).join(' '),
            openedMs,
            workspaceReadyMs,
            latenciesMs: latencies,
            medianMs: percentile(latencies, 50),
            p95Ms: percentile(latencies, 95),
            maxMs: Math.max(...latencies),
            verifiedEdits: verified,
            serverPeakRssMb
        };
    } catch (error) {
        throw new Error(`${(error as Error).message}\n${client.errorOutput.slice(-3000)}`);
    } finally {
        await client.close();
    }
}

function countFiles(dir: string): number {
    let count = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) count += countFiles(path.join(dir, entry.name));
        else if (entry.name.endsWith('.chidu')) count++;
    }
    return count;
}
