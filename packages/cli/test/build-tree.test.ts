import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The output tree of `chidu build` (issue 12): real builds of the real CLI, killed, raced and obstructed.

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'packages/cli/bin/chidu.js');
const FULL = ['examples/guangdong-eco', 'examples/guangdong-market'];
const ECO = ['examples/guangdong-eco'];

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

interface Started { readonly child: ChildProcess; readonly done: Promise<Run>; stderrSoFar(): string }

function start(args: readonly string[], options: { uid?: number; gid?: number } = {}): Started {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', chunk => { stdout += chunk; });
    child.stderr!.on('data', chunk => { stderr += chunk; });
    const done = new Promise<Run>(resolve => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
    return { child, done, stderrSoFar: () => stderr };
}

function chidu(...args: string[]): Promise<Run> {
    return start(args).done;
}

function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-tree-'));
}

/** Every file under `dir` (through the `--out` link), with its exact bytes; `undefined` if `dir` is absent. */
function readTree(dir: string): Record<string, string> | undefined {
    if (!fs.existsSync(dir)) return undefined;
    const files: Record<string, string> = {};
    const walk = (current: string) => {
        for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
            const full = path.join(current, entry.name);
            if (entry.isDirectory()) walk(full);
            else files[path.relative(dir, full)] = fs.readFileSync(full).toString('latin1');
        }
    };
    walk(dir);
    return files;
}

function storeOf(out: string): string {
    return path.join(path.dirname(out), `.${path.basename(out)}.chidu-builds`);
}

function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

const references: Record<'full' | 'eco', Record<string, string>> = { full: {}, eco: {} };

beforeAll(async () => {
    for (const [name, sources] of [['full', FULL], ['eco', ECO]] as const) {
        const out = path.join(tempDir(), 'out');
        const run = await chidu('build', ...sources, '--out', out);
        expect(run.code).toBe(0);
        references[name] = readTree(out)!;
    }
    expect(Object.keys(references.full)).toContain('examples/guangdong-market/province.json');
    expect(Object.keys(references.eco)).toContain('examples/guangdong-eco/province.json');
});

