import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { type Connection, type PublishDiagnosticsParams, StreamMessageReader } from 'vscode-languageserver/node';

/**
 * Adds the document version to publishDiagnostics (LSP 3.15 `PublishDiagnosticsParams.version`) for an open
 * document, so a client can tell diagnostics of an older text from those of the text it shows. Langium sends
 * none. Call before `startLanguageServer`.
 *
 * The version is given only when the diagnostics were computed from the open text as it is now: a build that
 * parsed an older text may publish after the next edit arrived, and then no version is better than a wrong one
 * (the next build publishes again, with the version). Files that are not open get no version.
 */
export function publishDiagnosticsWithVersion(connection: Connection, shared: LangiumSharedServices): void {
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = params => send(withVersion(params, shared));
}

function withVersion(params: PublishDiagnosticsParams, shared: LangiumSharedServices): PublishDiagnosticsParams {
    if (params.version !== undefined) {
        return params;
    }
    const open = shared.workspace.TextDocuments.get(params.uri);
    if (!open) {
        return params;
    }
    // The parsed text is the open document's text string itself while it is unchanged: usually no comparison.
    const parsed = shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri))?.parseResult.value.$cstNode?.root.fullText;
    return parsed !== undefined && parsed === open.getText() ? { ...params, version: open.version } : params;
}

/**
 * Over stdio, ends the server with a line on stderr when the client's byte stream cannot be read as LSP
 * messages (a header without Content-Length, a Content-Length that is not a number, bytes that are not a header).
 *
 * vscode-jsonrpc's StreamMessageReader reports such a frame only to its error listeners and drops the bytes it
 * read, and vscode-languageserver registers no listener on the reader it creates for `--stdio`: the server stays
 * silent and, out of step with the framing, never reads another message. There is no resynchronising on a
 * stream without frame markers, so the server exits (code 1, as when stdin closes before shutdown); LSP clients
 * restart a server that exits.
 *
 * The reader vscode-languageserver uses is not reachable, so a second reader of the same class watches the same
 * stdin: it sees the same bytes and frames them the same way, so it fails exactly where the server's reader
 * fails. It does not decode message bodies (a body that is not JSON leaves the framing intact; vscode-jsonrpc
 * drops that message and reads on). IPC (`--node-ipc`, as the VS Code extension runs) has no byte framing.
 */
export function exitOnUnreadableStdio(input: NodeJS.ReadableStream = process.stdin, argv: readonly string[] = process.argv): void {
    if (!argv.slice(2).includes('--stdio')) {
        return;
    }
    const watcher = new StreamMessageReader(input, {
        contentTypeDecoder: { name: 'application/vscode-jsonrpc', decode: () => Promise.resolve({ jsonrpc: '2.0' }) }
    });
    watcher.onError(error => {
        const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
        process.stderr.write(`尺度语言服务器：无法从标准输入读取 LSP 消息帧（${detail}），与客户端的消息流已无法同步，退出（客户端会重新启动服务器）\n`);
        process.exit(1);
    });
    watcher.listen(() => undefined);
}
