import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createChiduServices } from '../src/chidu-module.js';
import { readFolder, REPO_ROOT } from './helpers/workspace.js';

/**
 * "One slip, one error": single-slip mutations of the real example files (one token deleted, one token
 * duplicated, one keyword misspelt), each validated with its workspace; the number of errors in the mutated file
 * is counted. The distribution is printed (the figure reported for issue 13) and guarded against regression.
 */
const CHAINS = ['guangdong-eco', 'guangdong-market'];
const TARGETS = ['guangdong-eco/county.chidu', 'guangdong-eco/province.chidu', 'guangdong-eco/list-jiangmen.chidu',
    'guangdong-market/city.chidu', 'guangdong-market/province.chidu', 'guangdong-market/list-first-violation.chidu'];
const PER_KIND_AND_FILE = 17;

interface Slip { readonly file: string; readonly kind: 'delete' | 'duplicate' | 'misspell'; readonly text: string }

const TOKEN = /「[^」]*」|《[^》\n]*》[^\s{}]*|[A-Za-z0-9][A-Za-z0-9.-]*|\p{Script=Han}+|[{}、]/gu;

function withoutComments(text: string): { start: number; end: number; image: string }[] {
    const tokens: { start: number; end: number; image: string }[] = [];
    const masked = text.replace(/\/\/[^\n]*/g, m => ' '.repeat(m.length));
    for (const match of masked.matchAll(TOKEN)) {
        tokens.push({ start: match.index, end: match.index + match[0].length, image: match[0] });
    }
    return tokens;
}

function slips(file: string, text: string): Slip[] {
    const tokens = withoutComments(text);
    const keywords = tokens.filter(t => /^\p{Script=Han}{2,}$/u.test(t.image));
    const pick = <T>(list: T[], i: number) => list[Math.floor((i + 0.5) * list.length / PER_KIND_AND_FILE)]!;
    const result: Slip[] = [];
    for (let i = 0; i < PER_KIND_AND_FILE; i++) {
        const d = pick(tokens, i);
        result.push({ file, kind: 'delete', text: text.slice(0, d.start) + text.slice(d.end) });
        const u = pick(tokens, i);
        result.push({ file, kind: 'duplicate', text: text.slice(0, u.end) + ' ' + u.image + text.slice(u.end) });
        const k = pick(keywords, i);
        // the last character replaced by a similar-looking or neighbouring one: 阶次 → 阶段, 罚款 → 罚金
        const misspelt = k.image.slice(0, -1) + (k.image.endsWith('段') ? '次' : '段');
        result.push({ file, kind: 'misspell', text: text.slice(0, k.start) + misspelt + text.slice(k.end) });
    }
    return result;
}

async function errorsIn(files: Record<string, string>, target: string): Promise<number> {
    const { shared, Chidu } = createChiduServices(EmptyFileSystem);
    Chidu.settings.ChiduSettings.referenceDate = '2022-06-01';
    const documents = Object.entries(files).map(([file, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(path.resolve('/workspace', file)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const document = documents.find(d => d.uri.fsPath === path.resolve('/workspace', target))!;
    return (document.diagnostics ?? []).filter(d => d.severity === 1).length;
}

describe('one slip, one error', () => {
    it('measures the errors per single-slip mutation of the examples', { timeout: 600_000 }, async () => {
        const chains: Record<string, Record<string, string>> = {};
        for (const chain of CHAINS) {
            chains[chain] = {};
            for (const [file, text] of Object.entries(readFolder(path.join(REPO_ROOT, 'examples', chain)))) chains[chain]![`${chain}/${file}`] = text;
        }
        const counts: { kind: string; errors: number }[] = [];
        for (const target of TARGETS) {
            const workspace = chains[target.split('/')[0]!]!;
            expect(await errorsIn(workspace, target), `${target} unmutated`).toBe(0);
            for (const slip of slips(target, workspace[target]!)) {
                counts.push({ kind: slip.kind, errors: await errorsIn({ ...workspace, [target]: slip.text }, target) });
            }
        }
        const histogram = (list: { errors: number }[]) => {
            const buckets: Record<string, number> = { '0': 0, '1': 0, '2': 0, '3': 0, '4+': 0 };
            for (const c of list) buckets[c.errors >= 4 ? '4+' : String(c.errors)]!++;
            return buckets;
        };
        const lines = ['delete', 'duplicate', 'misspell'].map(kind => `${kind}: ${JSON.stringify(histogram(counts.filter(c => c.kind === kind)))}`);
        const broken = counts.filter(c => c.errors > 0);
        const atMostOne = broken.filter(c => c.errors === 1).length;
        console.log(`one-error-per-slip: ${counts.length} mutations; ${JSON.stringify(histogram(counts))}\n  ${lines.join('\n  ')}\n` +
            `  of the ${broken.length} that cause an error, ${atMostOne} (${(100 * atMostOne / Math.max(1, broken.length)).toFixed(0)}%) cause exactly one`);
        expect(counts.length).toBeGreaterThanOrEqual(300);
        // every misspelt keyword is reported (no slip passes silently)
        expect(counts.filter(c => c.kind === 'misspell' && c.errors === 0)).toEqual([]);
        // regression guard on the measured share (see the closing note of issue 13)
        expect(atMostOne / broken.length).toBeGreaterThanOrEqual(BASELINE_SHARE);
    });
});

/** The share of error-causing slips with exactly one error, as measured when this test was written, minus a margin. */
const BASELINE_SHARE = 0.5; // measured: 157 of 290 (54%)
