/**
 * `npm run bench [-- --quick] [-- --out FILE]`: the province-scale benchmark (issue 6).
 *
 *   1. generates the default workspace (1 × 3,000 + 4 × 1,000 + 6 × 500 items, planted defects) and a clean twin;
 *   2. cold CLI `validate --format json` (wall, CPU, peak RSS) and the planted-defect check;
 *   3. cold CLI `build` of the clean twin (items/s);
 *   4. bare parse vs full pipeline in fresh processes (same parser) and their ratio;
 *   5. the scaling series (1k, 5k, 10k, 50k items) and its fitted exponent;
 *   6. edit → publishDiagnostics latency over stdio on a 500-item county file;
 *   7. evaluation on the compiled output of step 3: load time of the chain and evaluations per second.
 *
 * Also: `npm run bench -- generate --items N --out DIR [--defects N] [--seed N]` writes a workspace, and
 * `npm run bench -- runtime [--items N] [--cases N]` runs step 7 alone (generate, build, evaluate).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureEditLatency, type EditLatencyResult } from './edit-latency.js';
import { DEFAULT_OPTIONS, type GeneratedWorkspace, type GeneratorOptions, type PlantedDefect, generateWorkspace, optionsForTotal } from './generator.js';
import { fitExponent } from './fit.js';
import { type Measured, hasGnuTime, runMeasured } from './process-stats.js';
import { type RuntimeBenchResult, describeRuntime, measureRuntime } from './runtime-bench.js';
import { type Target, mostRefinedProvinceItem, target } from './targets.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const CLI = path.join(REPO, 'packages/cli/bin/chidu.js');
const CHILD = path.join(HERE, 'measure-child.js');
const LANGUAGE_SERVER = path.join(REPO, 'packages/language/out/lsp/main.js');
const FALLBACK_SERVER = path.join(HERE, 'server.js');

interface Args {
    command: 'bench' | 'generate' | 'runtime';
    cases?: number;
    quick: boolean;
    out?: string;
    seed: number;
    defects?: number;
    items?: number;
    sizes?: number[];
    edits?: number;
    dir: string;
    server?: string;
    maxOldSpaceMb: number;
}

function parseArgs(argv: readonly string[]): Args {
    const args: Args = { command: 'bench', quick: false, seed: DEFAULT_OPTIONS.seed, dir: path.join(REPO, '.chidu-bench'), maxOldSpaceMb: 16384 };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined) throw new Error(`${arg} needs a value`);
            return v;
        };
        switch (arg) {
            case 'generate': args.command = 'generate'; break;
            case 'runtime': args.command = 'runtime'; break;
            case '--cases': args.cases = Number(value()); break;
            case '--quick': args.quick = true; break;
            case '--out': args.out = path.resolve(value()); break;
            case '--seed': args.seed = Number(value()); break;
            case '--defects': args.defects = Number(value()); break;
            case '--items': args.items = Number(value()); break;
            case '--sizes': args.sizes = value().split(',').map(Number); break;
            case '--edits': args.edits = Number(value()); break;
            case '--dir': args.dir = path.resolve(value()); break;
            case '--server': args.server = path.resolve(value()); break;
            case '--max-old-space': args.maxOldSpaceMb = Number(value()); break;
            case '--help': case '-h':
                process.stdout.write('npm run bench -- [--quick] [--out FILE] [--seed N] [--defects N] [--sizes 1000,5000,…] [--edits N] [--dir DIR] [--server FILE]\n' +
                    'npm run bench -- generate --items N --out DIR [--defects N] [--seed N]\n' +
                    'npm run bench -- runtime [--items N] [--cases N] [--seed N]\n');
                process.exit(0);
                break;
            default: throw new Error(`unknown argument ${arg}`);
        }
    }
    return args;
}

function writeWorkspace(workspace: GeneratedWorkspace, dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of workspace.files) {
        const target = path.join(dir, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.text);
    }
}

function workspaceBytes(workspace: GeneratedWorkspace): number {
    return workspace.files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
}

function log(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
}

interface ReportedDiagnostic { file: string; line: number; severity: string; code: string; message: string }

interface DefectCheck {
    found: number;
    missed: PlantedDefect[];
    unexpectedErrors: ReportedDiagnostic[];
    unexpectedWarnings: ReportedDiagnostic[];
    infos: number;
}

const SEVERITY_WORDS: Record<string, string> = { '错误': 'error', '警告': 'warning', '提示': 'info' };

/** Diagnostics from the CLI's text output (`file:line:col: 错误 CODE message`, as `build` prints them). */
function parseTextDiagnostics(stdout: string): ReportedDiagnostic[] {
    return stdout.split('\n').flatMap(line => {
        const m = /^(.*?):(\d+):(\d+): (错误|警告|提示) (\S+) (.*)$/.exec(line);
        return m ? [{ file: m[1], line: Number(m[2]), severity: SEVERITY_WORDS[m[4]], code: m[5], message: m[6] }] : [];
    });
}

