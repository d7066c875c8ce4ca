import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { expectFindReferences, expectGoToDefinition, expectSymbols } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol, Location, LocationLink, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createChiduServices } from '../../src/chidu-module.js';
import { type Fixture, fixture, guangdongEco } from './lsp-fixture.js';

const PROVINCE = `基准 「省基准」 {
    制定机关 「省厅」
    层级 省
    施行日期 2022-01-01
}
事项 A-1 「甲行为」 {
    违反条款 《示例法》第一条
    处罚依据 《示例法》第九条第（二）项
    法定处罚 { 罚款 一万元以上十万元以下 }
    阶次 「低档」 { 罚款 一万元以上四万元以下 }
    阶次 「高档」 { 罚款 四万元以上十万元以下 }
}
事项 A-2 「乙行为」 {
    违反条款 《示例法》第一条
    处罚依据 《示例法》第九条第（二）项
    法定处罚 { 罚款 一万元以下 }
}
`;

const CITY = `基准 「市基准」 {
    制定机关 「市局」
    层级 市
    施行日期 2022-06-01
    上级 「省基准」
}
事项 B-1 「甲行为」 细化 A-1 {
    阶次 1 { 细化 「低档」 罚款 一万元以上二万元以下 }
    阶次 2 { 细化 「低档」、「高档」 罚款 二万元以上六万元以下 }
}
直接适用 A-2
`;

// The county names A-1 although it resolves to the city's refinement B-1 (the alias of A-1 in the city).
const COUNTY = `基准 「县基准」 {
    制定机关 「县局」
    层级 县
    施行日期 2023-01-01
    上级 「市基准」
}
事项 C-1 「甲行为」 细化 A-1 {
    阶次 1 { 细化 1 罚款 一万元以上一万五千元以下 }
}
直接适用 A-2
`;

// A second county names the city's refinement by its own code.
const COUNTY2 = `基准 「县基准二」 {
    制定机关 「县局二」
    层级 县
    施行日期 2023-01-01
    上级 「市基准」
}
事项 D-1 「甲行为」 细化 B-1 {
    阶次 1 { 细化 2 罚款 二万元以上三万元以下 }
}
`;

const STATUTE = `# 中华人民共和国示例法

第一条 为了测试，制定本法。

第九条 违反本法规定，有下列行为之一的，处罚款：

（一）甲；

（二）乙。
`;

let statutes: string;
let savedEnv: string | undefined;
beforeAll(() => {
    statutes = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-statutes-'));
    fs.writeFileSync(path.join(statutes, '示例法(2020-01-01).md'), STATUTE);
    savedEnv = process.env.CHIDU_STATUTES_DIR;
    process.env.CHIDU_STATUTES_DIR = statutes;
});
afterAll(() => {
    if (savedEnv === undefined) delete process.env.CHIDU_STATUTES_DIR;
    else process.env.CHIDU_STATUTES_DIR = savedEnv;
    fs.rmSync(statutes, { recursive: true, force: true });
});

function chain(): Promise<Fixture> {
    return fixture({ 'province.chidu': PROVINCE, 'city.chidu': CITY, 'county.chidu': COUNTY, 'county2.chidu': COUNTY2 });
}

/** The text a range covers in a fixture file. */
function textAt(f: Fixture, uri: string, range: Range): string {
    const document = Object.values(f.documents).find(d => d.textDocument.uri === uri)!;
    return document.textDocument.getText(range);
}

function fileOf(uri: string): string {
    return path.basename(uri);
}

