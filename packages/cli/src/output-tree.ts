/**
 * The output tree of `chidu build`, switched as a whole.
 *
 * Design. The `--out` path is what consumers read (`out/examples/guangdong-eco/province.json`), so a reader
 * must see either the previous build or the new one, never a mix and never a half-written file. Of the ways
 * to switch a directory tree on Linux from Node:
 *  (a) `--out` is a symlink to a versioned directory; the new tree is written into a fresh directory and a
 *      new symlink is renamed over the old one. rename(2) replaces the link atomically, so every path lookup
 *      through `--out` resolves wholly in the old tree or wholly in the new one;
 *  (b) renaming the old directory away and the new one into place takes two renames, between which `--out`
 *      does not exist;
 *  (c) renameat2(RENAME_EXCHANGE) would swap two directories atomically but is not reachable from Node.
 * Chidu uses (a): readers get all-or-nothing, and files stay readable by the same paths as before. On disk:
 *
 *     out/
 *       examples -> .examples.chidu-builds/build-k2f9x0a1b3c4      the symlink consumers read
 *       .examples.chidu-builds/                                    Chidu's store, a sibling of --out
 *         .chidu-store                                             ownership marker of the store
 *         lock                                                     only while a build writes
 *         build-k2f9x0a1b3c4/                                      the current tree
 *           .chidu-build                                           ownership marker: the files the build wrote
 *           guangdong-eco/province.json …
 *
 * A build validates first, then, under the lock: removes what interrupted builds left in the store, writes
 * the whole tree into a new `build-*` directory created exclusively, switches the link, and removes the
 * previous tree. Killed at any point, it leaves `--out` as it was or as it should be; the next build removes
 * the leftovers. A plain directory left by an older Chidu (files written in place) is replaced once by the
 * link, only if it holds nothing but what a Chidu build wrote; for that one switch `--out` is absent between
 * two renames (never mixed).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { BusyProblem, OutputProblem, withPath } from './io-error.js';
import { displayPath } from './report.js';

export interface TreeFile {
    /** Relative path inside the tree, `/`-separated. */
    readonly path: string;
    readonly content: string | Uint8Array;
}

export interface PublishOptions {
    /** How long to wait for another build writing into the same `--out`, in milliseconds. */
    readonly waitMs: number;
    /** One line for the user (stderr). */
    readonly log: (line: string) => void;
}

const STORE_SUFFIX = '.chidu-builds';
const STORE_MARKER = '.chidu-store';
const STORE_MARKER_TEXT = 'chidu build store: every entry here is written and removed by `chidu build`\n';
/** The ownership marker inside every tree; JSON, but not named `.json` so that globs over outputs skip it. */
export const BUILD_MARKER = '.chidu-build';
const LOCK = 'lock';
const BUILD = 'build-';
/** Entries of the store that only an interrupted build leaves behind (and the previous tree). */
const LEFTOVER = /^(build-|link-|replaced-|lock\.stale-)[0-9a-z]+$/;
const BUILD_NAME = /^build-[0-9a-z]+$/;
const POLL_MS = 100;

interface Layout {
    readonly out: string;
    readonly parent: string;
    readonly store: string;
    /** The store as the link names it, relative to the parent of `--out`. */
    readonly storeFromParent: string;
}

type Current =
    | { readonly kind: 'absent' }
    | { readonly kind: 'link'; readonly build: string }
    | { readonly kind: 'directory' };

interface LockHolder { readonly pid: number; readonly host: string; readonly startedAt: string }

function unique(prefix: string): string {
    return prefix + BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36);
}

function errno(error: unknown): string | undefined {
    return (error as { code?: string } | undefined)?.code;
}

async function lstatOrUndefined(file: string) {
    try {
        return await fs.lstat(file);
    } catch (error) {
        if (errno(error) === 'ENOENT') return undefined;
        throw error;
    }
}

function layoutOf(outOption: string): Layout {
    const out = path.resolve(outOption);
    const parent = path.dirname(out);
    const name = path.basename(out);
    if (parent === out || !name) {
        throw new OutputProblem(`--out 不能是根目录：${outOption}`);
    }
    const storeFromParent = `.${name}${STORE_SUFFIX}`;
    return { out, parent, store: path.join(parent, storeFromParent), storeFromParent };
}