describe('chidu build: the output tree', () => {
    it('is a link into a store next to --out, the files readable by their paths, with nothing else left over', async () => {
        const out = path.join(tempDir(), 'out', 'examples');
        expect((await chidu('build', ...FULL, '--out', out)).code).toBe(0);
        expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
        expect(fs.readlinkSync(out)).toMatch(/^\.examples\.chidu-builds\/build-[0-9a-z]+$/);
        expect(JSON.parse(fs.readFileSync(path.join(out, 'examples/guangdong-eco/province.json'), 'utf8')).format).toBe('chidu-effective-benchmark');
        const marker = JSON.parse(fs.readFileSync(path.join(out, '.chidu-build'), 'utf8'));
        expect(marker.files).toEqual(Object.keys(references.full).filter(f => f !== '.chidu-build').sort());
        expect(fs.readdirSync(storeOf(out)).sort()).toEqual(['.chidu-store', path.basename(fs.readlinkSync(out))]);
    });

    it('drops the outputs of deleted sources with the switch', async () => {
        const out = path.join(tempDir(), 'out');
        expect((await chidu('build', ...FULL, '--out', out)).code).toBe(0);
        expect(readTree(out)).toEqual(references.full);
        expect((await chidu('build', ...ECO, '--out', out)).code).toBe(0);
        expect(readTree(out)).toEqual(references.eco);
        expect(fs.readdirSync(storeOf(out))).toHaveLength(2);
    });

    it('killed with SIGKILL at any moment leaves the previous tree or the new one, byte for byte', async () => {
        const out = path.join(tempDir(), 'out', 'examples');
        const trees = [references.full, references.eco];
        const sources = [FULL, ECO];
        expect((await chidu('build', ...FULL, '--out', out)).code).toBe(0);
        const store = storeOf(out);

        // A timed build: its whole run, from its first diagnostic line (printed right after validation) to its
        // exit (compile, lock, write, switch), and from taking the lock to its exit.
        const marks = { spawned: Date.now(), firstLine: 0, locked: 0, exited: 0 };
        const timing = fs.watch(store, (_, name) => { if (name === 'lock' && !marks.locked) marks.locked = Date.now(); });
        const timed = start(['build', '--info', ...ECO, '--out', out]);
        timed.child.stdout!.once('data', () => { marks.firstLine = Date.now(); });
        expect((await timed.done).code).toBe(0);
        marks.exited = Date.now();
        timing.close();
        expect(readTree(out)).toEqual(references.eco);
        let previous = 1;
        const total = marks.exited - marks.spawned;
        const tail = Math.max(marks.exited - marks.firstLine, 20);
        const locked = Math.max(marks.exited - (marks.locked || marks.firstLine), 10);

        const outcomes = { previous: 0, next: 0 };
        let traces = 0;
        // 20 kills; a few more (at most 30) while the random delays have not yet hit both sides of the switch
        const seenEnough = () => outcomes.previous > 0 && outcomes.next > 0 && traces > 0;
        let iterations = 0;
        for (let i = 0; i < 30 && (i < 20 || !seenEnough()); i++, iterations++) {
            const next = 1 - previous;
            const build = start(['build', '--info', ...sources[next], '--out', out]);
            const kill = () => build.child.kill('SIGKILL');
            let delay: number;
            let watcher: fs.FSWatcher | undefined;
            if (i % 4 === 0) {
                // anywhere in the run
                delay = Math.random() * total;
                setTimeout(kill, delay);
            } else if (i % 4 === 1) {
                // after validation: compiling, locking, writing, switching
                delay = Math.random() * tail;
                build.child.stdout!.once('data', () => setTimeout(kill, delay));
            } else {
                // from the moment it takes the lock: writing the tree and switching
                delay = Math.random() * locked;
                let armed = false;
                watcher = fs.watch(store, (_, name) => {
                    if (name === 'lock' && !armed) {
                        armed = true;
                        setTimeout(kill, delay);
                    }
                });
            }
            const run = await build.done;
            watcher?.close();
            const tree = JSON.stringify(readTree(out));
            const which = tree === JSON.stringify(trees[next]) ? next : tree === JSON.stringify(trees[previous]) ? previous : -1;
            expect(which, `iteration ${i}: killed ${delay.toFixed(1)} ms after its mark, --out is neither tree`).not.toBe(-1);
            if (run.code === 0) expect(which).toBe(next);
            outcomes[which === next ? 'next' : 'previous']++;
            if (fs.readdirSync(store).length > 2) traces++; // a staging tree, a link or the lock of the killed build
            previous = which;
        }
        // the kills hit both sides of the switch, and some of them left a trace in the store
        expect(outcomes.previous).toBeGreaterThan(0);
        expect(outcomes.next).toBeGreaterThan(0);
        expect(traces).toBeGreaterThan(0);

        console.log(`kill -9: ${iterations} builds, ${outcomes.previous} left the previous tree, ${outcomes.next} the new one, ${traces} left leftovers in the store`);
        // The next build clears whatever the killed ones left: staging trees, links, the lock.
        const final = await chidu('build', ...FULL, '--out', out);
        expect(final.code).toBe(0);
        expect(readTree(out)).toEqual(references.full);
        expect(fs.readdirSync(storeOf(out)).sort()).toEqual(['.chidu-store', path.basename(fs.readlinkSync(out))]);
    }, 120_000);

    it('removes what a killed build left in the store (staging tree, link, dead lock) on the next build', async () => {
        const out = path.join(tempDir(), 'out');
        expect((await chidu('build', ...ECO, '--out', out)).code).toBe(0);
        const store = storeOf(out);
        // The state of a build killed after writing part of its tree and creating its link, holding the lock.
        const current = path.join(store, path.basename(fs.readlinkSync(out)));
        const staging = path.join(store, 'build-killed0staging');
        fs.mkdirSync(path.join(staging, 'examples/guangdong-eco'), { recursive: true });
        fs.copyFileSync(path.join(current, 'examples/guangdong-eco/province.json'), path.join(staging, 'examples/guangdong-eco', 'province.json'));
        fs.symlinkSync(`.out.chidu-builds/build-killed0staging`, path.join(store, 'link-killed0link'));
        const dead = start(['--version']);
        await dead.done;
        fs.writeFileSync(path.join(store, 'lock'), JSON.stringify({ pid: dead.child.pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));

        const run = await chidu('build', ...FULL, '--out', out);
        expect(run.code).toBe(0);
        expect(run.stderr).toContain('接管失效的构建锁');
        expect(run.stderr).toContain('已清理此前中断的构建留下的 2 项');
        expect(readTree(out)).toEqual(references.full);
        expect(fs.readdirSync(store).sort()).toEqual(['.chidu-store', path.basename(fs.readlinkSync(out))]);
    });

    it('never lets two builds into one --out interleave: a live lock makes the other wait, then fail with exit 4', async () => {
        const out = path.join(tempDir(), 'out');
        expect((await chidu('build', ...ECO, '--out', out)).code).toBe(0);
        const lock = path.join(storeOf(out), 'lock');
        // held by a live process (this one)
        fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }));
        const busy = await chidu('build', ...FULL, '--out', out, '--wait', '0.3');
        expect(busy.code).toBe(4);
        expect(busy.stderr).toMatch(new RegExp(`另一个构建（进程 ${process.pid}，始于 .+）正在写入 .+，等待后仍未结束；未作任何改动`));
        expect(readTree(out)).toEqual(references.eco);

        // A waiting build goes on as soon as the lock is released.
        const waiting = start(['build', ...FULL, '--out', out, '--wait', '60']);
        let finished = false;
        void waiting.done.then(() => { finished = true; });
        while (!finished && !waiting.stderrSoFar().includes('等待其结束')) {
            await sleep(50);
        }
        await sleep(300);
        expect(readTree(out)).toEqual(references.eco); // still waiting, nothing written
        fs.rmSync(lock);
        const run = await waiting.done;
        expect(run.code).toBe(0);
        expect(run.stderr).toContain('等待其结束');
        expect(readTree(out)).toEqual(references.full);
    });

    it('runs concurrent builds one after the other: the result is one whole tree and the store is clean', async () => {
        const out = path.join(tempDir(), 'out');
        const runs = await Promise.all([FULL, ECO, FULL, ECO].map(sources => chidu('build', ...sources, '--out', out, '--wait', '60')));
        expect(runs.map(r => r.code)).toEqual([0, 0, 0, 0]);
        const tree = readTree(out);
        expect([references.full, references.eco]).toContainEqual(tree);
        expect(fs.readdirSync(storeOf(out)).sort()).toEqual(['.chidu-store', path.basename(fs.readlinkSync(out))]);
    });
});

