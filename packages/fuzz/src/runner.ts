/**
 * Runs cases with a time limit: in-process validation in a worker thread (terminated and replaced when it
 * runs past the limit or dies), and the real CLI as a child process (killed past its limit).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CliOutcome, InProcessOutcome } from './classify.js';
import { REPO_ROOT } from './corpus.js';
import type { ValidateResponse } from './validate-worker.js';

/** The compiled worker (also when this module runs from src/ under vitest). */
export const DEFAULT_WORKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../out/validate-worker.js');
export const CLI_BIN = path.join(REPO_ROOT, 'packages/cli/bin/chidu.js');

export interface ValidatorOptions {
    readonly timeoutMs: number;
    /** The worker script (a planted one in tests). */
    readonly workerFile?: string;
    /** V8 stack of the worker; about the main thread's (the CLI's) by default. */
    readonly stackSizeMb?: number;
    readonly maxOldGenerationSizeMb?: number;
}

export class WorkerValidator {
    private worker: Worker | undefined;
    private nextId = 1;
    private current: { id: number; worker: Worker; settle: (outcome: InProcessOutcome) => void } | undefined;

    constructor(private readonly options: ValidatorOptions) { }

    private spawn(): Worker {
        const worker = new Worker(this.options.workerFile ?? DEFAULT_WORKER, {
            resourceLimits: { stackSizeMb: this.options.stackSizeMb ?? 1, maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb ?? 2048 },
            stderr: false
        });
        worker.on('message', (response: ValidateResponse) => {
            if (this.current?.worker === worker && response.id === this.current.id) this.current.settle(response.outcome);
        });
        const died = (message: string, exitCode: number) => {
            if (this.worker === worker) this.worker = undefined;
            if (this.current?.worker === worker) this.current.settle({ kind: 'worker-exit', exitCode, message });
        };
        let lastError = '';
        worker.on('error', error => { lastError = `${error.name}: ${error.message}${'code' in error ? ` (${String(error.code)})` : ''}`; });
        worker.on('exit', code => died(lastError || `worker exited with code ${code}`, code));
        worker.unref();
        return worker;
    }

    /** Validates once; a run past the limit is killed and reported as a timeout. */
    private once(files: Readonly<Record<string, string>>): Promise<InProcessOutcome> {
        this.worker ??= this.spawn();
        const worker = this.worker;
        const id = this.nextId++;
        return new Promise<InProcessOutcome>(resolve => {
            const timer = setTimeout(() => {
                settle({ kind: 'timeout', timeoutMs: this.options.timeoutMs });
                if (this.worker === worker) this.worker = undefined;
                void worker.terminate();
            }, this.options.timeoutMs);
            const settle = (outcome: InProcessOutcome) => {
                if (this.current?.id !== id) return;
                this.current = undefined;
                clearTimeout(timer);
                resolve(outcome);
            };
            this.current = { id, worker, settle };
            worker.postMessage({ id, files });
        });
    }

    /**
     * Validates; a timeout is tried once more in a fresh worker (a loaded machine can be slow once) and
     * reported only when it happens again.
     */
    async validate(files: Readonly<Record<string, string>>): Promise<InProcessOutcome> {
        const first = await this.once(files);
        return first.kind === 'timeout' ? this.once(files) : first;
    }

    async close(): Promise<void> {
        const worker = this.worker;
        this.worker = undefined;
        if (worker) await worker.terminate();
    }
}

/** Writes a workspace under a directory (creating sub-folders). */
export async function writeWorkspace(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
    for (const [file, text] of Object.entries(files)) {
        const full = path.join(dir, ...file.split('/'));
        await fs.mkdir(path.dirname(full), { recursive: true });
        await fs.writeFile(full, text, 'utf8');
    }
}

/** The text of each file as it is on disk after writing it as UTF-8 (lone surrogates become U+FFFD). */
export function asWritten(files: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(Object.entries(files).map(([file, text]) => [file, Buffer.from(text, 'utf8').toString('utf8')]));
}

/** `node packages/cli/bin/chidu.js validate . --format json` in a directory, killed after the limit. */
export function runCli(dir: string, timeoutMs: number, extraArgs: readonly string[] = []): Promise<CliOutcome> {
    const start = performance.now();
    return new Promise(resolve => {
        const child = spawn(process.execPath, [CLI_BIN, 'validate', '.', '--format', 'json', ...extraArgs], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let timedOut = false;
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
        child.on('close', (exitCode, signal) => {
            clearTimeout(timer);
            resolve({
                exitCode, signal, timedOut, timeoutMs, durationMs: performance.now() - start,
                stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8')
            });
        });
    });
}

/** Validates a workspace through the CLI in a fresh temporary directory, removed afterwards. */
export async function validateWithCli(files: Readonly<Record<string, string>>, timeoutMs: number): Promise<CliOutcome> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chidu-fuzz-'));
    try {
        await writeWorkspace(dir, files);
        return await runCli(dir, timeoutMs);
    } finally {
        await fs.rm(dir, { recursive: true, force: true });
    }
}