/** What `--out` is now: absent, Chidu's link into the store, or a plain directory (to be checked). */
async function inspect(layout: Layout): Promise<Current> {
    const stat = await lstatOrUndefined(layout.out);
    if (!stat) {
        return { kind: 'absent' };
    }
    if (stat.isSymbolicLink()) {
        const target = await fs.readlink(layout.out);
        const prefix = `${layout.storeFromParent}/`;
        const build = target.startsWith(prefix) ? target.slice(prefix.length) : '';
        if (!BUILD_NAME.test(build)) {
            throw new OutputProblem(`${displayPath(layout.out)} 是指向 ${target} 的符号链接，不是 Chidu 建立的；为免写到别处，拒绝替换。请删除该链接或改用其他 --out。`);
        }
        const tree = await lstatOrUndefined(path.join(layout.store, build));
        if (tree && !tree.isDirectory()) {
            throw new OutputProblem(`${displayPath(path.join(layout.store, build))} 应是 Chidu 写入的目录，却是符号链接或文件；拒绝使用。请删除 ${displayPath(layout.store)} 后重试。`);
        }
        return { kind: 'link', build };
    }
    if (stat.isDirectory()) {
        return { kind: 'directory' };
    }
    throw new OutputProblem(`${displayPath(layout.out)} 已存在且不是目录；拒绝替换。请删除它或改用其他 --out。`);
}

/**
 * The first entry of a plain directory that a Chidu build did not write, or `undefined` if it holds only
 * Chidu's files. With the marker: exactly the files it lists. Without (an older Chidu wrote files in place):
 * compiled JSON files (they begin with a `chidu-` format) and that version's `*.json.tmp-<pid>` leftovers.
 * Symlinks and other special files are never Chidu's.
 */
async function firstForeignEntry(dir: string): Promise<string | undefined> {
    const marker = path.join(dir, BUILD_MARKER);
    const markerStat = await lstatOrUndefined(marker);
    let listed: Set<string> | undefined;
    if (markerStat) {
        if (!markerStat.isFile()) return marker;
        try {
            const parsed = JSON.parse(await fs.readFile(marker, 'utf8')) as { format?: unknown; files?: unknown };
            if (parsed.format !== 'chidu-build-tree' || !Array.isArray(parsed.files)) return marker;
            listed = new Set(parsed.files.map(String));
        } catch {
            return marker;
        }
    }
    const walk = async (current: string): Promise<string | undefined> => {
        for (const entry of await fs.readdir(current, { withFileTypes: true })) {
            const full = path.join(current, entry.name);
            const relative = path.relative(dir, full).split(path.sep).join('/');
            if (entry.isDirectory()) {
                const inner = await walk(full);
                if (inner) return inner;
            } else if (!entry.isFile()) {
                return full;
            } else if (listed) {
                if (relative !== BUILD_MARKER && !listed.has(relative)) return full;
            } else if (!/\.json\.tmp-\d+$/.test(entry.name) && !(entry.name.endsWith('.json') && await isCompiledJson(full))) {
                return full;
            }
        }
        return undefined;
    };
    return walk(dir);
}