describe('go to definition', () => {
    it('an item code after 细化 jumps to the item in the upper file', async () => {
        const f = await chain();
        const links = await f.services.lsp.DefinitionProvider!.getDefinition(f.doc('city.chidu'),
            { textDocument: f.id('city.chidu'), position: f.at('city.chidu', '细化 A-1', 4) }) as LocationLink[];
        expect(links).toHaveLength(1);
        expect(fileOf(links[0].targetUri)).toBe('province.chidu');
        expect(textAt(f, links[0].targetUri, links[0].targetSelectionRange)).toBe('A-1');
        expect(textAt(f, links[0].targetUri, links[0].targetRange)).toMatch(/^事项 A-1 「甲行为」 \{[\s\S]*\}$/);
        expect(textAt(f, f.id('city.chidu').uri, links[0].originSelectionRange!)).toBe('A-1');
    });

    it('an alias reaches the nearest refinement: the county\'s A-1 is the city\'s B-1', async () => {
        const f = await chain();
        const links = await f.services.lsp.DefinitionProvider!.getDefinition(f.doc('county.chidu'),
            { textDocument: f.id('county.chidu'), position: f.at('county.chidu', '细化 A-1', 4) }) as LocationLink[];
        expect(fileOf(links[0].targetUri)).toBe('city.chidu');
        expect(textAt(f, links[0].targetUri, links[0].targetSelectionRange)).toBe('B-1');
    });

    it('a tier name after 细化 jumps to the upper tier; 上级 jumps to the upper document', async () => {
        const f = await chain();
        const tier = await f.services.lsp.DefinitionProvider!.getDefinition(f.doc('city.chidu'),
            { textDocument: f.id('city.chidu'), position: f.at('city.chidu', '「高档」', 2) }) as LocationLink[];
        expect(fileOf(tier[0].targetUri)).toBe('province.chidu');
        expect(textAt(f, tier[0].targetUri, tier[0].targetSelectionRange)).toBe('「高档」');
        const parent = await f.services.lsp.DefinitionProvider!.getDefinition(f.doc('county.chidu'),
            { textDocument: f.id('county.chidu'), position: f.at('county.chidu', '「市基准」', 2) }) as LocationLink[];
        expect(fileOf(parent[0].targetUri)).toBe('city.chidu');
        expect(textAt(f, parent[0].targetUri, parent[0].targetSelectionRange)).toBe('「市基准」');
    });

    it('a citation jumps to the article in the statute markdown file, the cited item selected', async () => {
        const f = await chain();
        const links = await f.services.lsp.DefinitionProvider!.getDefinition(f.doc('province.chidu'),
            { textDocument: f.id('province.chidu'), position: f.at('province.chidu', '《示例法》第九条第（二）项', 3) }) as LocationLink[];
        expect(links).toHaveLength(1);
        expect(links[0].targetUri).toBe(pathToFileURL(path.join(statutes, '示例法(2020-01-01).md')).toString());
        const lines = STATUTE.split('\n');
        expect(lines[links[0].targetRange.start.line]).toMatch(/^第九条/);
        expect(lines[links[0].targetSelectionRange.start.line]).toBe('（二）乙。');
    });

    it('works through langium/test expectGoToDefinition inside one document', async () => {
        const { Chidu } = createChiduServices(EmptyFileSystem);
        await expectGoToDefinition(Chidu)({
            text: `基准 <|「自己」|> { 制定机关 「局」 层级 省 施行日期 2022-01-01 上级 「自<|>己」 }`,
            index: 0,
            rangeIndex: 0
        });
    });
});

describe('find references', () => {
    it('an upper item: every lower document that refines or applies it, including through an alias', async () => {
        const f = await chain();
        const refs = await f.services.lsp.ReferencesProvider!.findReferences(f.doc('province.chidu'),
            { textDocument: f.id('province.chidu'), position: f.at('province.chidu', 'A-1', 1), context: { includeDeclaration: false } }) as Location[];
        const seen = refs.map(r => `${fileOf(r.uri)}:${textAt(f, r.uri, r.range)}:${r.range.start.line}`).sort();
        // city 细化 A-1; county 细化 A-1 (resolves to the city's B-1 by alias)
        expect(seen).toEqual(['city.chidu:A-1:6', 'county.chidu:A-1:6']);
    });

    it('a refinement: the links resolving to it, whatever code they write', async () => {
        const f = await chain();
        const refs = await f.services.lsp.ReferencesProvider!.findReferences(f.doc('city.chidu'),
            { textDocument: f.id('city.chidu'), position: f.at('city.chidu', 'B-1', 1), context: { includeDeclaration: true } }) as Location[];
        expect(refs.map(r => `${fileOf(r.uri)}:${textAt(f, r.uri, r.range)}`).sort()).toEqual(['city.chidu:B-1', 'county.chidu:A-1', 'county2.chidu:B-1']);
    });

    it('an upper tier: the lower tiers that refine it', async () => {
        const f = await chain();
        const refs = await f.services.lsp.ReferencesProvider!.findReferences(f.doc('province.chidu'),
            { textDocument: f.id('province.chidu'), position: f.at('province.chidu', '「低档」', 1), context: { includeDeclaration: false } }) as Location[];
        expect(refs.map(r => `${fileOf(r.uri)}:${r.range.start.line}`)).toEqual(['city.chidu:7', 'city.chidu:8']);
    });

    it('works through langium/test expectFindReferences for a document named as 上级', async () => {
        const { Chidu } = createChiduServices(EmptyFileSystem);
        await expectFindReferences(Chidu)({
            text: `基准 <|「自<|>己」|> { 制定机关 「局」 层级 省 施行日期 2022-01-01 上级 <|「自己」|> }`,
            includeDeclaration: true
        });
    });
});

function apply(f: Fixture, edit: WorkspaceEdit): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, document] of Object.entries(f.documents)) {
        const edits: TextEdit[] = edit.changes?.[document.textDocument.uri] ?? [];
        out[name] = TextDocument.applyEdits(document.textDocument as TextDocument, edits);
    }
    return out;
}

