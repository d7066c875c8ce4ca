import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    type ProtocolConnection, StreamMessageReader, StreamMessageWriter, createProtocolConnection
} from 'vscode-languageserver-protocol/node';
import type { BuildWorkspaceResult, EffectiveBenchmarkResult, ValidateWorkspaceResult } from '../src/protocol.js';

/**
 * The bundled server (as the VSIX ships it, CommonJS) answers the requests behind the extension's commands.
 * Built into a private folder, spawned over stdio, driven with the LSP protocol library.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');

function exampleCase(): string {
    const examples = path.join(repo, 'examples/invalid/outside-upper-tier');
    return fs.existsSync(path.join(examples, 'county.chidu')) ? examples : path.join(here, '../e2e/fallback');
}

describe('bundled language server: extension requests', () => {
    let tmp: string;
    let server: ChildProcess;
    let connection: ProtocolConnection;
    let workspace: string;

    beforeAll(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-server-'));
        execFileSync(process.execPath, [path.join(here, '../scripts/build.mjs'), `--outdir=${path.join(tmp, 'out')}`], { stdio: 'pipe' });
        workspace = path.join(tmp, 'workspace');
        fs.mkdirSync(workspace);
        for (const file of fs.readdirSync(exampleCase())) {
            fs.copyFileSync(path.join(exampleCase(), file), path.join(workspace, file));
        }
        server = spawn(process.execPath, [path.join(tmp, 'out/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.listen();
        const root = pathToFileURL(workspace).toString();
        await connection.sendRequest('initialize', {
            processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'case' }],
            capabilities: { workspace: { configuration: true } }
        });
        await connection.sendNotification('initialized', {});
    });

    afterAll(async () => {
        try {
            await connection.sendRequest('shutdown');
            await connection.sendNotification('exit');
        } finally {
            connection?.dispose();
            server?.kill();
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    test('chidu/validateWorkspace counts the CD401 error of the case', async () => {
        const result = await connection.sendRequest<ValidateWorkspaceResult>('chidu/validateWorkspace');
        expect(result.files).toBe(fs.readdirSync(workspace).filter(f => f.endsWith('.chidu')).length);
        expect(result.errors).toBe(1);
        expect(result.firstErrors[0]).toMatch(/^county\.chidu:\d+:9: CD401 .*上限 3万元/);
    });

    test('chidu/effectiveBenchmark gives the item under the cursor, or the whole document outside items', async () => {
        const county = path.join(workspace, 'county.chidu');
        const uri = pathToFileURL(county).toString();
        const lines = fs.readFileSync(county, 'utf8').split('\n');
        const line = lines.findIndex(l => l.includes('一万元以上三万元以下'));
        const item = await connection.sendRequest<EffectiveBenchmarkResult | null>('chidu/effectiveBenchmark', { uri, position: { line, character: 14 } });
        expect(item?.title).toBe('TS-3-20 生效基准');
        expect(item?.hasErrors).toBe(true);
        const parsed = JSON.parse(item!.json);
        expect(parsed.code).toBe('TS-3-20');
        expect(parsed.refines.code).toBe('3-20');

        const whole = await connection.sendRequest<EffectiveBenchmarkResult | null>('chidu/effectiveBenchmark', { uri, position: { line: 0, character: 0 } });
        expect(JSON.parse(whole!.json).format).toBe('chidu-effective-benchmark');

        const unknown = await connection.sendRequest('chidu/effectiveBenchmark', { uri: pathToFileURL(path.join(workspace, 'none.chidu')).toString() });
        expect(unknown).toBeNull();
    });

    test('chidu/buildWorkspace writes nothing while there are errors, one JSON per file once fixed', async () => {
        const failed = await connection.sendRequest<BuildWorkspaceResult>('chidu/buildWorkspace');
        expect(failed.errors).toBe(1);
        expect(failed.outputs).toEqual([]);

        const county = path.join(workspace, 'county.chidu');
        const uri = pathToFileURL(county).toString();
        const fixed = fs.readFileSync(county, 'utf8').replace('罚款 一万元以上三万元以下', '罚款 一万元以上二万元以下');
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'chidu', version: 1, text: fixed } });
        const built = await connection.sendRequest<BuildWorkspaceResult>('chidu/buildWorkspace');
        expect(built.errors).toBe(0);
        expect(built.outputs.map(o => o.path)).toEqual([
            ...fs.readdirSync(workspace).filter(f => f.endsWith('.chidu')).map(f => f.replace(/\.chidu$/, '.json')).sort(), 'index.json'
        ]);
        const manifest = JSON.parse(built.outputs.find(o => o.path === 'index.json')!.content);
        expect(manifest.outputs.map((o: { path: string }) => o.path)).toEqual(built.outputs.map(o => o.path).filter(p => p !== 'index.json'));
        const json = JSON.parse(built.outputs.find(o => o.path === 'county.json')!.content);
        expect(json.format).toBe('chidu-effective-benchmark');
    });
});
