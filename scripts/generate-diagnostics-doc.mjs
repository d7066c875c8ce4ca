// Writes docs/diagnostics.md from the diagnostic registry (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderDiagnosticCatalogue } from '../packages/language/out/validation/diagnostic-docs.js';

mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticCatalogue());