describe('rename', () => {
    it('an item code across the workspace, aliases included, and the renamed workspace still links', async () => {
        const f = await chain();
        const position = f.at('province.chidu', 'A-1', 1);
        const prepared = await f.services.lsp.RenameProvider!.prepareRename(f.doc('province.chidu'), { textDocument: f.id('province.chidu'), position });
        expect(prepared).toMatchObject({ placeholder: 'A-1' });
        const edit = (await f.services.lsp.RenameProvider!.rename(f.doc('province.chidu'), { textDocument: f.id('province.chidu'), position, newName: 'JIA-1' }))!;
        const files = apply(f, edit);
        expect(files['province.chidu']).toContain('事项 JIA-1 「甲行为」 {');
        expect(files['city.chidu']).toContain('事项 B-1 「甲行为」 细化 JIA-1 {');
        expect(files['county.chidu']).toContain('事项 C-1 「甲行为」 细化 JIA-1 {');
        expect(files['county2.chidu']).toContain('细化 B-1 {');
        const g = await fixture(files);
        for (const document of Object.values(g.documents)) {
            expect((document.diagnostics ?? []).filter(d => d.severity === 1).map(d => `${d.code} ${d.message}`)).toEqual([]);
        }
    });

    it('renaming an adopted code also renames 直接适用', async () => {
        const f = await chain();
        const position = f.at('city.chidu', '直接适用 A-2', 6);
        const edit = (await f.services.lsp.RenameProvider!.rename(f.doc('city.chidu'), { textDocument: f.id('city.chidu'), position, newName: 'YI-2' }))!;
        const files = apply(f, edit);
        expect(files['province.chidu']).toContain('事项 YI-2 「乙行为」');
        expect(files['city.chidu']).toContain('直接适用 YI-2');
        expect(files['county.chidu']).toContain('直接适用 YI-2');
    });

    it('a refinement renamed by its own code leaves references that name the upper code alone', async () => {
        const f = await chain();
        const edit = (await f.services.lsp.RenameProvider!.rename(f.doc('city.chidu'),
            { textDocument: f.id('city.chidu'), position: f.at('city.chidu', 'B-1', 0), newName: 'B-100' }))!;
        const files = apply(f, edit);
        expect(files['city.chidu']).toContain('事项 B-100 「甲行为」 细化 A-1 {');
        expect(files['county.chidu']).toContain('细化 A-1 {');
        expect(files['county2.chidu']).toContain('细化 B-100 {');
    });

    it('a tier name: quoted where it must be, bare where it is a numeral', async () => {
        const f = await chain();
        const edit = (await f.services.lsp.RenameProvider!.rename(f.doc('province.chidu'),
            { textDocument: f.id('province.chidu'), position: f.at('province.chidu', '「低档」', 1), newName: '较轻' }))!;
        const files = apply(f, edit);
        expect(files['province.chidu']).toContain('阶次 「较轻」 {');
        expect(files['city.chidu']).toContain('细化 「较轻」 罚款');
        expect(files['city.chidu']).toContain('细化 「较轻」、「高档」');
    });

    it('a document name: every 上级 that names it', async () => {
        const f = await chain();
        const edit = (await f.services.lsp.RenameProvider!.rename(f.doc('county.chidu'),
            { textDocument: f.id('county.chidu'), position: f.at('county.chidu', '「市基准」', 1), newName: '「江门市基准」' }))!;
        const files = apply(f, edit);
        expect(files['city.chidu']).toContain('基准 「江门市基准」 {');
        expect(files['county.chidu']).toContain('上级 「江门市基准」');
    });

    it('refuses a code the grammar cannot hold', async () => {
        const f = await chain();
        await expect(f.services.lsp.RenameProvider!.rename(f.doc('province.chidu'),
            { textDocument: f.id('province.chidu'), position: f.at('province.chidu', 'A-1', 1), newName: '甲 1' }))
            .rejects.toThrow(/不是有效的事项编码/);
        await expect(f.services.lsp.RenameProvider!.rename(f.doc('province.chidu'),
            { textDocument: f.id('province.chidu'), position: f.at('province.chidu', 'A-1', 1), newName: 'a-2' }))
            .rejects.toThrow('本文件已有事项 A-2，不能把事项 A-1 改名为 a-2');
    });
});

