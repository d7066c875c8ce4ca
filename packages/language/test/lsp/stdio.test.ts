import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest, CodeLensRequest, DefinitionRequest, DocumentFormattingRequest, DocumentSymbolRequest, HoverRequest,
    type LocationLink, PrepareRenameRequest, RenameRequest, type TextEdit, type WorkspaceEdit
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXAMPLES, REPO_ROOT } from './lsp-fixture.js';
import { COMPILED_SERVER as SERVER, Client } from './stdio-client.js';

const PROVINCE = `基准 「省基准」 {
    制定机关 「省厅」
    层级 省
    施行日期 2022-01-01
    边界 以上含本数 以下不含本数
}
事项 A-1 「甲行为」 {
    违反条款 《示例法》第一条
    处罚依据 《示例法》第九条
    法定处罚 { 罚款 一万元以上十万元以下 }
    阶次 「低档」 { 罚款 一万元以上四万元以下 }
    阶次 「高档」 { 罚款 四万元以上十万元以下 含本数 }
}
`;

// 预期：CD401 — 阶次 1 的上限 5万元 超出上级阶次「低档」的上限 4万元（不含）.
const CITY = `基准 「市基准」 {
    制定机关 「市局」
    层级 市
    施行日期 2022-06-01
    上级 「省基准」
    边界 以上含本数 以下含本数
}
事项 B-1 「甲行为」 细化 A-1 {
    阶次 1 { 细化 「低档」 罚款 一万元以上五万元以下 }
    阶次 2 { 细化 「高档」 罚款 五万元以上十万元以下 }
}
`;

const STATUTE = `# 中华人民共和国示例法

第一条 为了测试，制定本法。

第九条 违反本法规定的，处一万元以上十万元以下的罚款。
`;

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
    const document = TextDocument.create('x', 'chidu', 1, text);
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`${needle} not found`);
    return document.positionAt(index + delta);
}

