/**
 * A plain Chidu language server over stdio, used by the edit benchmark when the language package does not
 * ship its own entry (packages/language/out/lsp/main.js). Same services as the CLI, Langium's default LSP.
 */
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createChiduServices } from '@chidu/language';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createChiduServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
