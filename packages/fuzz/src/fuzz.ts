/**
 * Mutation fuzzing (issue 12): N seeded cases, each a mutated copy of one seed workspace, validated
 * in-process (worker thread, time limit) and every K-th one also through the real CLI; failures classified,
 * deduplicated by signature and saved (the whole mutated workspace) under the output folder.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Random } from '@chidu/bench/out/prng.js';
import { FAILURE_CLASSES, type FailureClass, type Finding, classifyCli, classifyInProcess, uniqueFindings } from './classify.js';
import { REPO_ROOT, type SeedWorkspace, loadCorpus } from './corpus.js';
import { type AppliedMutation, DEFAULT_LIMITS, type Files, grammarKeywords, mutateWorkspace } from './mutate.js';
import { WorkerValidator, asWritten, validateWithCli, writeWorkspace } from './runner.js';

export interface FuzzOptions {
    readonly count: number;
    readonly seed: number;
    readonly out: string;
    /** Every K-th case also goes through the CLI (0: never). */
    readonly cliEvery: number;
    /** Time limit of one in-process validation. */
    readonly timeoutMs: number;
    /** Time limit of one CLI run (process start included). */
    readonly cliTimeoutMs: number;
    /** Cases validated at once (one worker each). */
    readonly jobs: number;
    /** Run only this case (to reproduce a saved failure). */
    readonly only?: number;
    /** Seeds (default: every example and test resource workspace). */
    readonly corpus?: readonly SeedWorkspace[];
    /** The validation worker script (tests plant one). */
    readonly workerFile?: string;
    readonly log?: (line: string) => void;
}

export interface SignatureRecord {
    readonly signature: string;
    readonly class: FailureClass;
    readonly via: Finding['via'];
    readonly detail: string;
    count: number;
    readonly firstCase: number;
    readonly source: string;
    readonly mutations: readonly AppliedMutation[];
    readonly artifact: string;
}

export interface FuzzResult {
    readonly seed: number;
    readonly cases: number;
    readonly passed: number;
    readonly failed: number;
    readonly cliRuns: number;
    readonly wallMs: number;
    readonly inProcessMedianMs: number;
    readonly inProcessMaxMs: number;
    /** Per class: cases with at least one such finding, and distinct signatures. */
    readonly classes: Record<FailureClass, { cases: number; signatures: number }>;
    readonly signatures: readonly SignatureRecord[];
    readonly out: string;
}

/** The seed of case i: each case is reproducible on its own (`--case i`). */
export function caseSeed(seed: number, index: number): number {
    let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
}

export interface FuzzCase {
    readonly index: number;
    readonly source: string;
    readonly files: Files;
    readonly mutations: readonly AppliedMutation[];
}

export function makeCase(corpus: readonly SeedWorkspace[], keywords: readonly string[], seed: number, index: number): FuzzCase {
    const rng = new Random(caseSeed(seed, index));
    const seedWorkspace = rng.pick(corpus);
    const { files, mutations } = mutateWorkspace(seedWorkspace.files, rng, keywords, DEFAULT_LIMITS);
    return { index, source: seedWorkspace.name, files, mutations };
}

const ARTIFACT_DIR = new RegExp(`^(${FAILURE_CLASSES.join('|')})-[0-9a-f]{10}$`);

/** Removes what an earlier run left in the output folder (only its own entries). */
async function clearOutput(out: string): Promise<void> {
    await fs.mkdir(out, { recursive: true });
    for (const entry of await fs.readdir(out)) {
        if (ARTIFACT_DIR.test(entry) || entry === 'summary.json') {
            await fs.rm(path.join(out, entry), { recursive: true, force: true });
        }
    }
}

