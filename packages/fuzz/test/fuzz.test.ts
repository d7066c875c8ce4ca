/**
 * The audit harness (issue 12). The classifier and the runner are checked on planted failures; then the
 * real fuzz and soak run briefly with a fixed seed. Those brief runs assert that the harness works (every
 * case accounted for, exit code and closing line consistent, failures saved, the server's diagnostics
 * compared) and print what they found: today's findings are real defects being fixed elsewhere, so they
 * must not fail this suite (`npm run fuzz` / `npm run soak` themselves exit non-zero on them).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliOutcome, type Finding, classifyCli, classifyInProcess, normalize, topFrame } from '../src/classify.js';
import { REPO_ROOT, loadCorpus } from '../src/corpus.js';
import { type FuzzResult, caseSeed, makeCase, runFuzz } from '../src/fuzz.js';
import { TEXT_OPS, chineseNumeral, grammarKeywords, mutateText } from '../src/mutate.js';
import { runCli } from '../src/runner.js';
import { type SoakResult, memoryFigures, minimalChange } from '../src/soak.js';
import { Random } from '@chidu/bench/out/prng.js';

const keywords = grammarKeywords(fs.readFileSync(path.join(REPO_ROOT, 'grammar/chidu.langium'), 'utf8'));
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
const classes = (findings: readonly Finding[]) => [...new Set(findings.map(f => f.class))].sort();
const cli = (outcome: Partial<CliOutcome>): CliOutcome => ({
    exitCode: 0, signal: null, stdout: '[]', stderr: '', timedOut: false, timeoutMs: 15_000, durationMs: 800, ...outcome
});

function run(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
        child.on('close', code => resolve({ code, stdout, stderr }));
    });
}

describe('fuzz classifier', () => {
    const files = { 'a.chidu': '基准 「甲」 {\n}\n' };

    it('passes a clean result', () => {
        const outcome = { kind: 'ok', durationMs: 5, diagnostics: [{ file: 'a.chidu', range, severity: 1, code: 'CD101', message: '缺少制定机关' }] } as const;
        expect(classifyInProcess(outcome, files, ['truncate'])).toEqual([]);
        expect(classifyCli(cli({ exitCode: 1, stdout: JSON.stringify([{ file: 'a.chidu', line: 1, column: 1, endLine: 1, endColumn: 5, severity: 'error', code: 'CD101', message: '缺少制定机关' }]) }), files, [])).toEqual([]);
    });

    it('classifies an exception out of the services as a crash, named by error and top frame', () => {
        const error = new TypeError("Cannot read properties of undefined (reading 'trim')");
        const [finding] = classifyInProcess({ kind: 'exception', durationMs: 3, name: error.name, message: error.message, stack: error.stack }, files, ['nest-deep']);
        expect(finding.class).toBe('crash');
        expect(finding.signature).toContain("TypeError: Cannot read properties of undefined (reading '…')");
        expect(finding.signature).toContain('fuzz.test.ts');
    });

    it('classifies a known-crashing CLI run (exit 2, no JSON) as a crash', async () => {
        // A real CLI run that cannot give the JSON array: a folder without .chidu files is a usage error.
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-fuzz-test-'));
        try {
            const outcome = await runCli(empty, 30_000);
            expect(outcome.exitCode).toBe(2);
            const findings = classifyCli(outcome, {}, []);
            expect(classes(findings)).toEqual(['crash']);
            expect(findings[0].signature).toMatch(/^crash\|cli\|exit 2\|chidu: 目录中没有/);
        } finally {
            fs.rmSync(empty, { recursive: true, force: true });
        }
        expect(classes(classifyCli(cli({ stdout: 'TypeError: x\n    at y' }), files, []))).toEqual(['crash']);
        expect(classes(classifyCli(cli({ exitCode: null, signal: 'SIGSEGV', stdout: '' }), files, []))).toEqual(['crash']);
        expect(classes(classifyCli(cli({ exitCode: 0, stdout: JSON.stringify([{ file: 'a.chidu', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'error', code: 'CD002', message: '语法错误' }]) }), files, []))).toEqual(['crash']);
        expect(classes(classifyCli(cli({ timedOut: true, exitCode: null, signal: 'SIGKILL' }), files, ['nest-deep']))).toEqual(['hang']);
        // Anything logged to stderr under --format json is an internal error; the validator's own log is not
        // counted twice (its CD009 is in the output).
        const logged = "An error occurred while resolving reference to '1': TypeError: Cannot read properties of undefined (reading 'trim')\n    at normalizeTierName (/x/chidu-value-converter.js:16:30)\n"
            + 'An error occurred during validation: TypeError: boom\n    at check (/x/rule.js:1:1)\nTypeError: boom\n    at check (/x/rule.js:1:1)\n';
        const stderrFindings = classifyCli(cli({ stderr: logged }), files, []);
        expect(stderrFindings.map(f => f.signature)).toEqual([
            "internal-error|cli stderr|An error occurred while resolving reference to '…': TypeError: Cannot read properties of undefined (|normalizeTierName@chidu-value-converter.js"
        ]);
    });

    it('finds CD009, undefined/null/NaN not in the input, missing locations and missing codes', () => {
        const diagnostics = [
            { file: 'a.chidu', range, severity: 1, code: 'CD009', message: 'Chidu 内部错误，此处的检查结果可能不完整：An error occurred during validation: x is not a function' },
            { file: 'a.chidu', range, severity: 1, code: 'CD602', message: '条目 undefined须引用基准事项' },
            { file: 'a.chidu', range, severity: 1, code: 'CD301', message: '罚款上限 NaN万元' },
            { file: 'a.chidu', severity: 1, code: 'CD002', message: '语法错误' },
            { file: 'a.chidu', range: { start: { line: 0, character: Number.NaN }, end: { line: 0, character: 1 } }, severity: 1, code: 'CD002', message: '语法错误' },
            { file: 'a.chidu', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } }, severity: 1, code: 'CD002', message: '语法错误' },
            { file: 'a.chidu', range, severity: 1, message: "Could not resolve reference to Benchmark named '乙'." }
        ];
        const findings = classifyInProcess({ kind: 'ok', durationMs: 1, diagnostics }, files, []);
        expect(findings.map(f => f.class)).toEqual(['internal-error', 'bad-message', 'bad-message', 'no-location', 'no-location', 'no-location', 'no-code']);
        // A CD009 quoting a JavaScript error is an internal error only.
        expect(classifyInProcess({ kind: 'ok', durationMs: 1, diagnostics: [{ file: 'a.chidu', range, severity: 1, code: 'CD009', message: "An error occurred during validation: Cannot read properties of undefined (reading 'bounds')" }] }, files, []).map(f => f.class)).toEqual(['internal-error']);
        // A word the user wrote is not a defect of the message.
        const quoted = { 'a.chidu': '基准 「null」 {\n}\n' };
        expect(classifyInProcess({ kind: 'ok', durationMs: 1, diagnostics: [{ file: 'a.chidu', range, severity: 1, code: 'CD401', message: '上级「null」不存在' }] }, quoted, [])).toEqual([]);
    });

    it('reports an exception Langium only logged (reference resolution) as an internal error', () => {
        const error = new TypeError("Cannot read properties of undefined (reading 'trim')");
        const findings = classifyInProcess({
            kind: 'ok', durationMs: 1, diagnostics: [],
            logs: [{ level: 'error', text: "An error occurred while resolving reference to '1':", error: { name: error.name, message: error.message, stack: error.stack } }]
        }, files, []);
        expect(classes(findings)).toEqual(['internal-error']);
        expect(findings[0].signature).toContain('resolving reference');
    });

    it('keeps signatures stable across inputs and apart across defects', () => {
        expect(normalize('阶次「从轻」罚款上限 30万元 超出《大气污染防治法》第九十九条')).toBe(normalize('阶次「一般」罚款上限 5万元 超出《水法》第三条'));
        expect(topFrame('Error: x\n    at check (/a/b/rule.js:1:2)')).toBe('check@rule.js');
        expect(topFrame('Error: x\n    at check (/a/b/rule.js:1:2)')).not.toBe(topFrame('Error: x\n    at other (/a/b/rule.js:1:2)'));
        // A stack overflow is named by its phase, not by wherever the recursion ran out.
        const overflow = (frame: string) => classifyInProcess({
            kind: 'exception', durationMs: 1, name: 'RangeError', message: 'Maximum call stack size exceeded',
            stack: `RangeError: Maximum call stack size exceeded\n    at ${frame}\n    at LangiumParser.subrule (/n/langium/lib/parser/langium-parser.js:266:35)`
        }, {}, ['nest-deep'])[0].signature;
        expect(overflow('isKeyword (/n/langium/lib/languages/generated/ast.js:222:26)')).toBe(overflow('getRuleType (/n/langium/lib/utils/grammar-utils.js:474:13)'));
        expect(overflow('isKeyword (/n/ast.js:1:1)')).toContain('recursion in the parser');
    });
});

describe('mutations', () => {
    const corpus = loadCorpus();

    it('cover every example and test resource workspace', () => {
        const names = corpus.map(w => w.name);
        expect(names).toContain('examples/guangdong-eco');
        expect(names.some(n => n.startsWith('examples/invalid/'))).toBe(true);
        expect(names.some(n => n.startsWith('packages/language/test/resources/'))).toBe(true);
        expect(corpus.flatMap(w => Object.values(w.files)).some(t => /[»«]/.test(t))).toBe(false);
        expect(keywords).toEqual(expect.arrayContaining(['基准', '同时满足', '罚款', '{']));
    });

    it('are seeded: the same case from the same seed, each case on its own', () => {
        expect(makeCase(corpus, keywords, 5, 17)).toEqual(makeCase(corpus, keywords, 5, 17));
        expect(caseSeed(5, 17)).not.toBe(caseSeed(5, 18));
        expect(caseSeed(5, 17)).not.toBe(caseSeed(6, 17));
    });

    it('each operation changes the text (and writes what the brief lists)', () => {
        const text = corpus.find(w => w.name === 'examples/guangdong-eco')!.files['list-province.chidu'];
        for (const op of TEXT_OPS) {
            const rng = new Random(3);
            const changed = Array.from({ length: 5 }, () => mutateText(text, op, rng, keywords).text).filter(t => t !== text);
            expect(changed.length, op).toBeGreaterThan(0);
        }
        const rng = new Random(9);
        const nests = Array.from({ length: 30 }, () => mutateText(text, 'nest-deep', rng, keywords).text);
        expect(nests.some(t => (t.match(/同时满足 \{/g) ?? []).length > 100)).toBe(true);
        const names = Array.from({ length: 30 }, () => mutateText(text, 'prototype-name', rng, keywords).text);
        expect(names.some(t => /constructor|__proto__/.test(t))).toBe(true);
        expect(chineseNumeral(105000)).toBe('十万五千');
        expect(chineseNumeral(100500)).toBe('十万零五百');
        expect(chineseNumeral(100000005)).toBe('一亿零五');
        expect(chineseNumeral(15)).toBe('十五');
        expect(chineseNumeral(1000005)).toBe('一百万零五');
    });
});

describe('fuzz runner on planted failures', () => {
    it('classifies each planted failure, kills the hang, saves each signature once', async () => {
        const plants = ['clean', 'throws', 'hangs', 'dies', 'internal', 'unlocated', 'undefinedname'];
        const corpus = plants.map(name => ({ name: `planted/${name}`, files: { [`${name}.chidu`]: '基准 「某基准」 { 层级 省 }\n' } }));
        const expected: Record<string, string | undefined> = {
            clean: undefined, throws: 'crash', hangs: 'hang', dies: 'crash', internal: 'internal-error', unlocated: 'no-location', undefinedname: 'bad-message'
        };
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-fuzz-planted-'));
        try {
            const count = 24;
            const result = await runFuzz({
                count, seed: 11, out, cliEvery: 0, timeoutMs: 400, cliTimeoutMs: 15_000, jobs: 1, corpus,
                workerFile: path.join(__dirname, 'fixtures/planted-worker.mjs')
            });
            const sources = Array.from({ length: count }, (_, i) => makeCase(corpus, keywords, 11, i).source.replace('planted/', ''));
            const failing = sources.filter(s => expected[s] !== undefined);
            expect(new Set(sources).size).toBeGreaterThanOrEqual(5);
            expect(result.failed).toBe(failing.length);
            expect(result.passed).toBe(count - failing.length);
            for (const [plant, cls] of Object.entries(expected)) {
                if (cls === undefined || !sources.includes(plant)) continue;
                expect(result.signatures.some(s => s.class === cls && s.source === `planted/${plant}`), plant).toBe(true);
            }
            if (sources.includes('dies')) expect(result.signatures.some(s => s.signature.startsWith('crash|worker-exit'))).toBe(true);
            // One folder per signature, with the whole input and the description.
            for (const record of result.signatures) {
                const dir = path.join(out, path.basename(record.artifact));
                const failure = JSON.parse(fs.readFileSync(path.join(dir, 'failure.json'), 'utf8')) as { signature: string; count: number };
                expect(failure.signature).toBe(record.signature);
                expect(fs.readdirSync(path.join(dir, 'workspace')).length).toBeGreaterThan(0);
            }
            const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as FuzzResult;
            expect(summary.failed).toBe(result.failed);
            expect(summary.signatures.reduce((sum, s) => sum + s.count, 0)).toBeGreaterThanOrEqual(result.failed);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});

describe('soak helpers', () => {
    it('turns a whole-text mutation into one minimal change', () => {
        expect(minimalChange('罚款 五万元以下', '罚款 十万元以下')).toEqual({ start: 3, end: 4, text: '十' });
        expect(minimalChange('aaa', 'aaaa')).toEqual({ start: 3, end: 3, text: 'a' });
        const change = minimalChange('abcdef', 'abXYef');
        expect('abcdef'.slice(0, change.start) + change.text + 'abcdef'.slice(change.end)).toBe('abXYef');
    });

    it('calls memory flat or growing from first- and last-quarter medians, after warm-up', () => {
        const flat = memoryFigures([{ edit: 0, rssMb: 80 }, { edit: 100, rssMb: 140 }, { edit: 200, rssMb: 150 }, { edit: 300, rssMb: 145 }, { edit: 400, rssMb: 150 }], 400, 1.5);
        expect(flat).toMatchObject({ first: 140, last: 150, flat: true });
        const growing = memoryFigures([{ edit: 100, rssMb: 100 }, { edit: 200, rssMb: 150 }, { edit: 300, rssMb: 200 }, { edit: 400, rssMb: 260 }], 400, 1.5);
        expect(growing).toMatchObject({ first: 100, last: 260, flat: false });
    });
});

describe('brief runs (fixed seed; findings are printed, not asserted)', () => {
    it('fuzz --count 200: every case accounted for, exit code and closing line agree, failures saved', async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-fuzz-brief-'));
        try {
            const { code, stdout, stderr } = await run(['packages/fuzz/out/fuzz-main.js', '--count', '200', '--seed', '7', '--cli-every', '50', '--out', out]);
            const closing = /^fuzz: (\d+) passed, (\d+) failed$/m.exec(stdout);
            expect(closing, stdout + stderr).not.toBeNull();
            const [passed, failed] = [Number(closing![1]), Number(closing![2])];
            expect(passed + failed).toBe(200);
            expect(code).toBe(failed > 0 ? 1 : 0);
            const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as FuzzResult;
            expect(summary.cliRuns).toBe(4);
            expect(summary.failed).toBe(failed);
            expect(fs.readdirSync(out).filter(e => e !== 'summary.json')).toHaveLength(summary.signatures.length);
            // The harness's closing line is indented here, so that CI does not read it as the suite's own closing line.
            console.log(`brief fuzz (seed 7):\n${stdout.replace(/^/gm, '  ')}`);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    }, 150_000);

    it('soak --edits 300: the server answers, RSS is sampled, final diagnostics compared with the CLI', async () => {
        const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-soak-brief-')), 'soak.json');
        try {
            const { code, stdout, stderr } = await run(['packages/fuzz/out/soak-main.js', '--edits', '300', '--seed', '7', '--rss-every', '50', '--json', json]);
            const closing = /^soak: (\d+) passed, (\d+) failed$/m.exec(stdout);
            expect(closing, stdout + stderr).not.toBeNull();
            const result = JSON.parse(fs.readFileSync(json, 'utf8')) as SoakResult;
            expect(Number(closing![2])).toBe(result.failed);
            expect(code).toBe(result.failed > 0 ? 1 : 0);
            if (result.serverExit === undefined) {
                expect(result.editsApplied).toBe(300);
                expect(Object.values(result.requests).reduce((sum, r) => sum + r.sent, 0)).toBeGreaterThan(50);
                expect(result.rss.length).toBeGreaterThanOrEqual(6);
                expect(result.comparisons.map(c => c.file)).toEqual(['county.chidu', 'jiangmen.chidu', 'list-jiangmen.chidu', 'list-province.chidu', 'province.chidu']);
            }
            console.log(`brief soak (seed 7):\n${stdout.replace(/^/gm, '  ')}`);
        } finally {
            fs.rmSync(path.dirname(json), { recursive: true, force: true });
        }
    }, 150_000);
});
