export * from './core.js';
export * from './chidu-module.js';
export { exitOnUnreadableStdio, publishDiagnosticsWithVersion } from './lsp/protocol-guards.js';