describe('chidu build: an --out that is not Chidu\'s', () => {
    it('replaces a plain directory an older Chidu wrote in place, stale outputs and tmp leftovers included', async () => {
        const out = path.join(tempDir(), 'out');
        for (const [file, content] of Object.entries(references.full).filter(([file]) => file !== '.chidu-build')) {
            fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
            fs.writeFileSync(path.join(out, file), content, 'latin1');
        }
        // the output of a since deleted source and a temporary file of a killed older build
        fs.copyFileSync(path.join(out, 'examples/guangdong-eco/county.json'), path.join(out, 'examples/guangdong-eco/deleted.json'));
        fs.writeFileSync(path.join(out, 'examples/guangdong-eco/province.json.tmp-4242'), '{"format": "chidu-eff');
        const run = await chidu('build', ...ECO, '--out', out);
        expect(run.code).toBe(0);
        expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
        expect(readTree(out)).toEqual(references.eco);
        expect(fs.readdirSync(storeOf(out))).toHaveLength(2);
    });

    it('refuses to replace a directory holding anything a Chidu build did not write (exit 3), and creates nothing', async () => {
        const parent = tempDir();
        const out = path.join(parent, 'site');
        fs.mkdirSync(path.join(out, 'docs'), { recursive: true });
        fs.writeFileSync(path.join(out, 'docs', 'notes.txt'), 'my notes\n');
        const run = await chidu('build', ...ECO, '--out', out);
        expect(run.code).toBe(3);
        expect(run.stderr).toMatch(/site 不是 Chidu 生成的输出目录（其中的 .*docs\/notes\.txt 不是 Chidu 写入的）；拒绝替换/);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(readTree(out)).toEqual({ 'docs/notes.txt': 'my notes\n' });
        expect(fs.readdirSync(parent)).toEqual(['site']);

        // A tree with Chidu's marker is Chidu's only with exactly the files it lists.
        const copied = path.join(tempDir(), 'copy');
        fs.cpSync(fs.realpathSync(await buildInto(ECO)), copied, { recursive: true });
        fs.writeFileSync(path.join(copied, 'extra.json'), '{"format": "chidu-effective-benchmark"}\n');
        const extra = await chidu('build', ...ECO, '--out', copied);
        expect(extra.code).toBe(3);
        expect(extra.stderr).toContain('extra.json 不是 Chidu 写入的');
        fs.rmSync(path.join(copied, 'extra.json'));
        expect((await chidu('build', ...FULL, '--out', copied)).code).toBe(0);
        expect(readTree(copied)).toEqual(references.full);
    });

    it('refuses planted symlinks: --out, inside an old tree, or in place of the store; nothing is written through them', async () => {
        const parent = tempDir();
        const victim = path.join(parent, 'victim');
        fs.mkdirSync(victim);
        fs.writeFileSync(path.join(victim, 'keep.txt'), 'keep\n');
        const untouched = () => expect(readTree(victim)).toEqual({ 'keep.txt': 'keep\n' });

        const linked = path.join(parent, 'linked');
        fs.symlinkSync(victim, linked);
        const asOut = await chidu('build', ...ECO, '--out', linked);
        expect(asOut.code).toBe(3);
        expect(asOut.stderr).toMatch(/linked 是指向 .*victim 的符号链接，不是 Chidu 建立的；为免写到别处，拒绝替换/);
        expect(fs.readlinkSync(linked)).toBe(victim);
        untouched();

        const old = path.join(parent, 'old');
        fs.mkdirSync(old);
        fs.writeFileSync(path.join(old, 'province.json'), references.eco['examples/guangdong-eco/province.json'], 'latin1');
        fs.symlinkSync(victim, path.join(old, 'guangdong-eco'));
        const inside = await chidu('build', ...FULL, '--out', old);
        expect(inside.code).toBe(3);
        expect(inside.stderr).toContain('guangdong-eco 不是 Chidu 写入的');
        expect(fs.lstatSync(path.join(old, 'guangdong-eco')).isSymbolicLink()).toBe(true);
        untouched();

        const fresh = path.join(parent, 'fresh');
        fs.symlinkSync(victim, path.join(parent, '.fresh.chidu-builds'));
        const store = await chidu('build', ...ECO, '--out', fresh);
        expect(store.code).toBe(3);
        expect(store.stderr).toContain('.fresh.chidu-builds 应是 Chidu 的构建目录，但它是符号链接、文件或别人的目录；拒绝使用');
        expect(fs.existsSync(fresh)).toBe(false);
        untouched();
    });
});

