import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '../src/validation/diagnostic-codes.js';
import { type Expectation, prepareFile } from './helpers/expectations.js';
import { REPO_ROOT, buildWorkspace, caseFolders, diagnosticsOf, readFolder } from './helpers/workspace.js';

const SEVERITIES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const resources = path.join(__dirname, 'resources', 'validation');
const cases = caseFolders(resources).map(folder => ({ name: path.relative(resources, folder), folder }));

function sameRange(a: Expectation['range'], b: Expectation['range']): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

function show(range: Expectation['range']): string {
    return `${range.start.line + 1}:${range.start.character + 1}–${range.end.line + 1}:${range.end.character + 1}`;
}

describe('validation (resource folders with inline expectations)', () => {
    it.each(cases)('$name', async ({ folder }) => {
        const prepared = Object.entries(readFolder(folder)).map(([file, source]) => ({ file, ...prepareFile(file, source) }));
        const documents = await buildWorkspace(Object.fromEntries(prepared.map(p => [p.file, p.text])));
        // Hints (info) are checked only in cases that speak about them.
        const checksInfo = prepared.some(p => p.expectations.some(e => e.severity === 'info'));
        const failures: string[] = [];
        documents.forEach((document, index) => {
            const { file, expectations } = prepared[index];
            const remaining = diagnosticsOf(document).filter(d => checksInfo || d.severity !== 3).map(d => ({
                severity: SEVERITIES[d.severity ?? 1], code: String(d.code), message: String(d.message), range: d.range
            }));
            for (const expectation of expectations) {
                const matches = remaining.filter(d => d.code === expectation.code && d.severity === expectation.severity
                    && sameRange(d.range, expectation.range) && (!expectation.message || expectation.message.test(d.message)));
                if (expectation.positive) {
                    if (matches.length === 0) {
                        const near = remaining.filter(d => d.code === expectation.code).map(d => `${show(d.range)} ${d.message}`);
                        failures.push(`${file}:${expectation.line}: expected ${expectation.severity} ${expectation.code} at ${show(expectation.range)}` +
                            (near.length > 0 ? `; found ${expectation.code} at: ${near.join(' | ')}` : ''));
                    } else {
                        remaining.splice(remaining.indexOf(matches[0]), 1);
                    }
                } else if (matches.length > 0) {
                    failures.push(`${file}:${expectation.line}: expected no ${expectation.severity} ${expectation.code} at ${show(expectation.range)}, got: ${matches[0].message}`);
                }
            }
            for (const unexpected of remaining) {
                failures.push(`${file}:${show(unexpected.range)}: unexpected ${unexpected.severity} ${unexpected.code} ${unexpected.message}`);
            }
        });
        expect(failures).toEqual([]);
    });

    it('covers every registered code with a failing and a passing case', () => {
        const texts = cases.flatMap(c => Object.values(readFolder(c.folder)));
        const all = texts.join('\n');
        const missing = Object.keys(DIAGNOSTICS)
            .filter(code => code !== 'CD003' && code !== 'CD009' && code !== 'CD130') // unreadable files: CLI tests; internal errors: robustness test; workspace file: workspace-file.test.ts on resources/workspace-files
            .filter(code => !new RegExp(`\\$TEST\\$\\s+(error|warning|info)\\s+${code}\\b`).test(all)
                || !new RegExp(`\\$TEST\\$\\s+no\\s+(error|warning|info)\\s+${code}\\b`).test(all));
        expect(missing).toEqual([]);
    });
});

describe('examples', () => {
    const exampleRoots = ['guangdong-eco', 'guangdong-market'].map(name => path.join(REPO_ROOT, 'examples', name));
    it.each(exampleRoots.map(root => ({ name: path.basename(root), root })))('$name validates without errors', async ({ root }) => {
        const documents = await buildWorkspace(readFolder(root));
        const errors = documents.flatMap(d => diagnosticsOf(d).filter(x => x.severity === 1).map(x => `${d.uri.path}:${x.range.start.line + 1} ${x.code} ${x.message}`));
        expect(errors).toEqual([]);
        expect(documents.length).toBeGreaterThanOrEqual(2);
    });
});