function median(values: readonly number[]): number {
    if (values.length === 0) return 0;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
    const log = options.log ?? (() => undefined);
    const started = performance.now();
    const corpus = options.corpus ?? loadCorpus();
    const keywords = grammarKeywords(await fs.readFile(path.join(REPO_ROOT, 'grammar/chidu.langium'), 'utf8'));
    const out = path.resolve(options.out);
    await clearOutput(out);

    const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
    const records = new Map<string, Promise<SignatureRecord>>();
    const counts = new Map<string, number>();
    const classCases = Object.fromEntries(FAILURE_CLASSES.map(c => [c, 0])) as Record<FailureClass, number>;
    const durations: number[] = [];
    let failed = 0;
    let cliRuns = 0;
    let done = 0;

    const save = async (fuzzCase: FuzzCase, finding: Finding): Promise<SignatureRecord> => {
        const name = `${finding.class}-${createHash('sha1').update(finding.signature).digest('hex').slice(0, 10)}`;
        const dir = path.join(out, name);
        await writeWorkspace(path.join(dir, 'workspace'), fuzzCase.files);
        await fs.writeFile(path.join(dir, 'workspace.json'), `${JSON.stringify(fuzzCase.files, null, 1)}\n`);
        return {
            signature: finding.signature, class: finding.class, via: finding.via, detail: finding.detail, count: 0,
            firstCase: fuzzCase.index, source: fuzzCase.source, mutations: fuzzCase.mutations, artifact: path.relative(process.cwd(), dir) || dir
        };
    };

    const runCase = async (validator: WorkerValidator, index: number) => {
        const fuzzCase = makeCase(corpus, keywords, options.seed, index);
        const ops = fuzzCase.mutations.map(m => m.op);
        const outcome = await validator.validate(fuzzCase.files);
        if (outcome.kind === 'ok' || outcome.kind === 'exception') durations.push(outcome.durationMs);
        const findings = classifyInProcess(outcome, fuzzCase.files, ops);
        if (options.cliEvery > 0 && ((index + 1) % options.cliEvery === 0 || options.only !== undefined)) {
            cliRuns++;
            const cli = await validateWithCli(fuzzCase.files, options.cliTimeoutMs);
            findings.push(...classifyCli(cli, asWritten(fuzzCase.files), ops));
        }
        const unique = uniqueFindings(findings);
        if (unique.length > 0) {
            failed++;
            for (const cls of new Set(unique.map(f => f.class))) classCases[cls]++;
        }
        for (const finding of unique) {
            counts.set(finding.signature, (counts.get(finding.signature) ?? 0) + 1);
            if (!records.has(finding.signature)) {
                const saving = save(fuzzCase, finding);
                records.set(finding.signature, saving);
                await saving;
                log(`  new ${finding.class} (${finding.via}) in case ${index} from ${fuzzCase.source}: ${finding.signature}`);
            }
        }
        done++;
        if (done % 100 === 0) {
            log(`fuzz: ${done}/${indices.length} cases, ${failed} failed, ${records.size} signatures, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
    };

    let next = 0;
    const lanes = Array.from({ length: Math.max(1, Math.min(options.jobs, indices.length)) }, async () => {
        const validator = new WorkerValidator({ timeoutMs: options.timeoutMs, workerFile: options.workerFile });
        try {
            while (next < indices.length) {
                await runCase(validator, indices[next++]);
            }
        } finally {
            await validator.close();
        }
    });
    await Promise.all(lanes);

    const saved = await Promise.all(records.values());
    for (const record of saved) record.count = counts.get(record.signature) ?? 0;
    const signatures = saved.sort((a, b) => FAILURE_CLASSES.indexOf(a.class) - FAILURE_CLASSES.indexOf(b.class) || b.count - a.count);
    for (const record of signatures) {
        const { artifact, ...rest } = record;
        await fs.writeFile(path.join(out, path.basename(artifact), 'failure.json'), `${JSON.stringify({
            ...rest,
            reproduce: `npm run fuzz -- --seed ${options.seed} --case ${record.firstCase}`,
            validate: `node packages/cli/bin/chidu.js validate ${path.join(artifact, 'workspace')} --format json`
        }, null, 2)}\n`);
    }
    const classes = Object.fromEntries(FAILURE_CLASSES.map(c => [c, {
        cases: classCases[c], signatures: signatures.filter(s => s.class === c).length
    }])) as FuzzResult['classes'];
    const result: FuzzResult = {
        seed: options.seed, cases: indices.length, passed: indices.length - failed, failed, cliRuns,
        wallMs: performance.now() - started, inProcessMedianMs: median(durations), inProcessMaxMs: Math.max(0, ...durations),
        classes, signatures, out
    };
    await fs.writeFile(path.join(out, 'summary.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
}

/** The summary table, example signatures and the closing line. */
export function renderFuzzSummary(result: FuzzResult, examplesPerClass = 4): string {
    const lines: string[] = [];
    lines.push(`fuzz: seed ${result.seed}, ${result.cases} cases (${result.cliRuns} also through the CLI) in ${(result.wallMs / 1000).toFixed(1)} s; in-process validation median ${result.inProcessMedianMs.toFixed(0)} ms, max ${result.inProcessMaxMs.toFixed(0)} ms`);
    lines.push('');
    lines.push('| class | failing cases | signatures |');
    lines.push('|---|---:|---:|');
    for (const cls of FAILURE_CLASSES) {
        lines.push(`| ${cls} | ${result.classes[cls].cases} | ${result.classes[cls].signatures} |`);
    }
    for (const cls of FAILURE_CLASSES) {
        const records = result.signatures.filter(s => s.class === cls);
        if (records.length === 0) continue;
        lines.push('');
        lines.push(`${cls}:`);
        for (const record of records.slice(0, examplesPerClass)) {
            lines.push(`  ${record.count}× [${record.via}] ${record.signature}`);
            lines.push(`     e.g. ${record.detail.split('\n')[0].slice(0, 200)}`);
            lines.push(`     ${record.artifact}  (${record.source}: ${record.mutations.map(m => m.op).join(', ')})`);
        }
        if (records.length > examplesPerClass) lines.push(`  … ${records.length - examplesPerClass} more (summary.json)`);
    }
    if (result.signatures.length > 0) {
        lines.push('');
        lines.push(`failing inputs: ${path.relative(process.cwd(), result.out) || result.out}/<class>-<hash>/ (workspace/, workspace.json, failure.json)`);
    }
    lines.push(`fuzz: ${result.passed} passed, ${result.failed} failed`);
    return lines.join('\n');
}