describe('chidu: I/O problems and closed pipes', () => {
    it('reports a directory it may not write to as 权限不足 with the path and exit code 3', async () => {
        const parent = tempDir();
        fs.chmodSync(parent, 0o755);
        const readOnly = path.join(parent, 'read-only');
        fs.mkdirSync(readOnly, { mode: 0o555 });
        fs.chmodSync(readOnly, 0o555);
        // root may write anywhere: run the build as nobody then
        const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
        const run = await start(['build', ...ECO, '--out', path.join(readOnly, 'out')], asNobody).done;
        expect(run.code).toBe(3);
        expect(run.stderr).toBe(`chidu: 无法创建目录 ${path.join(readOnly, '.out.chidu-builds')}：权限不足（EACCES）。请检查该路径及其上级目录的读写权限，或改用有写权限的 --out。\n`);
        expect(fs.readdirSync(readOnly)).toEqual([]);
    });

    it.each([
        [['validate', '--format', 'json', 'examples/invalid'], 1],
        [['validate', '--info', 'examples/guangdong-eco'], 0],
        [['schema'], 0]
    ])('%j into a pipe closed by its reader (| head) ends quietly with its own exit code', async (args, code) => {
        const run = start(args as string[]);
        run.child.stdout!.destroy();
        const result = await run.done;
        expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
        expect(result.code).toBe(code);
    });
});

async function buildInto(sources: readonly string[]): Promise<string> {
    const out = path.join(tempDir(), 'out');
    expect((await chidu('build', ...sources, '--out', out)).code).toBe(0);
    return out;
}