function checkDefects(diagnostics: readonly ReportedDiagnostic[], workspace: GeneratedWorkspace, dir: string): DefectCheck {
    const key = (file: string, line: number) => `${path.resolve(REPO, file)}:${line}`;
    const byLine = new Map<string, ReportedDiagnostic[]>();
    for (const d of diagnostics) {
        const k = key(d.file, d.line);
        byLine.set(k, [...(byLine.get(k) ?? []), d]);
    }
    const plantedLines = new Set(workspace.planted.flatMap(p => [p.line, ...p.alsoLines].map(line => key(path.join(dir, p.file), line))));
    const missed = workspace.planted.filter(p => !(byLine.get(key(path.join(dir, p.file), p.line)) ?? []).some(d => p.accept.includes(d.code)));
    const outside = diagnostics.filter(d => !plantedLines.has(key(d.file, d.line)));
    return {
        found: workspace.planted.length - missed.length,
        missed,
        unexpectedErrors: outside.filter(d => d.severity === 'error'),
        unexpectedWarnings: outside.filter(d => d.severity === 'warning'),
        infos: diagnostics.filter(d => d.severity === 'info' || d.severity === 'hint').length
    };
}

async function child(mode: 'parse' | 'pipeline', dir: string, maxOldSpaceMb: number): Promise<{ measured: Measured; result: Record<string, unknown> }> {
    const measured = await runMeasured(process.execPath, [`--max-old-space-size=${maxOldSpaceMb}`, CHILD, mode, dir], { cwd: REPO });
    if (measured.code !== 0) {
        throw new Error(`${mode} child failed (${measured.code}): ${measured.stderr.slice(-2000)}`);
    }
    return { measured, result: JSON.parse(measured.stdout.trim().split('\n').pop()!) as Record<string, unknown> };
}

const round = (n: number | undefined, digits = 0) => n === undefined || !Number.isFinite(n) ? undefined : Number(n.toFixed(digits));

