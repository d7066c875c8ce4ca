import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOutputs } from '../src/generation/build-output.js';
import { REPO_ROOT, buildWorkspace, readFolder } from './helpers/workspace.js';

/**
 * Golden files of the build output: what `chidu build` publishes for every example, byte for byte, kept in
 * test/resources/golden/<example>/. A change to the output shows up as a diff in review.
 * After an intended change: `UPDATE_GOLDEN=1 npx vitest run packages/language/test/golden.test.ts`.
 */
const GOLDEN = path.join(__dirname, 'resources', 'golden');
const EXAMPLES = ['guangdong-eco', 'guangdong-market'];
const update = process.env.UPDATE_GOLDEN === '1';

describe('build output of every example (golden files)', () => {
    it.each(EXAMPLES)('%s', async example => {
        const root = path.join(REPO_ROOT, 'examples', example);
        const documents = await buildWorkspace(Object.fromEntries(
            Object.entries(readFolder(root)).map(([file, text]) => [path.join('examples', example, file), text])));
        const outputs = buildOutputs(documents, d => path.relative('/workspace', d.uri.fsPath).split(path.sep).join('/'));
        const folder = path.join(GOLDEN, example);
        if (update) {
            fs.rmSync(folder, { recursive: true, force: true });
            for (const output of outputs) {
                fs.mkdirSync(path.dirname(path.join(folder, output.path)), { recursive: true });
                fs.writeFileSync(path.join(folder, output.path), output.content);
            }
        }
        const expected = fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.json')).sort();
        expect(outputs.map(o => o.path).sort()).toEqual(expected);
        for (const output of outputs) {
            expect(output.content, `${example}/${output.path} differs from its golden file (UPDATE_GOLDEN=1 to accept)`)
                .toBe(fs.readFileSync(path.join(folder, output.path), 'utf8'));
        }
    });
});
