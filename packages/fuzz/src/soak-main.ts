/**
 * npm run soak -- --edits N --seed S [--rss-every E] [--request-every R] [--server FILE] [--max-rss-ratio X] [--json FILE]
 * Exit code: 0 nothing failed, 1 failures found, 2 usage, 3 the soak could not run.
 */
import { writeFile } from 'node:fs/promises';
import { UsageError, parseOptions } from './args.js';
import { renderSoakSummary, runSoak } from './soak.js';

async function main(): Promise<number> {
    const o = parseOptions(process.argv.slice(2), {
        edits: { default: '1000' }, seed: { default: '1' }, 'rss-every': { default: '500' }, 'request-every': { default: '3' },
        server: {}, 'request-timeout': { default: '30000' }, 'max-rss-ratio': { default: '1.5' }, json: {}
    }, ['server', 'max-rss-ratio', 'json']);
    const ratio = Number(o['max-rss-ratio']);
    if (!(ratio > 0)) throw new UsageError(`--max-rss-ratio must be a positive number: ${o['max-rss-ratio']}`);
    const result = await runSoak({
        edits: o.edits as number, seed: o.seed as number, rssEvery: Math.max(1, o['rss-every'] as number),
        requestEvery: Math.max(1, o['request-every'] as number), server: o.server as string | undefined,
        requestTimeoutMs: o['request-timeout'] as number, maxRssRatio: ratio,
        log: line => process.stderr.write(`${line}\n`)
    });
    if (o.json !== undefined) await writeFile(o.json as string, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${renderSoakSummary(result)}\n`);
    return result.failed > 0 ? 1 : 0;
}

main().then(code => { process.exitCode = code; }, (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof UsageError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 3;
});
