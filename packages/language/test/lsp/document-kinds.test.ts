import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeLensRequest, CompletionRequest, type DocumentSymbol, DocumentFormattingRequest, DocumentSymbolRequest, FoldingRangeRequest,
    HoverRequest, SemanticTokensRequest, type TextEdit
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Client } from './stdio-client.js';

// Invented documents of the three kinds (a benchmark, two lists of two levels, a catalogue), small enough to read.
const FILES: Record<string, string> = {
    'catalogue.chidu': `执法事项清单 「省执法事项清单」 {
    制定机关 「省厅」
    层级 省
}

执法事项 M-1 「甲行为」 {
    事项类型 行政处罚
    设定依据 《示例法》第九条
    行使层级 省、市、县
}
`,
    'benchmark.chidu': `基准 「省基准」 {
    制定机关 「省厅」
    层级 省
    施行日期 2022-01-01
}

事项 A-1 「甲行为」 {
    执法事项 M-1
    违反条款 《示例法》第一条
    处罚依据 《示例法》第九条
    法定处罚 {
        罚款 一万元以上十万元以下
    }
    阶次 从轻 {
        罚款 一万元以上四万元以下
    }
    阶次 从重 {
        罚款 四万元以上十万元以下
    }
}
`,
    'province-list.chidu': `清单 「省不予处罚清单」 {
    类别 不予处罚清单
    制定机关 「省厅」
    层级 省
    施行日期 2022-01-01
    基准 「省基准」
    依据 《行政处罚法》第三十三条第一款
    措施 责令改正、批评教育
}

条目 1 「轻微」 {
    事项 A-1
    条件 同时满足 {
        「违法行为轻微」
        「及时改正」
        「没有造成危害后果」
    }
    后果 不予处罚
}
`,
    'city-list.chidu': `清单 「市不予处罚清单」 {
    类别 不予处罚清单
    制定机关 「市局」
    层级 市
    施行日期 2022-06-01
    上级 「省不予处罚清单」
}

条目 1-1 细化 1 {
    条件 同时满足 {
        「违法行为轻微」
        「及时改正」
        「没有造成危害后果」
        「在责令改正期限内改正」
    }
}

观察期 「新业态」 {
    对象 「网约车」
    开始日期 2022-07-01
    结束日期 2023-06-30
    措施 「教育提醒」
}
`
};

function at(text: string, needle: string, delta = 0): { line: number; character: number } {
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`${needle} not found`);
    return TextDocument.create('x', 'chidu', 1, text).positionAt(index + delta);
}

/** Where each document's features are asked: a header keyword to hover, a place in the body to complete. */
const PROBES: Record<string, { hover: string; complete: string; outline: string[] }> = {
    'benchmark.chidu': { hover: '基准', complete: '    阶次 从轻 {', outline: ['A-1 甲行为'] },
    'province-list.chidu': { hover: '清单', complete: '    后果 不予处罚', outline: ['条目 1 轻微'] },
    'city-list.chidu': { hover: '清单', complete: '    条件 同时满足 {', outline: ['条目 1-1', '观察期 新业态'] },
    'catalogue.chidu': { hover: '执法事项清单', complete: '    事项类型 行政处罚', outline: ['M-1 甲行为'] }
};

describe('every editor feature answers on every document kind (over stdio)', () => {
    let workspace: string;
    let client: Client;
    const uri = (file: string) => pathToFileURL(path.join(workspace, file)).toString();

    beforeAll(async () => {
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-kinds-'));
        for (const [file, text] of Object.entries(FILES)) fs.writeFileSync(path.join(workspace, file), text);
        client = new Client({});
        await client.initialize(pathToFileURL(workspace).toString());
        for (const [file, text] of Object.entries(FILES)) await client.open(uri(file), text);
    });
    afterAll(async () => {
        await client.shutdown();
        fs.rmSync(workspace, { recursive: true, force: true });
    });

    it.each(Object.keys(PROBES))('%s: outline, hover, completion, folding, semantic tokens, formatting', async file => {
        const text = FILES[file]!;
        const probe = PROBES[file]!;
        const textDocument = { uri: uri(file) };

        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }) as DocumentSymbol[];
        expect(symbols).toHaveLength(1);
        const names = symbols[0]!.children!.map(s => s.name);
        for (const expected of probe.outline) expect(names).toContain(expected);

        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument, position: at(text, probe.hover, 1) });
        expect(JSON.stringify(hover?.contents ?? '')).not.toBe('""');

        const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument, position: at(text, probe.complete, probe.complete.length + 1) });
        const items = Array.isArray(completion) ? completion : completion?.items ?? [];
        expect(items.length).toBeGreaterThan(0);

        const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
        expect(folds?.length ?? 0).toBeGreaterThan(0);

        const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument });
        expect(tokens?.data.length ?? 0).toBeGreaterThan(0);

        // The documents are written in the canonical layout: formatting keeps them as they are.
        const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } }) as TextEdit[] | null;
        const formatted = TextDocument.applyEdits(TextDocument.create(textDocument.uri, 'chidu', 1, text), edits ?? []);
        expect(formatted).toBe(text);
    });

    it('code lens on the upper list and the upper benchmark count what refines or cites them', async () => {
        const listLenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('province-list.chidu') } });
        expect(listLenses?.map(l => l.command?.title).join(' ')).toMatch(/下级/);
        const cityLenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('city-list.chidu') } });
        expect(cityLenses?.map(l => l.command?.title).join(' ')).toMatch(/细化自/);
    });
});