describe('the language server over stdio', () => {
    let workspace: string;
    let statutes: string;
    beforeAll(() => {
        if (!fs.existsSync(SERVER)) {
            // Running this file alone: compile first (npm test builds before running vitest).
            spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
        }
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-lsp-'));
        fs.writeFileSync(path.join(workspace, 'province.chidu'), PROVINCE);
        fs.writeFileSync(path.join(workspace, 'city.chidu'), CITY);
        statutes = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-statutes-'));
        fs.writeFileSync(path.join(statutes, '示例法(2020-01-01).md'), STATUTE);
    });
    afterAll(() => {
        fs.rmSync(workspace, { recursive: true, force: true });
        fs.rmSync(statutes, { recursive: true, force: true });
    });

    it('diagnostics, hover, definition across files, rename, formatting, a quick fix, shutdown', async () => {
        // The statute folder comes from the client's settings (workspace/configuration), not the environment.
        const client = new Client({ statutesDir: statutes });
        const provinceUri = pathToFileURL(path.join(workspace, 'province.chidu')).toString();
        const cityUri = pathToFileURL(path.join(workspace, 'city.chidu')).toString();
        try {
            await client.initialize(pathToFileURL(workspace).toString());

            // didOpen the city with its known defect → publishDiagnostics with CD401 on the fine.
            const opened = await client.open(cityUri, CITY);
            const cd401 = opened.diagnostics.find(d => d.code === 'CD401');
            expect(cd401, JSON.stringify(opened.diagnostics)).toBeDefined();
            expect(cd401!.range).toEqual({ start: positionOf(CITY, '罚款 一万元以上五万元以下'), end: positionOf(CITY, '罚款 一万元以上五万元以下', '罚款 一万元以上五万元以下'.length) });
            expect(cd401!.message).toContain('阶次「低档」');
            console.log(`stdio: didOpen → publishDiagnostics (workspace of 2 files): ${opened.ms.toFixed(0)} ms`);

            // code lens on the upper file counts the lower file; the server asked the client to refresh lenses
            const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: provinceUri } });
            expect(lenses?.map(l => l.command?.title)).toContain('被 1 个下级文件细化');
            expect(client.codeLensRefreshes).toBeGreaterThan(0);

            // hover on an amount: the interval after the city's boundary rule, and the upper tier's
            const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cityUri }, position: positionOf(CITY, '一万元以上五万元以下', 2) });
            const hoverText = JSON.stringify(hover?.contents);
            expect(hoverText).toContain('[1万元, 5万元]');
            expect(hoverText).toContain('阶次「低档」 罚款 `[1万元, 4万元)`');

            // hover on a citation: the article from the statute folder named in the settings
            const citation = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: provinceUri }, position: positionOf(PROVINCE, '《示例法》第九条', 2) });
            expect(JSON.stringify(citation?.contents)).toContain('第九条 违反本法规定的');

            // definition across files: 细化 A-1 → the provincial item
            const definition = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: cityUri }, position: positionOf(CITY, '细化 A-1', 4) }) as LocationLink[];
            expect(definition).toHaveLength(1);
            expect(definition[0].targetUri).toBe(provinceUri);
            expect(definition[0].targetSelectionRange).toEqual({ start: positionOf(PROVINCE, 'A-1'), end: positionOf(PROVINCE, 'A-1', 3) });

            // rename the provincial code from the city's reference: both files change
            const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: cityUri }, position: positionOf(CITY, '细化 A-1', 4) });
            expect(prepared).toMatchObject({ placeholder: 'A-1' });
            const rename = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: cityUri }, position: positionOf(CITY, '细化 A-1', 4), newName: 'JIA-1' }) as WorkspaceEdit;
            expect(Object.keys(rename.changes ?? {}).sort()).toEqual([cityUri, provinceUri].sort());
            expect(rename.changes![provinceUri]).toEqual([{ range: { start: positionOf(PROVINCE, 'A-1'), end: positionOf(PROVINCE, 'A-1', 3) }, newText: 'JIA-1' }]);

            // formatting: the one-line tiers become the canonical layout
            const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: cityUri }, options: { tabSize: 4, insertSpaces: true } }) as TextEdit[];
            const formatted = TextDocument.applyEdits(TextDocument.create(cityUri, 'chidu', 1, CITY), edits);
            expect(formatted).toContain('    阶次 1 {\n        细化 「低档」\n        罚款 一万元以上五万元以下\n    }');

            // the quick fix for CD401: clamp to the upper tier's maximum (exclusive)
            const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: cityUri }, range: cd401!.range, context: { diagnostics: [cd401!] } });
            const fix = actions?.find(a => 'edit' in a && a.edit) as { title: string; edit: WorkspaceEdit } | undefined;
            expect(fix?.title).toContain('一万元以上四万元以下 不含本数');
            const fixed = TextDocument.applyEdits(TextDocument.create(cityUri, 'chidu', 1, CITY), fix!.edit.changes![cityUri]);
            expect(fixed).toContain('罚款 一万元以上四万元以下 不含本数 }');

            expect(await client.shutdown()).toBe(0);
        } finally {
            client.process.kill();
        }
    }, 150_000);

    it('honours suppression comments: a suppressed warning is published as a hint with its reason, a stale one is a warning', async () => {
        const client = new Client({ statutesDir: statutes });
        // The province's 低档 starts at 2万元: a gap [1万元, 2万元) (CD502, reported on the item's code), suppressed
        // above the item; a stale suppression above 高档.
        const text = PROVINCE.replace('阶次 「低档」 { 罚款 一万元以上四万元以下 }', '阶次 「低档」 { 罚款 二万元以上四万元以下 }')
            .replace('事项 A-1', '// 尺度：忽略 CD502 「照录原文」\n事项 A-1')
            .replace('    阶次 「高档」', '    // 尺度：忽略 CD501 「早已改正」\n    阶次 「高档」');
        const uri = pathToFileURL(path.join(workspace, 'suppressed.chidu')).toString();
        try {
            await client.initialize(pathToFileURL(workspace).toString());
            const opened = await client.open(uri, text.replace('「省基准」', '「另一省基准」'));
            const gap = opened.diagnostics.find(d => d.code === 'CD502');
            expect(gap, JSON.stringify(opened.diagnostics)).toBeDefined();
            expect(gap!.severity, JSON.stringify(gap)).toBe(4);
            expect(gap!.message).toMatch(/^已忽略（照录原文）：/);
            expect(gap!.data).toMatchObject({ code: 'CD502', suppressed: { reason: '照录原文', severity: 'warning' } });
            const stale = opened.diagnostics.filter(d => d.code === 'CD121');
            expect(stale.map(d => [d.severity, d.range.start.line])).toEqual([[2, positionOf(text, '// 尺度：忽略 CD501').line]]);
            expect(await client.shutdown()).toBe(0);
        } finally {
            client.process.kill();
        }
    }, 150_000);

    it('measures didOpen → first publishDiagnostics on the three-level Guangdong example', async () => {
        const folder = path.join(EXAMPLES, 'guangdong-eco');
        const files = ['province.chidu', 'jiangmen.chidu', 'county.chidu'];
        const lines: string[] = [];

        // 1. No workspace folder: each file is opened in turn, upper levels first.
        const cold = new Client({});
        try {
            await cold.initialize(null);
            for (const file of files) {
                const text = fs.readFileSync(path.join(folder, file), 'utf8');
                const { ms, diagnostics } = await cold.open(pathToFileURL(path.join(folder, file)).toString(), text);
                expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
                lines.push(`  open ${file} (${text.split('\n').length} lines), no workspace folder: ${ms.toFixed(0)} ms`);
            }
            expect(await cold.shutdown()).toBe(0);
        } finally {
            cold.process.kill();
        }

        // 2. The example folder as the workspace: after the initial build, open each file.
        const warm = new Client({});
        try {
            const start = performance.now();
            await warm.initialize(pathToFileURL(folder).toString());
            const countyUri = pathToFileURL(path.join(folder, 'county.chidu')).toString();
            // Any request waits for the workspace to be loaded and built (files are validated when opened).
            const symbols = await warm.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: countyUri } });
            expect(symbols).toHaveLength(1);
            lines.push(`  initialize → workspace of three files loaded and linked: ${(performance.now() - start).toFixed(0)} ms`);
            for (const file of files) {
                const text = fs.readFileSync(path.join(folder, file), 'utf8');
                const { ms, diagnostics } = await warm.open(pathToFileURL(path.join(folder, file)).toString(), text);
                expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
                lines.push(`  open ${file} in the indexed workspace: ${ms.toFixed(0)} ms`);
            }
            expect(await warm.shutdown()).toBe(0);
        } finally {
            warm.process.kill();
        }
        console.log(`didOpen → first publishDiagnostics, examples/guangdong-eco:\n${lines.join('\n')}`);
    }, 150_000);
});
