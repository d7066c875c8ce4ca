import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { type Connection, ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createChiduServices } from '../chidu-module.js';
import { exitOnUnreadableStdio, publishDiagnosticsWithVersion } from './protocol-guards.js';

/**
 * Starts the Chidu language server on the transport named on the command line (`--stdio`, `--node-ipc`,
 * `--socket=PORT`), as every editor's LSP client starts it. Returns the connection.
 *
 * An exception escaping a request handler is answered as an error by Langium; anything escaping elsewhere is
 * logged here instead of ending the process, so one bad document never takes the server down. A byte stream
 * that cannot be read as messages does end it (see `exitOnUnreadableStdio`).
 */
export function startChiduLanguageServer(): Connection {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createChiduServices({ connection, ...NodeFileSystem });
    process.on('uncaughtException', error => {
        connection.console.error(`Chidu language server: uncaught ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
    process.on('unhandledRejection', reason => {
        connection.console.error(`Chidu language server: unhandled rejection ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
    });
    publishDiagnosticsWithVersion(connection, shared);
    exitOnUnreadableStdio();
    startLanguageServer(shared);
    return connection;
}

/** True when this file is the program being run (`node out/lsp/main.js --stdio`), not an import. */
function isMain(): boolean {
    try {
        const entry = process.argv[1];
        return entry !== undefined && fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
    } catch {
        return false;
    }
}

if (isMain()) {
    startChiduLanguageServer();
}