describe('document symbols, workspace symbols, folding', () => {
    it('outline: document → items → 法定处罚 and tiers, with intervals', async () => {
        const f = await chain();
        const symbols = await f.services.lsp.DocumentSymbolProvider!.getSymbols(f.doc('province.chidu'), { textDocument: f.id('province.chidu') }) as DocumentSymbol[];
        expect(symbols).toHaveLength(1);
        expect(symbols[0].name).toBe('基准 「省基准」');
        expect(symbols[0].detail).toBe('省厅 · 省级');
        const items = symbols[0].children!;
        expect(items.map(s => s.name)).toEqual(['A-1 甲行为', 'A-2 乙行为']);
        expect(items[0].children!.map(s => `${s.name}|${s.detail}`)).toEqual([
            '法定处罚|[1万元, 10万元]', '阶次 低档|[1万元, 4万元]', '阶次 高档|[4万元, 10万元]'
        ]);
    });

    it('works through langium/test expectSymbols (adoptions listed after items)', async () => {
        const { Chidu } = createChiduServices(EmptyFileSystem);
        await expectSymbols(Chidu)({
            text: `基准 「单」 { 制定机关 「局」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「甲」 { }`,
            assert: symbols => {
                expect(symbols.map(s => s.name)).toEqual(['基准 「单」']);
                expect((symbols[0] as DocumentSymbol).children!.map(s => s.name)).toEqual(['A-1 甲']);
            }
        });
    });

    it('workspace symbols: items and tiers of every document, by code, by name or by pinyin initials', async () => {
        const f = await chain();
        const provider = f.shared.lsp.WorkspaceSymbolProvider!;
        const byCode = await provider.getSymbols({ query: 'A-1' });
        expect(byCode.map(s => `${s.name}@${fileOf((s.location as Location).uri)}`)).toContain('A-1 甲行为@province.chidu');
        const byPinyin = await provider.getSymbols({ query: 'yxw' });
        expect(byPinyin.map(s => s.name)).toContain('A-2 乙行为');
        const tiers = await provider.getSymbols({ query: '高档' });
        expect(tiers.map(s => s.name)).toEqual(['A-1 阶次「高档」']);
    });

    it('folding: header, items, tiers and runs of line comments; braces fold', async () => {
        const text = `// 一
// 二
// 三
基准 「折叠」 {
    制定机关 「局」
    层级 省
    施行日期 2022-01-01
}
事项 A-1 「甲」 {
    违反条款 《示例法》第一条
    处罚依据 《示例法》第九条
    法定处罚 {
        罚款 一万元以下
    }
    阶次 1 {
        罚款 一千元以下
    }
}
`;
        const f = await fixture({ 'a.chidu': text });
        const ranges = await f.services.lsp.FoldingRangeProvider!.getFoldingRanges(f.doc('a.chidu'), { textDocument: f.id('a.chidu') });
        const spans = ranges.map(r => `${r.startLine}-${r.endLine}${r.kind ? ':' + r.kind : ''}`).sort();
        expect(spans).toEqual(['0-2:comment', '11-12', '14-15', '3-6', '8-16'].sort());
    });
});

describe('code lens', () => {
    it('upper items count the lower documents refining them; lower items and tiers say what they refine', async () => {
        const f = await chain();
        const province = await f.services.lsp.CodeLensProvider!.provideCodeLens(f.doc('province.chidu'), { textDocument: f.id('province.chidu') }) ?? [];
        const titles = province.map(l => `${l.range.start.line}:${l.command!.title}`);
        expect(titles).toContain('5:被 2 个下级文件细化');
        expect(titles).toContain('12:尚未被下级文件细化，2 个直接适用');
        expect(titles).toContain('9:被 2 个下级阶次细化');
        const city = await f.services.lsp.CodeLensProvider!.provideCodeLens(f.doc('city.chidu'), { textDocument: f.id('city.chidu') }) ?? [];
        const cityTitles = city.map(l => `${l.range.start.line}:${l.command!.title}`);
        expect(cityTitles).toContain('6:细化自 省厅 事项 A-1');
        expect(cityTitles).toContain('8:细化自 省厅 阶次「低档」 [1万元, 4万元]、「高档」 [4万元, 10万元]');
        expect(cityTitles).toContain('6:被 2 个下级文件细化');
    });

    it('on the real example: the county tier shows the Jiangmen tier and its interval', async () => {
        const f = await fixture(guangdongEco());
        const lenses = await f.services.lsp.CodeLensProvider!.provideCodeLens(f.doc('county.chidu'), { textDocument: f.id('county.chidu') }) ?? [];
        expect(lenses.map(l => l.command!.title)).toContain('细化自 江门市生态环境局 阶次「1」 [10万元, 20万元]');
        const province = await f.services.lsp.CodeLensProvider!.provideCodeLens(f.doc('province.chidu'), { textDocument: f.id('province.chidu') }) ?? [];
        expect(province.map(l => l.command!.title)).toContain('被 1 个下级文件细化');
    });
});
