// Writes docs/diagnostics.md from the diagnostic registry and fills the keyword tables of docs/语言参考.md from
// the keyword docs, and writes the JSON Schema of the workspace file chidu.json (run after `npm run build`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderDiagnosticCatalogue } from '../packages/language/out/validation/diagnostic-docs.js';
import { fillKeywordTables } from '../packages/language/out/lsp/keyword-docs.js';
import { WORKSPACE_FILE_SCHEMA } from '../packages/language/out/workspace/workspace-file.js';

mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticCatalogue());
const reference = new URL('../docs/语言参考.md', import.meta.url);
writeFileSync(reference, fillKeywordTables(readFileSync(reference, 'utf8')));
writeFileSync(new URL('../packages/language/chidu-workspace.schema.json', import.meta.url), `${JSON.stringify(WORKSPACE_FILE_SCHEMA, null, 2)}\n`);
