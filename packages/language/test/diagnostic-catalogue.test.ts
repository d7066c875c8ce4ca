import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '../src/validation/diagnostic-codes.js';
import { renderDiagnosticCatalogue } from '../src/validation/diagnostic-docs.js';
import { REPO_ROOT } from './helpers/workspace.js';

describe('diagnostic catalogue', () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8');

    it('docs/diagnostics.md is what the registry renders (run `npm run docs` after changing a code)', () => {
        expect(committed).toBe(renderDiagnosticCatalogue());
    });

    it('names exactly the registered codes', () => {
        const documented = [...committed.matchAll(/^## (CD\d{3})$/gm)].map(m => m[1]);
        expect(documented).toEqual(Object.keys(DIAGNOSTICS).sort());
    });

    it('every code used by the checks is registered, and every registered code is used', () => {
        const sources: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith('.ts') && !full.includes(`${path.sep}generated${path.sep}`)) sources.push(fs.readFileSync(full, 'utf8'));
            }
        };
        walk(path.join(REPO_ROOT, 'packages', 'language', 'src'));
        walk(path.join(REPO_ROOT, 'packages', 'cli', 'src'));
        const registry = fs.readFileSync(path.join(REPO_ROOT, 'packages/language/src/validation/diagnostic-codes.ts'), 'utf8');
        const used = new Set(sources.filter(s => s !== registry).flatMap(s => [...s.matchAll(/'(CD\d{3})'/g)].map(m => m[1])));
        expect([...used].filter(code => !(code in DIAGNOSTICS))).toEqual([]);
        expect(Object.keys(DIAGNOSTICS).filter(code => !used.has(code))).toEqual([]);
    });
});
