/**
 * The bundled Chidu language server (out/server.cjs): run by the VS Code client over IPC, and standalone
 * over stdio for other editors (`npx chidu-language-server --stdio`).
 *
 * The polyfill comes first: the parser is generated in production mode and never calls Object.groupBy, but
 * an older Electron/Node must not crash if any code path ever does.
 */
import '../../../../scripts/groupby-polyfill.mjs';
import { NodeFileSystem } from 'langium/node';
import { startLanguageServer } from 'langium/lsp';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createChiduServices } from '@chidu/language';
import { registerChiduRequests } from './requests.js';

const connection = createConnection(ProposedFeatures.all);
// A rejected promise in a handler (e.g. a client that refuses a dynamic registration) must not end the
// server: Node would exit on an unhandled rejection. Log it to the client instead.
process.on('unhandledRejection', reason => {
    connection.console.error(`尺度语言服务器：未处理的异常：${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
});
const { shared } = createChiduServices({ connection, ...NodeFileSystem });
registerChiduRequests(connection, shared);
startLanguageServer(shared);
