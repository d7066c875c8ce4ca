import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { protocolSuite } from '../../language/test/lsp/protocol-suite.js';

/**
 * The bundled server (out/server.cjs, as the VSIX ships it): one copy of each package inside, and the JSON-RPC
 * behaviour of packages/language/test/lsp/protocol-suite.ts. Built into a private folder.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
let tmp: string;

beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-bundle-'));
    execFileSync(process.execPath, [path.join(here, '../scripts/build.mjs'), `--outdir=${path.join(tmp, 'out')}`, '--metafile'], { stdio: 'pipe' });
});
afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

/** Package name → the folders it was bundled from (one per installed copy), from esbuild's metafile. */
function bundledPackages(metafile: string): Map<string, Set<string>> {
    const { inputs } = JSON.parse(fs.readFileSync(metafile, 'utf8')) as { inputs: Record<string, unknown> };
    const packages = new Map<string, Set<string>>();
    for (const input of Object.keys(inputs)) {
        // The innermost node_modules/<name> or node_modules/@scope/<name> of the path is the package's folder.
        const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input.replaceAll('\\', '/'));
        if (match) {
            const folders = packages.get(match[2]) ?? new Set<string>();
            folders.add(match[1]);
            packages.set(match[2], folders);
        }
    }
    return packages;
}

describe('the server bundle', () => {
    test('holds one copy of vscode-jsonrpc, of vscode-languageserver-protocol and of every other package', () => {
        const packages = bundledPackages(path.join(tmp, 'out/server.meta.json'));
        // Two copies of vscode-jsonrpc mean two ResponseError classes: Langium's errors were sent as results.
        for (const name of ['vscode-jsonrpc', 'vscode-languageserver-protocol', 'vscode-languageserver-types', 'vscode-languageserver', 'langium']) {
            expect([...packages.get(name) ?? []], name).toHaveLength(1);
        }
        const duplicated = [...packages].filter(([, folders]) => folders.size > 1).map(([name, folders]) => `${name}: ${[...folders].join(', ')}`);
        expect(duplicated).toEqual([]);
    });
});

protocolSuite(() => path.join(tmp, 'out/server.cjs'));