async function bench(args: Args): Promise<void> {
    const started = performance.now();
    const loadBefore = os.loadavg();
    const quick = args.quick;
    const defaultOptions: GeneratorOptions = quick
        ? { ...optionsForTotal(600), seed: args.seed, defects: args.defects ?? 15 }
        : { ...DEFAULT_OPTIONS, seed: args.seed, defects: args.defects ?? DEFAULT_OPTIONS.defects };
    const sizes = args.sizes ?? (quick ? [150, 300, 600] : [1000, 5000, 10_000, 50_000]);
    const edits = args.edits ?? (quick ? 20 : 60);
    fs.mkdirSync(args.dir, { recursive: true });

    // 1. Workspaces.
    const workspace = generateWorkspace(defaultOptions);
    const defaultDir = path.join(args.dir, `default-${workspace.items}`);
    writeWorkspace(workspace, defaultDir);
    const clean = generateWorkspace({ ...defaultOptions, defects: 0 });
    const cleanDir = path.join(args.dir, `clean-${clean.items}`);
    writeWorkspace(clean, cleanDir);
    log(`workspace: ${workspace.items} items in ${workspace.files.length} files (${(workspaceBytes(workspace) / 1048576).toFixed(1)} MB), ${workspace.planted.length} planted defects → ${defaultDir}`);

    // 2. Cold validate.
    log('cold CLI validate …');
    const validate = await runMeasured(process.execPath, [CLI, 'validate', defaultDir, '--format', 'json'], { cwd: REPO });
    if (validate.code !== 0 && validate.code !== 1) {
        throw new Error(`chidu validate failed (${validate.code}): ${validate.stderr.slice(-2000)}`);
    }
    let reported: ReportedDiagnostic[];
    try {
        reported = JSON.parse(validate.stdout) as ReportedDiagnostic[];
    } catch {
        throw new Error(`chidu validate printed no JSON (exit ${validate.code}): ${validate.stderr.slice(-2000)}`);
    }
    const defects = checkDefects(reported, workspace, defaultDir);

    // 3. Build throughput (the clean twin: build writes nothing when there are errors).
    log('cold CLI build …');
    // --out is a link into a store beside it (see packages/cli/src/output-tree.ts): both live in buildRoot.
    const buildRoot = path.join(args.dir, 'build');
    const buildOut = path.join(buildRoot, 'out');
    fs.rmSync(buildRoot, { recursive: true, force: true });
    const build = await runMeasured(process.execPath, [CLI, 'build', cleanDir, '--out', buildOut], { cwd: REPO });
    const cleanCheck = checkDefects(parseTextDiagnostics(build.stdout), clean, cleanDir);
    const builtFiles = fs.existsSync(buildOut) ? fs.readdirSync(buildOut, { recursive: true }).map(String).filter(f => f.endsWith('.json') && path.basename(f) !== 'index.json') : []; // not the manifest
    const built = builtFiles.length;
    const buildOutputBytes = builtFiles.reduce((sum, f) => sum + fs.statSync(path.join(buildOut, f)).size, 0);
    // 7 (run here, while the build output exists). Evaluation on the compiled chain.
    let runtime: RuntimeBenchResult | undefined;
    if (build.code === 0 && built > 0) {
        log('evaluations on the compiled chain …');
        runtime = measureRuntime(buildOut, args.cases ?? (quick ? 2000 : 20_000), args.seed);
        log(describeRuntime(runtime));
    }
    fs.rmSync(buildRoot, { recursive: true, force: true }); // hundreds of MB at province scale

    // build − validate: a cold validate of the same clean twin, so that the difference is the build's own work.
    log('cold CLI validate of the clean twin …');
    const cleanValidate = await runMeasured(process.execPath, [CLI, 'validate', cleanDir, '--format', 'json'], { cwd: REPO });

    // 4 + 5. Parse baseline, pipeline and scaling series (each measurement in a fresh process).
    const scaling: {
        items: number; bytes: number; parseMs: number; pipelineMs: number; pipelineCpuMs: number; parseCpuMs: number;
        ratio: number; childPeakRssMb?: number; parsePeakRssMb?: number; phasesMs: Record<string, number>;
    }[] = [];
    let largeValidate: { items: number; wallMs: number; peakRssMb?: number; code: number | null } | undefined;
    for (const size of sizes) {
        let dir = defaultDir;
        let ws = workspace;
        if (size !== workspace.items) {
            ws = generateWorkspace({ ...optionsForTotal(size), seed: args.seed, defects: Math.round((defaultOptions.defects * size) / workspace.items) });
            dir = path.join(args.dir, `scale-${ws.items}`);
            writeWorkspace(ws, dir);
        }
        log(`scaling ${ws.items} items: parse …`);
        const parse = await child('parse', dir, args.maxOldSpaceMb);
        log(`scaling ${ws.items} items: pipeline …`);
        const pipeline = await child('pipeline', dir, args.maxOldSpaceMb);
        scaling.push({
            items: ws.items, bytes: workspaceBytes(ws),
            parseMs: parse.result.ms as number, parseCpuMs: parse.result.cpuMs as number,
            pipelineMs: pipeline.result.ms as number, pipelineCpuMs: pipeline.result.cpuMs as number,
            ratio: (pipeline.result.ms as number) / (parse.result.ms as number),
            childPeakRssMb: pipeline.measured.peakRssMb, parsePeakRssMb: parse.measured.peakRssMb, phasesMs: pipeline.result.phaseMs as Record<string, number>
        });
        if (ws.items >= 50_000) {
            log(`scaling ${ws.items} items: cold CLI validate …`);
            const large = await runMeasured(process.execPath, [`--max-old-space-size=${args.maxOldSpaceMb}`, CLI, 'validate', dir, '--format', 'json'], { cwd: REPO });
            largeValidate = { items: ws.items, wallMs: large.wallMs, peakRssMb: large.peakRssMb, code: large.code };
        }
        if (dir !== defaultDir) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }
    const atDefault = scaling.find(s => s.items === workspace.items);
    const scalingExponent = fitExponent(scaling.map(s => ({ x: s.items, y: s.pipelineMs })));
    const scalingExponentCpu = fitExponent(scaling.map(s => ({ x: s.items, y: s.pipelineCpuMs })));

    // 6. Edit latency over stdio, and its floor: a warm parse of the edited file (Langium reparses the whole
    // document on every change).
    const floor = await runMeasured(process.execPath, [CHILD, 'parse-file', path.join(defaultDir, workspace.editFile), quick ? '5' : '15'], { cwd: REPO });
    const editFileParseMs = floor.code === 0 ? (JSON.parse(floor.stdout.trim().split('\n').pop()!) as { medianMs: number }).medianMs : undefined;
    const serverPath = args.server ?? (fs.existsSync(LANGUAGE_SERVER) ? LANGUAGE_SERVER : FALLBACK_SERVER);
    log(`edit latency (${edits} edits of ${workspace.editFile}, server ${path.relative(REPO, serverPath)}) …`);
    let edit: EditLatencyResult | undefined;
    let editError: string | undefined;
    try {
        edit = await measureEditLatency({
            server: [process.execPath, `--max-old-space-size=${args.maxOldSpaceMb}`, serverPath, '--stdio'], workspace: defaultDir,
            file: workspace.editFile, targets: workspace.editTargets, edits, seed: args.seed, timeoutMs: 600_000
        });
    } catch (error) {
        editError = (error as Error).message;
        log(`edit latency failed: ${editError}`);
    }

    const cpus = os.cpus().length;
    const buildMs = build.wallMs;
    const editFileItems = workspace.files.find(f => f.path === workspace.editFile)?.items;
    const items10k = workspace.items === 10_000;
    const quickNote = items10k ? undefined : `measured on ${workspace.items.toLocaleString('en-US')} items; the goal is for 10,000`;
    const editFileNote = editFileItems === 500 ? undefined : `measured on a ${editFileItems ?? '?'}-item county file; the goal is for 500 items`;
    const mostRefined = mostRefinedProvinceItem(workspace.files, 'province.chidu');
    const buildMinusValidateMs = build.code === 0 && cleanValidate.code === 0 ? buildMs - cleanValidate.wallMs : undefined;
    const sizesNote = `items ${scaling.map(s => s.items.toLocaleString('en-US')).join(', ')}`;
    const targets: Record<string, Target> = {
        coldValidateWallMs: target('cold validate, wall', round(validate.wallMs), 'ms', 2000, { applies: items10k, note: quickNote }),
        coldValidatePeakRssMb: target('cold validate, peak RSS', round(validate.peakRssMb, 1), 'MB', 400, { applies: items10k, note: quickNote }),
        coldValidate50kWallMs: target('cold validate of 50,000 items, wall', round(largeValidate?.wallMs), 'ms', 10_000,
            { note: largeValidate ? undefined : 'no 50,000-item workspace in this run (--quick or --sizes)' }),
        coldValidate50kPeakRssMb: target('cold validate of 50,000 items, peak RSS', round(largeValidate?.peakRssMb, 1), 'MB', 2048,
            { note: largeValidate ? (largeValidate.peakRssMb === undefined ? 'RSS unreadable' : undefined) : 'no 50,000-item workspace in this run (--quick or --sizes)' }),
        editLatencyP95Ms: target('edit → diagnostics in the county file, p95', round(edit?.p95Ms, 1), 'ms', 100, { applies: editFileItems === 500, note: edit ? editFileNote : editError ?? 'no edits ran' }),
        editLatencyMedianMs: target('edit → diagnostics in the county file, median', round(edit?.medianMs, 1), 'ms', 30, { applies: editFileItems === 500, note: edit ? editFileNote : editError ?? 'no edits ran' }),
        upperEditLatencyP95Ms: target('edit of a province item forty lower items refine, p95', undefined, 'ms', 1000, {
            note: `the harness edits only the county file; the generated workspace's most refined province item (${mostRefined.code ?? '—'}) has ${mostRefined.refiners} lower refinements, not 40`
        }),
        lspRssMb: target('language server RSS, workspace open (peak over the edit run)', round(edit?.serverPeakRssMb, 1), 'MB', 1024,
            { applies: items10k, goalUnit: 'MB (1 GB)', note: edit?.serverPeakRssMb === undefined ? editError ?? 'the server\'s RSS could not be read' : quickNote }),
        buildOutputKbPerItem: target('build output per item (JSON)', built > 0 ? round(buildOutputBytes / 1024 / clean.items, 2) : undefined, 'KB', 4,
            { note: built > 0 ? `${round(buildOutputBytes / 1048576, 1)} MB in ${built} files` : `the build wrote nothing (exit ${build.code})` }),
        buildMinusValidateMs: target('build − validate (same clean workspace, cold)', round(buildMinusValidateMs), 'ms', 500,
            { applies: items10k, note: buildMinusValidateMs === undefined ? `build exit ${build.code}, validate exit ${cleanValidate.code}` : quickNote }),
        pipelineToParseRatio: target('full pipeline / bare parse', round(atDefault?.ratio, 2), '×', 2, { note: atDefault ? undefined : 'the default size is not in --sizes' }),
        scalingExponent: target('scaling exponent, 1k → 50k (wall)', round(scalingExponent, 3), '', 1.1,
            { applies: scaling.some(s => s.items === 1000) && scaling.some(s => s.items >= 50_000), note: sizesNote })
    };
    const results = {
        targets,
        coldValidateMs: round(validate.wallMs),
        coldValidatePeakRssMb: round(validate.peakRssMb, 1),
        coldValidateCpuMs: round(validate.cpuMs),
        buildItemsPerSecond: build.code === 0 && built > 0 ? round(clean.items / (buildMs / 1000)) : 0,
        buildMs: round(buildMs),
        buildExitCode: build.code,
        buildFilesWritten: built,
        buildOutputBytes,
        cleanValidateMs: round(cleanValidate.wallMs),
        buildMinusValidateMs: round(buildMinusValidateMs),
        coldValidateLarge: largeValidate && { ...largeValidate, wallMs: round(largeValidate.wallMs), peakRssMb: round(largeValidate.peakRssMb, 1) },
        mostRefinedProvinceItem: mostRefined,
        scalingExponent: round(scalingExponent, 3),
        scalingExponentCpu: round(scalingExponentCpu, 3),
        scaling: scaling.map(s => ({
            items: s.items, megabytes: round(s.bytes / 1048576, 2), parseMs: round(s.parseMs), pipelineMs: round(s.pipelineMs),
            parseCpuMs: round(s.parseCpuMs), pipelineCpuMs: round(s.pipelineCpuMs), pipelineToParseRatio: round(s.ratio, 2),
            pipelinePeakRssMb: round(s.childPeakRssMb, 1), parsePeakRssMb: round(s.parsePeakRssMb, 1), phasesMs: Object.fromEntries(Object.entries(s.phasesMs).map(([k, v]) => [k, round(v)]))
        })),
        parseMs: round(atDefault?.parseMs),
        parsePeakRssMb: round(atDefault?.parsePeakRssMb, 1),
        pipelineMs: round(atDefault?.pipelineMs),
        pipelineToParseRatio: round(atDefault?.ratio, 2),
        editLatencyMedianMs: round(edit?.medianMs, 1),
        editLatencyP95Ms: round(edit?.p95Ms, 1),
        editLatencyMaxMs: round(edit?.maxMs, 1),
        edits: edit?.latenciesMs.length ?? 0,
        editsVerified: edit?.verifiedEdits ?? 0,
        editFile: workspace.editFile,
        editFileItems,
        editFileKb: round(Buffer.byteLength(workspace.files.find(f => f.path === workspace.editFile)?.text ?? '') / 1024),
        editFileParseMs: round(editFileParseMs, 1),
        lspFirstDiagnosticsMs: round(edit?.openedMs),
        lspWorkspaceReadyMs: round(edit?.workspaceReadyMs),
        lspPeakRssMb: round(edit?.serverPeakRssMb, 1),
        lspServer: path.relative(REPO, serverPath),
        editError,
        runtimeLoadMs: runtime?.loadMs,
        runtimeEvaluationsPerSecond: runtime?.evaluationsPerSecond,
        runtimeMedianMicros: runtime?.medianMicros,
        runtimeP99Micros: runtime?.p99Micros,
        runtimeCases: runtime?.cases,
        runtimeCpuMicrosPerEvaluation: runtime?.cpuMicrosPerEvaluation,
        plantedDefects: workspace.planted.length,
        plantedDefectsFound: defects.found,
        missedDefects: defects.missed,
        unexpectedErrors: defects.unexpectedErrors.length + cleanCheck.unexpectedErrors.length,
        unexpectedWarnings: defects.unexpectedWarnings.length + cleanCheck.unexpectedWarnings.length,
        unexpectedSamples: [...defects.unexpectedErrors, ...defects.unexpectedWarnings, ...cleanCheck.unexpectedErrors, ...cleanCheck.unexpectedWarnings].slice(0, 10),
        infoDiagnostics: defects.infos,
        items: workspace.items,
        files: workspace.files.length,
        megabytes: round(workspaceBytes(workspace) / 1048576, 2),
        cpus,
        node: process.version,
        quick,
        seed: args.seed,
        rssSource: validate.rssSource,
        loadAverageBefore: loadBefore.map(l => round(l, 2)),
        loadAverageAfter: os.loadavg().map(l => round(l, 2)),
        benchSeconds: round((performance.now() - started) / 1000, 1),
        date: new Date().toISOString()
    };
    printTable(results);
    if (args.out) {
        fs.mkdirSync(path.dirname(args.out), { recursive: true });
        fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
        log(`results written to ${args.out}`);
    }
    if (!hasGnuTime()) {
        log('GNU time is not installed (apt-get install time): peak RSS is polled from /proc and may under-read');
    }
    if (defects.missed.length > 0 || results.unexpectedErrors > 0) {
        process.exitCode = 1;
    }
}

