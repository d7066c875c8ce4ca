import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root and the `chidu` bin the tests run, as a user's shell would. */
export const REPO = path.resolve(__dirname, '../../../..');
export const BIN = path.join(REPO, 'packages/cli/bin/chidu.js');

export interface CliRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the real CLI in a child process (from the repository root unless `cwd` says otherwise). */
export function runChidu(args: readonly string[], options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> } = {}): CliRun {
    const result = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? REPO, encoding: 'utf8', env: options.env ? { ...process.env, ...options.env } : process.env
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'chidu-test-'): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file below `dir` by its path relative to `dir` (`/`-separated), with its text. */
export function readTree(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else out[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
        }
    };
    walk(dir);
    return out;
}
