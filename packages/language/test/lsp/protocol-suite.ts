import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CancellationTokenSource, CompletionRequest, DidChangeTextDocumentNotification, HoverRequest, LSPErrorCodes, ResponseError
} from 'vscode-languageserver-protocol/node';
import { Client } from './stdio-client.js';

/**
 * JSON-RPC behaviour of a Chidu language server over stdio that every LSP client relies on: errors are error
 * responses (not results), a broken byte stream ends the server instead of wedging it, and diagnostics say
 * which document version they belong to. Run against the compiled server and the bundled one.
 */
export function protocolSuite(server: () => string): void {
    describe('JSON-RPC over stdio', () => {
        let workspace: string;
        const clients: Client[] = [];
        function client(): Client {
            const created = new Client({}, server());
            clients.push(created);
            return created;
        }

        beforeAll(() => {
            workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-protocol-'));
            fs.writeFileSync(path.join(workspace, 'province.chidu'), benchmark('省基准', 1));
        });
        afterAll(() => {
            for (const created of clients) created.process.kill();
            fs.rmSync(workspace, { recursive: true, force: true });
        });

        it('answers a cancelled hover and a cancelled completion with RequestCancelled errors, never with a bogus result', async () => {
            const lsp = client();
            await lsp.initialize(null);
            const uri = pathToFileURL(path.join(workspace, 'large.chidu')).toString();
            const text = benchmark('大基准', 1500);
            // information aside (CD706: 《示例法》 is not in the statute library, once per document)
            expect((await lsp.open(uri, text, 1)).diagnostics.filter(d => d.severity !== 3)).toEqual([]);
            const line = text.split('\n').findIndex(l => l.includes('法定处罚'));
            const position = { line, character: text.split('\n')[line].indexOf('一万元') + 2 };
            const lastLine = text.split('\n').length - 1;

            // After an edit, requests wait until the large document is parsed and linked again (a second or
            // so): a cancellation that reaches a waiting request ends it with RequestCancelled. One that comes
            // after the document is linked may still be answered with the result (LSP allows either), so edit
            // until a cancellation has been seen to take effect; every answer on the way must be one or the other.
            let cancelled = 0;
            let sent = 0;
            for (let version = 2; version <= 9 && cancelled === 0; version++) {
                sent += 2;
                const edited = performance.now();
                // A small edit (a comment line at the end) and the requests right behind it, with no wait in
                // between: they reach the server while it is still parsing.
                const end = { line: lastLine + version - 2, character: 0 };
                const change = lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
                    textDocument: { uri, version }, contentChanges: [{ range: { start: end, end }, text: `// 改动 ${version}\n` }]
                });
                const hoverToken = new CancellationTokenSource();
                const completionToken = new CancellationTokenSource();
                const hover = settle(lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }, hoverToken.token));
                hoverToken.cancel();
                const completion = settle(lsp.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }, completionToken.token));
                await change;
                await new Promise(resolve => setTimeout(resolve, 50));
                completionToken.cancel();
                for (const [outcome, isResult] of [[await hover, (r: unknown) => isObject(r) && 'contents' in r], [await completion, (r: unknown) => isObject(r) && 'items' in r]] as const) {
                    if (outcome.error === undefined) {
                        expect(isResult(outcome.result) && !('code' in (outcome.result as object)), JSON.stringify(outcome.result)?.slice(0, 200)).toBe(true);
                    } else {
                        expect(outcome.error).toBeInstanceOf(ResponseError);
                        expect((outcome.error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
                        cancelled++;
                    }
                }
                // The server carries on: the edit is diagnosed (with its version) before the next one.
                let published = await lsp.diagnosticsAfter(uri, edited);
                while (published.version !== version) published = await lsp.diagnosticsAfter(uri, published.at + 0.001);
                expect(published.diagnostics.filter(d => d.severity !== 3)).toEqual([]);
                await new Promise(resolve => setTimeout(resolve, 300));
            }
            expect(cancelled).toBeGreaterThan(0);
            console.log(`cancellation: ${cancelled} of ${sent} cancelled requests ended with RequestCancelled, the others with their result`);
            // The same hover, not cancelled, has its result.
            const answered = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
            expect(JSON.stringify(answered?.contents)).toContain('[1万元, 10万元]');
            expect(await lsp.shutdown()).toBe(0);
        }, 150_000);

        it('answers hover on a document it does not have with an error response, not a result', async () => {
            const lsp = client();
            await lsp.initialize(pathToFileURL(workspace).toString());
            for (const name of ['none.chidu', 'README.md']) {
                const missing = pathToFileURL(path.join(workspace, name)).toString();
                const outcome = await settle(lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: missing }, position: { line: 0, character: 0 } }));
                expect(outcome.result, JSON.stringify(outcome.result)).toBeUndefined();
                expect(outcome.error).toBeInstanceOf(ResponseError);
                // Langium's answer for a document it has never seen: the server cancelled the request, naming it.
                expect((outcome.error as ResponseError<unknown>).code).toBe(LSPErrorCodes.ServerCancelled);
                expect((outcome.error as ResponseError<unknown>).message).toContain(missing);
            }
            // A document it has: a hover result.
            const province = pathToFileURL(path.join(workspace, 'province.chidu')).toString();
            const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: province }, position: { line: 9, character: 20 } });
            expect(JSON.stringify(hover?.contents)).toContain('[1万元, 10万元]');
            expect(await lsp.shutdown()).toBe(0);
        }, 150_000);

        it('publishes diagnostics with the version of an open document, and without one for a file that is not open', async () => {
            const lsp = client();
            const start = performance.now();
            await lsp.initialize(pathToFileURL(workspace).toString());
            const onDisk = pathToFileURL(path.join(workspace, 'province.chidu')).toString();
            expect((await lsp.diagnosticsAfter(onDisk, start)).version).toBeUndefined();

            const uri = pathToFileURL(path.join(workspace, 'open.chidu')).toString();
            const opened = await lsp.open(uri, benchmark('市基准', 2), 7);
            expect(opened.version).toBe(7);
            expect(opened.diagnostics.filter(d => d.severity === 1)).toEqual([]);

            // An edit that breaks the file: the diagnostics of version 8 carry 8.
            const changed = performance.now();
            await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
                textDocument: { uri, version: 8 },
                contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '事项 ' }]
            });
            let published = await lsp.diagnosticsAfter(uri, changed);
            // A build of version 7 may still publish after the edit (with 7 or, once the text changed, no version).
            while (published.version !== 8) {
                expect([7, undefined]).toContain(published.version);
                published = await lsp.diagnosticsAfter(uri, published.at + 0.001);
            }
            expect(published.diagnostics.filter(d => d.severity === 1).length).toBeGreaterThan(0);
            expect(await lsp.shutdown()).toBe(0);
        }, 150_000);

        const malformed: [string, string][] = [
            ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}'],
            ['garbage bytes that end like a header', '\u0000\u00ff garbage without a header\r\n\r\n'],
            ['garbage bytes before a well-formed message', '\u0000\u00ff garbage']
        ];
        for (const [name, bytes] of malformed) {
            it(`exits with a line on stderr on ${name}, instead of waiting forever`, async () => {
                const lsp = client();
                await lsp.initialize(null);
                await lsp.writeRaw(bytes);
                // Followed by a well-formed request that a wedged server would never answer.
                void lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///x.chidu' }, position: { line: 0, character: 0 } }).catch(() => undefined);
                let timer: NodeJS.Timeout | undefined;
                const code = await Promise.race([lsp.exit, new Promise<string>(resolve => { timer = setTimeout(() => resolve('still running'), 30_000); })]);
                clearTimeout(timer);
                expect(code).toBe(1);
                expect(lsp.stderr.join('')).toMatch(/消息帧.*(Content-Length|header)/i);
            }, 60_000);
        }
    });
}

function isObject(value: unknown): value is object {
    return typeof value === 'object' && value !== null;
}

/** A request's outcome: its result, or the error it was rejected with. */
async function settle<T>(request: Promise<T>): Promise<{ result?: T; error?: unknown }> {
    try {
        return { result: await request };
    } catch (error) {
        return { error };
    }
}

/** A provincial benchmark without errors, with `items` items. */
function benchmark(name: string, items: number): string {
    const lines = [`基准 「${name}」 {`, '    制定机关 「省厅」', '    层级 省', '    施行日期 2022-01-01', '    边界 以上含本数 以下不含本数', '}'];
    for (let i = 1; i <= items; i++) {
        lines.push(
            `事项 A-${i} 「第${i}种违法行为」 {`,
            '    违反条款 《示例法》第一条',
            '    处罚依据 《示例法》第九条',
            '    法定处罚 { 罚款 一万元以上十万元以下 }',
            '    阶次 「从轻」 { 罚款 一万元以上四万元以下 }',
            '    阶次 「从重」 { 罚款 四万元以上十万元以下 含本数 }',
            '}'
        );
    }
    return `${lines.join('\n')}\n`;
}