async function isCompiledJson(file: string): Promise<boolean> {
    const handle = await fs.open(file, 'r');
    try {
        const buffer = Buffer.alloc(64);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return /^\{\s*"format": "chidu-/.test(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
        await handle.close();
    }
}

async function checkOwnedDirectory(layout: Layout): Promise<void> {
    const foreign = await firstForeignEntry(layout.out);
    if (foreign) {
        throw new OutputProblem(`${displayPath(layout.out)} 不是 Chidu 生成的输出目录（其中的 ${displayPath(foreign)} 不是 Chidu 写入的）；拒绝替换。请改用其他 --out，或确认无用后自行删除该目录。`);
    }
}

/** Creates the store (or checks it is Chidu's): a real directory holding the store marker. */
async function ensureStore(layout: Layout): Promise<void> {
    await fs.mkdir(layout.parent, { recursive: true });
    try {
        await fs.mkdir(layout.store);
    } catch (error) {
        if (errno(error) !== 'EEXIST') throw error;
    }
    const refuse = () => new OutputProblem(`${displayPath(layout.store)} 应是 Chidu 的构建目录，但它是符号链接、文件或别人的目录；拒绝使用。请确认后删除它，或改用其他 --out。`);
    if (!(await fs.lstat(layout.store)).isDirectory()) {
        throw refuse();
    }
    const marker = path.join(layout.store, STORE_MARKER);
    if (!await lstatOrUndefined(marker)) {
        if ((await fs.readdir(layout.store)).length > 0) throw refuse();
        try {
            await fs.writeFile(marker, STORE_MARKER_TEXT, { flag: 'wx' });
        } catch (error) {
            if (errno(error) !== 'EEXIST') throw error; // another build created it at the same moment
        }
    }
    const stat = await fs.lstat(marker);
    if (!stat.isFile() || await fs.readFile(marker, 'utf8') !== STORE_MARKER_TEXT) {
        throw refuse();
    }
}

function alive(holder: LockHolder): boolean {
    if (holder.host !== os.hostname()) {
        return true; // another machine's process cannot be checked
    }
    try {
        process.kill(holder.pid, 0);
        return true;
    } catch (error) {
        return errno(error) === 'EPERM';
    }
}

function parseLock(text: string): LockHolder | undefined {
    try {
        const parsed = JSON.parse(text) as Partial<LockHolder>;
        return Number.isInteger(parsed.pid) && typeof parsed.host === 'string' && typeof parsed.startedAt === 'string'
            ? parsed as LockHolder : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Takes the lock of the store: a file created exclusively (`wx`) holding pid, host and start time. A lock whose
 * process is dead is taken over; otherwise this build waits up to `waitMs`, then fails (exit code 4). Returns
 * the release function.
 */
async function acquireLock(layout: Layout, options: PublishOptions): Promise<() => Promise<void>> {
    const file = path.join(layout.store, LOCK);
    const mine = `${JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() })}\n`;
    const deadline = Date.now() + options.waitMs;
    let announced = false;
    for (;;) {
        try {
            await fs.writeFile(file, mine, { flag: 'wx' });
            return () => fs.rm(file, { force: true });
        } catch (error) {
            if (errno(error) !== 'EEXIST') throw error;
        }
        let text: string;
        let stat;
        try {
            stat = await fs.lstat(file);
            text = await fs.readFile(file, 'utf8');
        } catch (error) {
            if (errno(error) === 'ENOENT') continue; // released meanwhile
            throw error;
        }
        const holder = parseLock(text);
        // A lock without readable content is either being written this instant or left by a build killed
        // between creating and writing it.
        const dead = holder ? !alive(holder) : Date.now() - stat.mtimeMs > 2_000;
        if (dead) {
            if (await takeOver(layout, file, text)) {
                const who = holder ? `进程 ${holder.pid} 已不存在，始于 ${holder.startedAt}` : '内容不完整';
                options.log(`chidu: 接管失效的构建锁 ${displayPath(file)}（${who}）`);
            }
            continue;
        }
        const who = holder ? `进程 ${holder.pid}，始于 ${holder.startedAt}` : '正在启动';
        if (Date.now() >= deadline) {
            throw new BusyProblem(`另一个构建（${who}）正在写入 ${displayPath(layout.out)}，等待后仍未结束；未作任何改动。请稍后重试（或用 --wait 延长等待）；若确认该进程已不存在，可删除锁文件 ${displayPath(file)}。`);
        }
        if (!announced) {
            options.log(`chidu: 另一个构建（${who}）正在写入 ${displayPath(layout.out)}，等待其结束……`);
            announced = true;
        }
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
}

/**
 * Removes a dead lock only if it is still the one that was judged dead: it is moved aside atomically and
 * compared; a lock another build took in the meantime is put back.
 */
async function takeOver(layout: Layout, file: string, seen: string): Promise<boolean> {
    const aside = path.join(layout.store, unique('lock.stale-'));
    try {
        await fs.rename(file, aside);
    } catch (error) {
        if (errno(error) === 'ENOENT') return false;
        throw error;
    }
    const moved = await fs.readFile(aside, 'utf8');
    if (moved !== seen) {
        try {
            await fs.link(aside, file);
        } catch (error) {
            if (errno(error) !== 'EEXIST') throw error;
        }
    }
    await fs.rm(aside, { force: true });
    return moved === seen;
}

/** Removes what interrupted builds left in the store (never `keep`, the current tree, nor foreign entries). */
async function removeLeftovers(layout: Layout, keep: string | undefined): Promise<string[]> {
    const removed: string[] = [];
    for (const entry of (await fs.readdir(layout.store)).sort()) {
        if (entry !== keep && LEFTOVER.test(entry)) {
            await fs.rm(path.join(layout.store, entry), { recursive: true, force: true });
            removed.push(entry);
        }
    }
    return removed;
}

/**
 * Writes the tree into `root`, a new directory of the store, created here exclusively (mkdir of a fresh random
 * name, not mkdtemp: equally exclusive, but with the usual permissions, where mkdtemp's 0700 would hide the
 * published tree from readers running as other users); every file with `wx`.
 */
async function writeTree(root: string, files: readonly TreeFile[]): Promise<void> {
    await fs.mkdir(root);
    const written: string[] = [];
    for (const file of files) {
        const segments = file.path.split('/');
        if (segments.some(s => s === '' || s === '.' || s === '..') || file.path === BUILD_MARKER) {
            throw new Error(`invalid output path ${file.path}`);
        }
        const target = path.join(root, ...segments);
        // Inside a directory only this process has written to, so creating the parents cannot meet a symlink.
        await fs.mkdir(path.dirname(target), { recursive: true });
        await withPath(target, fs.writeFile(target, file.content, { flag: 'wx' }));
        written.push(file.path);
    }
    const marker = path.join(root, BUILD_MARKER);
    const listing = `${JSON.stringify({ format: 'chidu-build-tree', formatVersion: 1, files: written }, null, 2)}\n`;
    await withPath(marker, fs.writeFile(marker, listing, { flag: 'wx' }));
}

/**
 * Publishes `files` as the tree at `outOption`, all at once (see the design above). Throws `OutputProblem`
 * for an `--out` that is not Chidu's, `BusyProblem` when another build keeps the lock, and system errors as
 * they come (the caller reports them with `describeIoError`).
 */
export async function publishTree(outOption: string, files: readonly TreeFile[], options: PublishOptions): Promise<void> {
    const layout = layoutOf(outOption);
    // Refuse a foreign --out before creating anything next to it.
    if ((await inspect(layout)).kind === 'directory') {
        await checkOwnedDirectory(layout);
    }
    await ensureStore(layout);
    const release = await acquireLock(layout, options);
    const build = unique(BUILD);
    let link: string | undefined;
    let switched = false;
    try {
        // Under the lock, --out is what it is; look again.
        const current = await inspect(layout);
        if (current.kind === 'directory') {
            await checkOwnedDirectory(layout);
        }
        const keep = current.kind === 'link' ? current.build : undefined;
        const removed = await removeLeftovers(layout, keep);
        if (removed.length > 0) {
            options.log(`chidu: 已清理此前中断的构建留下的 ${removed.length} 项（${displayPath(layout.store)}）`);
        }
        await writeTree(path.join(layout.store, build), files);
        link = path.join(layout.store, unique('link-'));
        await fs.symlink(`${layout.storeFromParent}/${build}`, link); // symlink(2) never overwrites
        let replaced: string | undefined;
        if (current.kind === 'directory') {
            replaced = path.join(layout.store, unique('replaced-'));
            await fs.rename(layout.out, replaced);
        }
        try {
            await fs.rename(link, layout.out); // the switch
        } catch (error) {
            if (replaced) await fs.rename(replaced, layout.out).catch(() => undefined);
            throw error;
        }
        switched = true;
        if (keep) await fs.rm(path.join(layout.store, keep), { recursive: true, force: true });
        if (replaced) await fs.rm(replaced, { recursive: true, force: true });
    } finally {
        if (!switched) {
            // Best effort: the next build removes whatever remains.
            if (link) await fs.rm(link, { force: true }).catch(() => undefined);
            await fs.rm(path.join(layout.store, build), { recursive: true, force: true }).catch(() => undefined);
        }
        await release();
    }
}
