/**
 * Runs a child process and measures it: wall time, CPU time and peak resident set size. Peak RSS comes from
 * GNU time (`/usr/bin/time -v`, "Maximum resident set size") when it is installed, otherwise from polling
 * VmHWM in /proc/<pid>/status (a lower bound if the peak falls between two polls).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface Measured {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly wallMs: number;
    readonly cpuMs?: number;
    readonly peakRssMb?: number;
    readonly rssSource: 'gnu-time' | 'proc-vmhwm' | 'none';
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
    try {
        fs.accessSync(GNU_TIME, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/** VmHWM (peak RSS) of a live process in MB, undefined when unavailable. */
export function readPeakRssMb(pid: number): number | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s*(\d+)\s*kB/.exec(status)?.[1]);
        return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
        return undefined;
    }
}

export function runMeasured(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measured> {
    const gnu = hasGnuTime();
    const [cmd, argv] = gnu ? [GNU_TIME, ['-v', command, ...args]] : [command, [...args]];
    return new Promise((resolve, reject) => {
        const start = performance.now();
        const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        let polled: number | undefined;
        const poll = gnu ? undefined : setInterval(() => {
            const value = child.pid ? readPeakRssMb(child.pid) : undefined;
            if (value !== undefined) polled = Math.max(polled ?? 0, value);
        }, 10);
        child.on('error', reject);
        child.on('close', code => {
            const wallMs = performance.now() - start;
            if (poll) clearInterval(poll);
            let stderr = Buffer.concat(err).toString('utf8');
            let cpuMs: number | undefined;
            let peakRssMb = polled;
            if (gnu) {
                const marker = stderr.lastIndexOf('\tCommand being timed:');
                const report = marker >= 0 ? stderr.slice(marker) : '';
                stderr = marker >= 0 ? stderr.slice(0, marker) : stderr;
                const kb = Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(report)?.[1]);
                peakRssMb = Number.isFinite(kb) ? kb / 1024 : undefined;
                const user = Number(/User time \(seconds\):\s*([\d.]+)/.exec(report)?.[1]);
                const system = Number(/System time \(seconds\):\s*([\d.]+)/.exec(report)?.[1]);
                cpuMs = Number.isFinite(user + system) ? (user + system) * 1000 : undefined;
                const status = /Exit status:\s*(\d+)/.exec(report)?.[1];
                code = status !== undefined ? Number(status) : code;
            }
            resolve({
                code, stdout: Buffer.concat(out).toString('utf8'), stderr, wallMs, cpuMs, peakRssMb,
                rssSource: gnu ? 'gnu-time' : peakRssMb !== undefined ? 'proc-vmhwm' : 'none'
            });
        });
    });
}
