/**
 * The seed corpus: every example workspace (examples/**) and every test resource workspace
 * (packages/language/test/resources/**), one workspace per folder that directly holds .chidu files, as the
 * CLI and the validation tests load them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Files } from './mutate.js';

/** The repository root (this file is packages/fuzz/src or packages/fuzz/out). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SeedWorkspace {
    /** Repository-relative folder, e.g. examples/guangdong-eco. */
    readonly name: string;
    readonly files: Files;
}

export const CORPUS_ROOTS = ['examples', 'packages/language/test/resources'] as const;

/**
 * Test resources carry markup that is not Chidu (`»…«` around an expected range); it is removed so the
 * seeds are the documents the tests describe. `// $TEST$` lines are comments and stay.
 */
export function stripTestMarkup(text: string): string {
    return text.replace(/[»«]/g, '');
}

/** All .chidu files below a folder, path (relative, with /) → text. */
function readTree(folder: string): Files {
    const files: Files = {};
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile() && entry.name.endsWith('.chidu')) {
                files[path.relative(folder, full).split(path.sep).join('/')] = stripTestMarkup(fs.readFileSync(full, 'utf8'));
            }
        }
    };
    walk(folder);
    return files;
}

/**
 * A folder that directly holds .chidu files is one workspace, with everything below it (as the validation
 * tests read a case folder); other folders are searched further.
 */
export function loadCorpus(root: string = REPO_ROOT): SeedWorkspace[] {
    const workspaces: SeedWorkspace[] = [];
    const walk = (dir: string) => {
        const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
        if (entries.some(e => e.isFile() && e.name.endsWith('.chidu'))) {
            workspaces.push({ name: path.relative(root, dir).split(path.sep).join('/'), files: readTree(dir) });
            return;
        }
        for (const entry of entries) {
            if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'out') walk(path.join(dir, entry.name));
        }
    };
    for (const corpusRoot of CORPUS_ROOTS) {
        walk(path.join(root, corpusRoot));
    }
    return workspaces;
}
