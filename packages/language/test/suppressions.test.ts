import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTICS, suppressionOf } from '../src/validation/diagnostic-codes.js';
import { REPO_ROOT, buildWorkspace, readFolder } from './helpers/workspace.js';

// Suppression comments on the real examples (examples/guangdong-eco: the Guangdong province, Jiangmen 2020 and
// county chain built from the real sources; examples/guangdong-market). The reasons are invented.

const EXAMPLES = {
    'guangdong-eco': readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-eco')),
    'guangdong-market': readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-market'))
};

const key = (file: string, d: Diagnostic) => `${file}:${d.range.start.line}:${d.code}`;

async function diagnostics(files: Record<string, string>): Promise<Map<string, Diagnostic[]>> {
    const names = Object.keys(files);
    const documents = await buildWorkspace(files);
    return new Map(documents.map((document, i) => [names[i]!, document.diagnostics ?? []]));
}

/** Inserts a line before line `line` (0-based) of `text`, indented like it. */
function insertAbove(text: string, line: number, comment: string): string {
    const lines = text.split('\n');
    const indent = /^\s*/.exec(lines[line]!)![0];
    lines.splice(line, 0, `${indent}${comment}`);
    return lines.join('\n');
}

describe('suppressions on the real examples', () => {
    // guangdong-market has no warning; the eco chain has real ones (the expired 2020 Jiangmen table, its tier gaps).
    it.each(['guangdong-eco'])('%s: each warning, suppressed by a comment above its line, is reported suppressed and nothing else changes', async example => {
        const files = EXAMPLES[example as keyof typeof EXAMPLES];
        const before = await diagnostics(files);
        const warnings = [...before].flatMap(([file, list]) => list.filter(d => d.severity === 2).map(d => ({ file, d })));
        expect(warnings.length).toBeGreaterThan(0);
        const done = new Set<string>();
        for (const { file, d } of warnings) {
            if (done.has(key(file, d))) continue;
            done.add(key(file, d));
            const line = d.range.start.line;
            const edited = { ...files, [file]: insertAbove(files[file]!, line, `// 尺度：忽略 ${String(d.code)} 「测试理由」`) };
            const after = await diagnostics(edited);
            const own = after.get(file)!;
            // The suppressions' own codes: none (it matches, it has a reason, it names a warning).
            expect(own.filter(x => /^CD12[0-3]$/.test(String(x.code))).map(x => x.message)).toEqual([]);
            const sameLine = (before.get(file) ?? []).filter(x => x.code === d.code && x.range.start.line === line);
            const suppressed = own.filter(x => suppressionOf(x));
            expect(suppressed.map(x => [x.code, x.range.start.line, x.severity])).toEqual(sameLine.map(x => [x.code, line + 1, 4]));
            for (const x of suppressed) {
                expect(suppressionOf(x)).toEqual({ reason: '测试理由', severity: 'warning', message: expect.any(String) });
            }
            // Everything else is as before (lines below the comment shifted by one).
            const shift = (x: Diagnostic) => x.range.start.line >= line ? x.range.start.line + 1 : x.range.start.line;
            const rest = (before.get(file) ?? []).filter(x => !sameLine.includes(x)).map(x => `${x.code}@${shift(x)}:${x.severity}`).sort();
            expect(own.filter(x => !suppressionOf(x)).map(x => `${x.code}@${x.range.start.line}:${x.severity}`).sort()).toEqual(rest);
        }
    }, 120_000);

    it('an error of the real examples cannot be suppressed (CD122), and stays an error', async () => {
        const files = { ...EXAMPLES['guangdong-eco'] };
        const county = files['county.chidu']!;
        // The county file's first fine widened far past what the statute and the upper tiers allow: an error.
        const widened = county.replace(/罚款 [^\n}]*/, '罚款 十万元以上九十万元以下');
        const broken = await diagnostics({ ...files, 'county.chidu': widened });
        const error = broken.get('county.chidu')!.find(d => d.severity === 1)!;
        expect(error).toBeDefined();
        const line = error.range.start.line;
        const after = await diagnostics({ ...files, 'county.chidu': insertAbove(widened, line, `// 尺度：忽略 ${String(error.code)} 「上级同意」`) });
        const own = after.get('county.chidu')!;
        expect(own.find(d => d.code === error.code && d.range.start.line === line + 1)!.severity).toBe(1);
        expect(own.filter(d => d.code === 'CD122').map(d => [d.range.start.line, d.severity])).toEqual([[line, 1]]);
    });

    it('random suppression comments anywhere in the real example never make the checks throw, and never suppress an error', async () => {
        const files = EXAMPLES['guangdong-eco'];
        const names = Object.keys(files);
        const codes = [...Object.keys(DIAGNOSTICS), 'CD999', 'CD12', '阶次空档'];
        const comment = fc.record({
            whole: fc.boolean(),
            codes: fc.array(fc.constantFrom(...codes), { maxLength: 3 }),
            reason: fc.constantFrom('', ' 「理由」', ' 「」', ' 「待填写理由」', ' “引号”', ' 「未闭合', ' 「理由」 多余'),
            separator: fc.constantFrom('、', ',', ' ', '，')
        }).map(c => `// 尺度：忽略${c.whole ? '本项' : ''} ${c.codes.join(c.separator)}${c.reason}`);
        await fc.assert(fc.asyncProperty(fc.nat({ max: names.length - 1 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), comment, fc.boolean()), { minLength: 1, maxLength: 5 }),
            async (which, insertions) => {
                const name = names[which]!;
                let lines = files[name]!.split('\n');
                for (const [where, text, trailing] of insertions) {
                    const at = Math.floor(where * lines.length);
                    if (trailing && at < lines.length && !lines[at]!.includes('//')) lines[at] = `${lines[at]}  ${text}`;
                    else lines = [...lines.slice(0, at), text, ...lines.slice(at)];
                }
                const after = await diagnostics({ ...files, [name]: lines.join('\n') });
                for (const list of after.values()) {
                    expect(list.filter(d => d.code === 'CD009').map(d => d.message)).toEqual([]);
                    for (const d of list.filter(x => suppressionOf(x))) {
                        expect(d.severity).toBe(4);
                        expect(DIAGNOSTICS[d.code as keyof typeof DIAGNOSTICS].severity).not.toBe('error');
                    }
                }
            }), { numRuns: 25 });
    }, 120_000);
});
