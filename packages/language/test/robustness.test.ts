import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, buildWorkspace, readFolder } from './helpers/workspace.js';

const example = readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-eco'));
const files = Object.keys(example);

/** Pieces of Chidu that, pasted anywhere, make plausible half-typed or broken input. */
const FRAGMENTS = [
    '{', '}', '「', '」', '《', '》', '、', '罚款', '以上', '以下', '含本数', '万元', '十', '一百万', '阶次', '细化', '事项',
    '按', '货值金额', ':', '不足', '情节严重的', '上级', '「省」', '直接适用', 'DQ-99-1', '3-2', '第九十九条', '百分之', '倍', '\n', ' '
];

type Mutation = { file: number; at: number; remove: number; insert: string };

const mutation = fc.record({
    file: fc.nat({ max: files.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }).map(x => x),
    remove: fc.nat({ max: 40 }),
    insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map(parts => parts.join(''))
}).map(m => ({ ...m, at: Math.floor(m.at * 1e6) }) as Mutation);

function apply(mutations: readonly Mutation[]): Record<string, string> {
    const out = { ...example };
    for (const m of mutations) {
        const name = files[m.file];
        const text = out[name];
        const at = m.at % (text.length + 1);
        out[name] = text.slice(0, at) + m.insert + text.slice(at + m.remove);
    }
    return out;
}

const allExamples = { ...example, ...Object.fromEntries(Object.entries(readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-market'))).map(([f, t]) => [`market/${f}`, t])) };

async function expectNoCrash(files: Record<string, string>): Promise<void> {
    for (const document of await buildWorkspace(files)) {
        const crashes = (document.diagnostics ?? []).filter(d => d.code === 'CD009');
        expect(crashes.map(d => d.message)).toEqual([]);
    }
}

describe('robustness', () => {
    it('a file cut off anywhere (half-typed) never makes the checks throw', async () => {
        const names = Object.keys(allExamples);
        await fc.assert(fc.asyncProperty(fc.nat({ max: names.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), async (which, where) => {
            const name = names[which];
            const text = allExamples[name];
            await expectNoCrash({ ...allExamples, [name]: text.slice(0, Math.floor(where * text.length)) });
        }), { numRuns: 30 });
    });

    it('random edits of the real example never make parsing, linking or validation throw', async () => {
        await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async mutations => {
            const documents = await buildWorkspace(apply(mutations));
            for (const document of documents) {
                const crashes = (document.diagnostics ?? []).filter(d => d.code === 'CD009');
                expect(crashes.map(d => d.message)).toEqual([]);
                for (const d of document.diagnostics ?? []) {
                    expect(String(d.code)).toMatch(/^CD\d{3}$/);
                }
            }
        }), { numRuns: 60 });
    });
});