type Results = Record<string, unknown> & {
    scaling: {
        items: number; parseMs?: number; pipelineMs?: number; pipelineToParseRatio?: number; pipelinePeakRssMb?: number;
        parsePeakRssMb?: number; megabytes?: number;
    }[];
};

function printTable(r: Results): void {
    const n = (v: unknown, unit = '') => v === undefined || v === null ? '—' : `${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)}${unit}`;
    const status = (ok: boolean | undefined) => ok === undefined ? '—' : ok ? 'meets' : 'MISSES';
    const num = (key: string) => r[key] as number | undefined;
    const targets = Object.values(r.targets as Record<string, Target>);
    const targetRows: [string, string, string, string][] = targets.map(t => [
        t.label, t.value === undefined ? 'not measured' : n(t.value, t.unit === '' || t.unit === '×' ? t.unit : ` ${t.unit}`), t.goal,
        t.value === undefined ? '—' : t.meets === undefined ? 'n/a' : status(t.meets)
    ]);
    const rows: [string, string, string, string][] = [
        ['cold validate, CPU (user+sys)', n(num('coldValidateCpuMs'), ' ms'), '', ''],
        ['build throughput', n(num('buildItemsPerSecond'), ' items/s'), '≥ 20,000 items/s (issue 6)', status((num('buildItemsPerSecond') ?? 0) >= 20_000)],
        ['build / validate of the clean twin', `${n(num('buildMs'), ' ms')} / ${n(num('cleanValidateMs'), ' ms')}`, '', ''],
        ['parse only (in-process)', n(num('parseMs'), ' ms'), '', ''],
        ['parse only, peak RSS (ASTs kept)', n(num('parsePeakRssMb'), ' MB'), '', ''],
        ['full pipeline (in-process)', n(num('pipelineMs'), ' ms'), '', ''],
        ['scaling exponent (CPU)', n(num('scalingExponentCpu')), '', ''],
        ['edit → diagnostics, max', n(num('editLatencyMaxMs'), ' ms'), '', ''],
        ['floor: warm parse of the edited file', n(num('editFileParseMs'), ' ms'), '', ''],
        ['edits (verified)', `${n(num('edits'))} (${n(num('editsVerified'))})`, '≥ 50', status((num('edits') ?? 0) >= 50)],
        ['LSP open → first diagnostics', n(num('lspFirstDiagnosticsMs'), ' ms'), '', ''],
        ['LSP workspace fully validated', n(num('lspWorkspaceReadyMs'), ' ms'), '', ''],
        ['compiled chain load (runtime)', n(num('runtimeLoadMs'), ' ms'), '', ''],
        ['evaluations per second', n(num('runtimeEvaluationsPerSecond'), '/s'), '≥ 1,000/s', status(num('runtimeEvaluationsPerSecond') !== undefined ? num('runtimeEvaluationsPerSecond')! >= 1000 : undefined)],
        ['evaluation, CPU time each', n(num('runtimeCpuMicrosPerEvaluation'), ' µs'), '< 1,000 µs', status(num('runtimeCpuMicrosPerEvaluation') !== undefined ? num('runtimeCpuMicrosPerEvaluation')! < 1000 : undefined)],
        ['evaluation, wall median / p99', `${n(num('runtimeMedianMicros'), ' µs')} / ${n(num('runtimeP99Micros'), ' µs')}`, '', ''],
        ['planted defects found', `${n(num('plantedDefectsFound'))} / ${n(num('plantedDefects'))}`, 'all', status(num('plantedDefectsFound') === num('plantedDefects'))],
        ['unexpected errors / warnings', `${n(num('unexpectedErrors'))} / ${n(num('unexpectedWarnings'))}`, '0 / 0', status(num('unexpectedErrors') === 0 && num('unexpectedWarnings') === 0)]
    ];
    const widths = [0, 1, 2, 3].map(i => Math.max(...[...targetRows, ...rows].map(row => width(row[i])), width(['metric', 'value', 'target', ''][i])));
    const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ')} |`;
    const out: string[] = [];
    out.push(`Chidu benchmark — ${n(r.items)} items in ${n(r.files)} files (${n(r.megabytes)} MB), ${n(r.cpus)} CPUs, Node ${String(r.node)}, load ${JSON.stringify(r.loadAverageBefore)} → ${JSON.stringify(r.loadAverageAfter)}${r.quick ? ', QUICK' : ''}`);
    out.push('targets (issue 16; "n/a": measured on another size than the goal is for; notes below):');
    out.push(line(['target', 'value', 'goal', '']));
    out.push(line(widths.map(w => '-'.repeat(w))));
    for (const row of targetRows) out.push(line(row));
    for (const t of targets) if (t.note) out.push(`  ${t.label}: ${t.note}`);
    out.push('');
    out.push('other figures:');
    out.push(line(['metric', 'value', 'target', '']));
    out.push(line(widths.map(w => '-'.repeat(w))));
    for (const row of rows) out.push(line(row));
    out.push('');
    out.push('scaling series (fresh process each; in-process times exclude Node start-up):');
    const sRows = r.scaling.map(s => [
        n(s.items), n(s.megabytes, ' MB'), n(s.parseMs, ' ms'), n(s.pipelineMs, ' ms'), n(s.pipelineToParseRatio, '×'),
        n(s.parsePeakRssMb, ' MB'), n(s.pipelinePeakRssMb, ' MB')
    ]);
    const sHead = ['items', 'text', 'parse', 'pipeline', 'ratio', 'parse RSS', 'pipeline RSS'];
    const sWidths = sHead.map((h, i) => Math.max(width(h), ...sRows.map(row => width(row[i]))));
    const sLine = (cells: readonly string[]) => `| ${cells.map((c, i) => ' '.repeat(sWidths[i] - width(c)) + c).join(' | ')} |`;
    out.push(sLine(sHead));
    out.push(sLine(sWidths.map(w => '-'.repeat(w))));
    for (const row of sRows) out.push(sLine(row));
    if (r.editError) out.push(`edit latency: ${String(r.editError).split('\n')[0]}`);
    process.stdout.write(`${out.join('\n')}\n`);
}

