/**
 * The bundled Chidu language server (out/server.cjs): run by the VS Code client over IPC, and standalone
 * over stdio for other editors (`npx chidu-language-server --stdio`).
 *
 * It does what `startChiduLanguageServer()` (packages/language/src/lsp/main.ts) does, plus the requests the
 * extension's commands use (`./requests.ts`), which need the shared services that function keeps to itself.
 *
 * The polyfill comes first: the parser is generated in production mode and never calls Object.groupBy, but
 * an older Electron/Node must not crash if any code path ever does.
 */
import '../../../../scripts/groupby-polyfill.mjs';
import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createChiduServices, exitOnUnreadableStdio, publishDiagnosticsWithVersion } from '@chidu/language';
import { registerChiduRequests } from './requests.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createChiduServices({ connection, ...NodeFileSystem });
// Anything escaping a handler (e.g. a client that refuses a dynamic registration) is logged to the client
// instead of ending the process: Node exits on an uncaught exception or an unhandled rejection.
process.on('uncaughtException', error => {
    connection.console.error(`尺度语言服务器：未捕获的异常：${error instanceof Error ? error.stack ?? error.message : String(error)}`);
});
process.on('unhandledRejection', reason => {
    connection.console.error(`尺度语言服务器：未处理的异常：${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});
registerChiduRequests(connection, shared);
publishDiagnosticsWithVersion(connection, shared);
exitOnUnreadableStdio();
startLanguageServer(shared);
