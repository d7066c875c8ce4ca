/**
 * npm run fuzz -- --count N --seed S [--out DIR] [--cli-every K] [--timeout MS] [--jobs J] [--case I]
 * Exit code: 0 nothing failed, 1 failures found, 2 usage.
 */
import { UsageError, parseOptions } from './args.js';
import { renderFuzzSummary, runFuzz } from './fuzz.js';

async function main(): Promise<number> {
    const o = parseOptions(process.argv.slice(2), {
        count: { default: '1000' }, seed: { default: '1' }, out: { default: 'artifacts/fuzz' }, 'cli-every': { default: '25' },
        timeout: { default: '5000' }, 'cli-timeout': {}, jobs: { default: '1' }, case: {}
    }, ['out']);
    const timeoutMs = o.timeout as number;
    const result = await runFuzz({
        count: o.count as number, seed: o.seed as number, out: o.out as string, cliEvery: o['cli-every'] as number,
        timeoutMs, cliTimeoutMs: (o['cli-timeout'] as number | undefined) ?? Math.max(3 * timeoutMs, 15_000),
        jobs: o.jobs as number, only: o.case as number | undefined,
        log: line => process.stderr.write(`${line}\n`)
    });
    process.stdout.write(`${renderFuzzSummary(result)}\n`);
    return result.failed > 0 ? 1 : 0;
}

main().then(code => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof UsageError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 3;
});