/** Display width: CJK and the full-width forms count double. */
function width(text: string): number {
    let w = 0;
    for (const ch of text) {
        w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6≤≥—→×]/.test(ch) && !/[≤≥—→×]/.test(ch) ? 2 : 1;
    }
    return w;
}

async function generate(args: Args): Promise<void> {
    if (!args.out) throw new Error('generate needs --out DIR');
    const options = { ...optionsForTotal(args.items ?? 10_000), seed: args.seed, defects: args.defects ?? DEFAULT_OPTIONS.defects };
    const workspace = generateWorkspace(options);
    writeWorkspace(workspace, args.out);
    fs.writeFileSync(path.join(args.out, 'planted-defects.json'), `${JSON.stringify(workspace.planted, null, 2)}\n`);
    log(`${workspace.items} items, ${workspace.files.length} files, ${workspace.planted.length} planted defects (listed in planted-defects.json) → ${args.out}`);
}

/** Step 7 alone: a clean generated workspace, built by the CLI, evaluated in this process. */
async function runtimeOnly(args: Args): Promise<void> {
    const workspace = generateWorkspace({ ...optionsForTotal(args.items ?? 10_000), seed: args.seed, defects: 0 });
    const dir = path.join(args.dir, `runtime-${workspace.items}`);
    writeWorkspace(workspace, dir);
    const buildRoot = path.join(args.dir, 'runtime-build');
    const buildOut = path.join(buildRoot, 'out');
    fs.rmSync(buildRoot, { recursive: true, force: true });
    log(`${workspace.items} items: cold CLI build …`);
    const build = await runMeasured(process.execPath, [CLI, 'build', dir, '--out', buildOut], { cwd: REPO });
    if (build.code !== 0) throw new Error(`build failed (exit ${build.code}): ${build.stderr.slice(-500)}`);
    const result = measureRuntime(buildOut, args.cases ?? 20_000, args.seed);
    log(describeRuntime(result));
    if (args.out) {
        fs.mkdirSync(path.dirname(args.out), { recursive: true });
        fs.writeFileSync(args.out, `${JSON.stringify({ generatedItems: workspace.items, ...result }, null, 2)}\n`);
    }
    fs.rmSync(buildRoot, { recursive: true, force: true });
}

const args = parseArgs(process.argv.slice(2));
try {
    await (args.command === 'generate' ? generate(args) : args.command === 'runtime' ? runtimeOnly(args) : bench(args));
} catch (error) {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
}
