/**
 * Evaluation on a compiled chain (issue 14): the load time of `chidu build`'s output (read, parse, index)
 * and evaluations per second over generated cases, each a full `runtime.evaluate(case)` (validation against
 * the fact vocabulary, item lookup nearest-first, every tier's conditions, the lists' entries, 裁量说明).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type EffectiveBenchmarkJson, createRuntime } from '@chidu/runtime';
import { Random } from './prng.js';

export interface RuntimeBenchResult {
    readonly documents: number;
    readonly items: number;
    readonly tiers: number;
    readonly megabytes: number;
    /** Reading and parsing the JSON files and indexing them (the vocabulary included). */
    readonly loadMs: number;
    readonly cases: number;
    readonly evaluationsPerSecond: number;
    readonly medianMicros: number;
    readonly p99Micros: number;
    /** CPU time (user + system) per evaluation: on a shared machine wall-clock tails are other processes' time slices. */
    readonly cpuMicrosPerEvaluation: number;
    readonly loadAverage: number;
    /** Cases whose tier was decided (the rest have an 情形 the generated findings leave open, or 竞合). */
    readonly decided: number;
}

function jsonFiles(dir: string): string[] {
    return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.json')).sort().map(f => path.join(dir, f));
}

/** Cases drawn from the chain itself: an item of a county (the longest chain), findings for one of its tiers. */
function generateCases(benchmarks: readonly EffectiveBenchmarkJson[], count: number, seed: number): unknown[] {
    const rng = new Random(seed);
    const lowest = [...benchmarks].sort((a, b) => (b.document.level === 'county' ? 1 : 0) - (a.document.level === 'county' ? 1 : 0));
    const candidates = lowest.filter(b => b.document.level === lowest[0]!.document.level && b.items.some(i => i.tiers.length > 0));
    const cases: unknown[] = [];
    for (let i = 0; i < count; i++) {
        const benchmark = candidates[rng.int(0, candidates.length - 1)]!;
        const items = benchmark.items.filter(item => item.tiers.length > 0);
        const item = items[rng.int(0, items.length - 1)]!;
        const tier = item.tiers[rng.int(0, item.tiers.length - 1)]!;
        const findings: Record<string, boolean> = {};
        if (tier.conditions.length > 0) findings[tier.conditions[rng.int(0, tier.conditions.length - 1)]!] = true;
        const facts: Record<string, string> = {};
        for (const selector of tier.selectors) {
            if (selector.type !== 'indicator') continue;
            const lower = selector.interval?.lower?.value;
            if (lower !== undefined && selector.interval?.unit === 'yuan') facts[selector.name] = `${lower}元`;
        }
        const effective = benchmark.document.effectiveFrom ?? '2025-01-01';
        cases.push({ authority: benchmark.document.issuer, item: item.code, actDate: effective, findings, facts });
    }
    return cases;
}

export function measureRuntime(outDir: string, caseCount: number, seed: number): RuntimeBenchResult {
    const files = jsonFiles(outDir);
    const started = performance.now();
    const texts = files.map(f => fs.readFileSync(f, 'utf8'));
    const runtime = createRuntime(texts.map(t => JSON.parse(t) as unknown));
    const loadMs = performance.now() - started;
    const benchmarks = runtime.chain.benchmarks;
    const cases = generateCases(benchmarks, caseCount, seed);
    // Warm up (JIT), then time each evaluation.
    for (const c of cases.slice(0, Math.min(500, cases.length))) runtime.evaluate(c);
    const micros: number[] = [];
    let decided = 0;
    const all = performance.now();
    const cpu = process.cpuUsage();
    for (const c of cases) {
        const t = performance.now();
        const { decision } = runtime.evaluate(c);
        micros.push((performance.now() - t) * 1000);
        if (decision.tier !== null) decided++;
    }
    const totalMs = performance.now() - all;
    const used = process.cpuUsage(cpu);
    micros.sort((a, b) => a - b);
    const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
    return {
        documents: files.length,
        items: benchmarks.reduce((n, b) => n + b.items.length, 0),
        tiers: benchmarks.reduce((n, b) => n + b.items.reduce((m, i) => m + i.tiers.length, 0), 0),
        megabytes: round(texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576, 2),
        loadMs: round(loadMs),
        cases: cases.length,
        evaluationsPerSecond: Math.round(cases.length / (totalMs / 1000)),
        medianMicros: round(micros[Math.floor(micros.length / 2)] ?? 0),
        p99Micros: round(micros[Math.floor(micros.length * 0.99)] ?? 0),
        cpuMicrosPerEvaluation: round((used.user + used.system) / cases.length),
        loadAverage: round(os.loadavg()[0]!, 2),
        decided
    };
}

export function describeRuntime(r: RuntimeBenchResult): string {
    return `runtime: compiled chain of ${r.documents} documents, ${r.items} items, ${r.tiers} tiers (${r.megabytes} MB JSON) loaded in ${r.loadMs} ms; ` +
        `${r.cases} evaluations: ${r.evaluationsPerSecond}/s, median ${r.medianMicros} µs, p99 ${r.p99Micros} µs wall, ${r.cpuMicrosPerEvaluation} µs CPU per evaluation ` +
        `(${r.decided} decided a tier; load average ${r.loadAverage})`;
}
