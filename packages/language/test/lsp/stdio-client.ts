import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'vitest';
import {
    CodeLensRefreshRequest, ConfigurationRequest, type Diagnostic, DidOpenTextDocumentNotification, ExitNotification, InitializeRequest,
    InitializedNotification, type ProtocolConnection, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader,
    StreamMessageWriter, createProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from './lsp-fixture.js';

/** The compiled server (`tsc -b`), spoken to over stdio the way any editor does. */
export const COMPILED_SERVER = path.join(REPO_ROOT, 'packages/language/out/lsp/main.js');

/** One publishDiagnostics as the client received it. */
export interface Published {
    /** performance.now() when it arrived. */
    readonly at: number;
    readonly version: number | undefined;
    readonly diagnostics: Diagnostic[];
}

/**
 * An LSP client over stdio: spawns a server (`node SERVER --stdio`), answers workspace/configuration with the
 * given chidu settings, records publishDiagnostics and the server's stderr.
 */
export class Client {
    readonly process: ChildProcess;
    readonly connection: ProtocolConnection;
    readonly stderr: string[] = [];
    codeLensRefreshes = 0;
    exited: number | undefined;
    /** Resolves with the exit code (-1 for a signal) when the server process ends. */
    readonly exit: Promise<number>;
    private readonly diagnostics = new Map<string, Published[]>();
    private readonly waiters: { uri: string; after: number; resolve: (value: Published) => void; reject: (error: Error) => void }[] = [];

    constructor(settings: Record<string, unknown>, server = COMPILED_SERVER) {
        this.process = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr!.on('data', chunk => this.stderr.push(String(chunk)));
        this.exit = new Promise(resolve => this.process.on('exit', code => {
            this.exited = code ?? -1;
            for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`server exited with ${code}: ${this.stderr.join('')}`));
            resolve(this.exited);
        }));
        // Writing to a server that has exited must not crash the test run (the malformed-frame tests end it).
        this.process.stdin!.on('error', () => undefined);
        this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            const entry = { at: performance.now(), version: params.version, diagnostics: params.diagnostics };
            const list = this.diagnostics.get(params.uri) ?? [];
            list.push(entry);
            this.diagnostics.set(params.uri, list);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === params.uri && entry.at >= waiter.after) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(entry);
                }
            }
        });
        this.connection.onRequest(ConfigurationRequest.type, params => params.items.map(item => item.section === 'chidu' ? settings : null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest(CodeLensRefreshRequest.type, () => { this.codeLensRefreshes++; });
        this.connection.listen();
    }

    /** Every publishDiagnostics received for a URI so far, oldest first. */
    publishedFor(uri: string): readonly Published[] {
        return this.diagnostics.get(uri) ?? [];
    }

    /** The first publishDiagnostics for a URI after a moment (performance.now()). */
    diagnosticsAfter(uri: string, after: number, timeout = 40_000): Promise<Published> {
        const seen = this.publishedFor(uri).find(e => e.at >= after);
        if (seen) return Promise.resolve(seen);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeout} ms; stderr: ${this.stderr.join('')}`)), timeout);
            this.waiters.push({ uri, after, resolve: value => { clearTimeout(timer); resolve(value); }, reject: error => { clearTimeout(timer); reject(error); } });
        });
    }

    async initialize(rootUri: string | null): Promise<void> {
        const result = await this.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: rootUri ? [{ uri: rootUri, name: 'fixture' }] : null,
            capabilities: {
                workspace: { configuration: true, codeLens: { refreshSupport: true } },
                textDocument: { publishDiagnostics: { versionSupport: true }, rename: { prepareSupport: true } }
            }
        });
        expect(result.capabilities.hoverProvider).toBe(true);
        await this.connection.sendNotification(InitializedNotification.type, {});
    }

    /** didOpen; resolves with the first diagnostics published for it afterwards, and how long that took. */
    async open(uri: string, text: string, version = 1): Promise<{ ms: number; version: number | undefined; diagnostics: Diagnostic[] }> {
        const start = performance.now();
        const published = this.diagnosticsAfter(uri, start);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'chidu', version, text } });
        const entry = await published;
        return { ms: entry.at - start, version: entry.version, diagnostics: entry.diagnostics };
    }

    /** Writes bytes to the server's stdin as they are, bypassing the message framing. */
    writeRaw(bytes: string | Buffer): Promise<void> {
        return new Promise((resolve, reject) => this.process.stdin!.write(bytes, error => error ? reject(error) : resolve()));
    }

    async shutdown(): Promise<number | null> {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        const code = await this.exit;
        this.connection.dispose();
        return code;
    }
}
