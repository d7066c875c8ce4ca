import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { expectCompletion, expectFormatting, expectSemanticToken, highlightHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { type CodeAction, type CompletionList, type Diagnostic, SemanticTokenTypes, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createChiduServices } from '../../src/chidu-module.js';
import { loadPinyin, matchesPinyin } from '../../src/lsp/chidu-completion-provider.js';
import { EXAMPLES, type Fixture, fixture, guangdongEco } from './lsp-fixture.js';

const services = () => createChiduServices(EmptyFileSystem).Chidu;

describe('semantic tokens', () => {
    it('penalty kinds, measures, amounts, citations and references', async () => {
        const highlight = highlightHelper(services());
        const tokens = await highlight(`基准 <|「甲」|> { 制定机关 「局」 层级 省 施行日期 2022-01-01 }
事项 <|A-1|> 「甲」 { 违反条款 <|《示例法》第一条|> 处罚依据 《示例法》第九条 法定处罚 { <|责令改正|> <|罚款|> <|十万元|><|以上|>一百万元以下 <|吊销许可证件|> }
    阶次 <|一|> { 罚款 <|货值金额|> 一倍以上二倍以下 } }`);
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.type });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.namespace });
        expectSemanticToken(tokens, { rangeIndex: 3, tokenType: SemanticTokenTypes.macro });
        expectSemanticToken(tokens, { rangeIndex: 4, tokenType: SemanticTokenTypes.function });
        expectSemanticToken(tokens, { rangeIndex: 5, tokenType: SemanticTokenTypes.number });
        expectSemanticToken(tokens, { rangeIndex: 6, tokenType: SemanticTokenTypes.operator });
        expectSemanticToken(tokens, { rangeIndex: 7, tokenType: SemanticTokenTypes.function });
        expectSemanticToken(tokens, { rangeIndex: 8, tokenType: SemanticTokenTypes.enumMember });
        expectSemanticToken(tokens, { rangeIndex: 9, tokenType: SemanticTokenTypes.parameter });
    });

    it('cross-references are typed like their targets', async () => {
        const f = await fixture({
            'p.chidu': '基准 「省」 { 制定机关 「局」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「甲」 { 违反条款 《法》第一条 处罚依据 《法》第二条 法定处罚 { 罚款 五万元以下 } 阶次 「低」 { 罚款 一万元以下 } }',
            'c.chidu': '基准 「市」 { 制定机关 「局」 层级 市 施行日期 2022-01-01 上级 「省」 }\n事项 B-1 「甲」 细化 A-1 { 阶次 1 { 细化 「低」 罚款 五千元以下 } }'
        });
        const provider = f.services.lsp.SemanticTokenProvider!;
        const { SemanticTokensDecoder } = await import('langium/lsp');
        const tokens = SemanticTokensDecoder.decode(await provider.semanticHighlight(f.doc('c.chidu'), { textDocument: f.id('c.chidu') }), provider.tokenTypes, f.doc('c.chidu'));
        const byText = Object.fromEntries(tokens.map(t => [t.text, t.tokenType]));
        expect(byText['「省」']).toBe(SemanticTokenTypes.class);
        expect(byText['A-1']).toBe(SemanticTokenTypes.type);
        expect(byText['「低」']).toBe(SemanticTokenTypes.enumMember);
    });
});

describe('formatting', () => {
    it('produces the canonical layout: header fields one per line, items apart, bodies indented 4 spaces', async () => {
        await expectFormatting(services())({
            before: `// 说明
基准 「乱」{制定机关 「某局」 层级 县 施行日期 2022-01-01 上级 「甲」 、 「乙」
边界 以上含本数   以下不含本数 }
// 事项说明
事项 X-1 「甲」 {违反条款 《法》第一条 、 第二条 处罚依据 《法》第九条 法定处罚 { 罚款 按 货值金额 { 不足一万元 : 五万元以上十万元以下  一万元以上 : 货值金额 十倍以上二十倍以下 } 情节严重的 { 吊销许可证件 } }
阶次 1 从轻 {情形 「a」 「b」
   「c」
罚款10万元以上 含本数 20万元以下不含本数
  // 内部注释
  并处 警告 或者 通报批评 }
阶次 2 {}
}
直接适用 3-1 、3-5
`,
            after: `// 说明
基准 「乱」 {
    制定机关 「某局」
    层级 县
    施行日期 2022-01-01
    上级 「甲」、「乙」
    边界 以上含本数 以下不含本数
}

// 事项说明
事项 X-1 「甲」 {
    违反条款 《法》第一条、第二条
    处罚依据 《法》第九条
    法定处罚 {
        罚款 按 货值金额 {
            不足一万元 : 五万元以上十万元以下
            一万元以上 : 货值金额 十倍以上二十倍以下
        }
        情节严重的 {
            吊销许可证件
        }
    }
    阶次 1 从轻 {
        情形 「a」 「b」
            「c」
        罚款 10万元以上 含本数 20万元以下 不含本数
        // 内部注释
        并处 警告 或者 通报批评
    }
    阶次 2 { }
}

直接适用 3-1、3-5
`
        });
    });

    it('formatting the examples is idempotent and changes no meaning (same tokens, same diagnostics)', async () => {
        const files = { ...guangdongEco(), 'market-province.chidu': fs.readFileSync(path.join(EXAMPLES, 'guangdong-market/province.chidu'), 'utf8') };
        const before = await fixture(files);
        const formatted: Record<string, string> = {};
        for (const [name, document] of Object.entries(before.documents)) {
            const edits = await before.services.lsp.Formatter!.formatDocument(document, { textDocument: before.id(name), options: { tabSize: 2, insertSpaces: false } });
            formatted[name] = TextDocument.applyEdits(document.textDocument as TextDocument, edits);
            expect(formatted[name].replace(/\s+/g, '')).toBe(document.textDocument.getText().replace(/\s+/g, ''));
        }
        const after = await fixture(formatted);
        for (const [name, document] of Object.entries(after.documents)) {
            const codes = (d: Fixture['documents'][string]) => (d.diagnostics ?? []).map(x => `${x.code} ${x.message}`).sort();
            expect(codes(document), name).toEqual(codes(before.documents[name]));
            const again = await after.services.lsp.Formatter!.formatDocument(document, { textDocument: after.id(name), options: { tabSize: 4, insertSpaces: true } });
            expect(again, `${name} is not stable under formatting`).toEqual([]);
        }
    });

    it('leaves a document with syntax errors alone', async () => {
        const f = await fixture({ 'a.chidu': '基准 「甲」 {制定机关 「局」\n事项 { 罚款' });
        expect(await f.services.lsp.Formatter!.formatDocument(f.doc('a.chidu'), { textDocument: f.id('a.chidu'), options: { tabSize: 4, insertSpaces: true } })).toEqual([]);
    });
});

// ---------------------------------------------------------------------------------------------------------------
// Quick fixes: each is applied, the workspace rebuilt, and the diagnostic must be gone.
// ---------------------------------------------------------------------------------------------------------------

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

function city(tiers: string): string {
    return `基准 「市基准」 {
    制定机关 「市局」
    层级 市
    施行日期 2022-06-01
    上级 「省基准」
    边界 以上含本数 以下含本数
}
事项 B-1 「甲行为」 细化 A-1 {
${tiers}
}
`;
}

async function fixesFor(f: Fixture, name: string, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
    const document = f.doc(name);
    const diagnostic = (document.diagnostics ?? []).find(d => d.code === code);
    expect(diagnostic, `no ${code} in ${name}: ${(document.diagnostics ?? []).map(d => d.code).join(', ')}`).toBeDefined();
    const actions = await f.services.lsp.CodeActionProvider!.getCodeActions(document,
        { textDocument: f.id(name), range: diagnostic!.range, context: { diagnostics: [diagnostic!] } }) as CodeAction[];
    return { diagnostic: diagnostic!, actions };
}

function applyAction(f: Fixture, action: CodeAction): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, document] of Object.entries(f.documents)) {
        const edits: TextEdit[] = action.edit?.changes?.[document.textDocument.uri] ?? [];
        out[name] = TextDocument.applyEdits(document.textDocument as TextDocument, edits);
    }
    return out;
}

function codes(f: Fixture, name: string): string[] {
    return (f.doc(name).diagnostics ?? []).map(d => String(d.code));
}

describe('quick fixes', () => {
    it('CD401: clamps the upper bound to the upper tier, with 不含本数 where the upper tier excludes it', async () => {
        const f = await fixture({ 'p.chidu': PROVINCE, 'c.chidu': city('    阶次 1 { 细化 「低档」 罚款 一万元以上五万元以下 }') });
        const { actions } = await fixesFor(f, 'c.chidu', 'CD401');
        expect(actions).toHaveLength(1);
        expect(actions[0].title).toContain('「一万元以上四万元以下 不含本数」');
        const fixed = applyAction(f, actions[0]);
        expect(fixed['c.chidu']).toContain('罚款 一万元以上四万元以下 不含本数 }');
        const g = await fixture(fixed);
        expect(codes(g, 'c.chidu')).not.toContain('CD401');
    });

    it('CD401: clamps a lower bound too, keeping the end that was right, in Arabic numerals when written so', async () => {
        const f = await fixture({ 'p.chidu': PROVINCE, 'c.chidu': city('    阶次 1 { 细化 「高档」 罚款 3万元以上6万元以下 }') });
        const { actions } = await fixesFor(f, 'c.chidu', 'CD401');
        expect(applyAction(f, actions[0])['c.chidu']).toContain('罚款 4万元以上6万元以下 }');
    });

    it('CD402 against an upper weighted table: the fix applies the validator\'s verdict (it had none before)', async () => {
        const folder = path.join(__dirname, '..', 'resources', 'validation', 'weighted', 'province-city');
        const files = Object.fromEntries(fs.readdirSync(folder).filter(n => n.endsWith('.chidu'))
            .map(n => [n, fs.readFileSync(folder + '/' + n, 'utf8').replace(/[»«]/g, '')]));
        const f = await fixture(files);
        const { diagnostic, actions } = await fixesFor(f, 'city.chidu', 'CD402');
        expect(diagnostic.message).toContain('权重表');
        expect(actions).toHaveLength(1);
        expect(actions[0]!.title).toContain('权重表之内');
        const fixed = applyAction(f, actions[0]!);
        expect(fixed['city.chidu']).toContain('罚款 五十万元以上一百万元以下');
        expect(codes(await fixture(fixed), 'city.chidu')).not.toContain('CD402');
    });

    it('CD303: clamps to the statutory range (the document says 以下不含本数, the statute includes 10万元)', async () => {
        const province = PROVINCE.replace('四万元以上十万元以下 含本数', '四万元以上十二万元以下');
        const f = await fixture({ 'p.chidu': province });
        const { actions } = await fixesFor(f, 'p.chidu', 'CD303');
        const fixed = applyAction(f, actions[0]);
        expect(fixed['p.chidu']).toContain('罚款 四万元以上十万元以下 含本数 }');
        const g = await fixture(fixed);
        expect(codes(g, 'p.chidu')).not.toContain('CD303');
    });

    it('CD209: one action per upper tier, the tier that contains it first', async () => {
        const f = await fixture({ 'p.chidu': PROVINCE, 'c.chidu': city('    阶次 3 {\n        罚款 六万元以上十万元以下\n    }') });
        const { actions } = await fixesFor(f, 'c.chidu', 'CD209');
        expect(actions.map(a => a.title)).toEqual([
            '细化上级（省厅）阶次「高档」 [4万元, 10万元]',
            '细化上级（省厅）阶次「低档」 [1万元, 4万元)',
            '忽略此处的 CD209（须填写理由）'
        ]);
        expect(actions[0].isPreferred).toBe(true);
        const fixed = applyAction(f, actions[0]);
        expect(fixed['c.chidu']).toContain('    阶次 3 {\n        细化 「高档」\n        罚款 六万元以上十万元以下\n    }');
        const g = await fixture(fixed);
        expect(codes(g, 'c.chidu')).not.toContain('CD209');
        expect(codes(g, 'c.chidu')).not.toContain('CD401');
    });

    it('CD209 on a one-line tier inserts on the same line', async () => {
        const f = await fixture({ 'p.chidu': PROVINCE, 'c.chidu': city('    阶次 1 { 罚款 一万元以上二万元以下 }') });
        const { actions } = await fixesFor(f, 'c.chidu', 'CD209');
        expect(applyAction(f, actions[0])['c.chidu']).toContain('阶次 1 { 细化 「低档」 罚款 一万元以上二万元以下 }');
    });

    it('CD101: adds the missing header fields, the level one below the upper document', async () => {
        const text = '基准 「县基准」 {\n    上级 「省基准」\n}\n';
        const f = await fixture({ 'p.chidu': PROVINCE, 'x.chidu': text });
        const { actions } = await fixesFor(f, 'x.chidu', 'CD101');
        expect(actions[0].title).toBe('补全基准头部：制定机关、层级、施行日期');
        const fixed = applyAction(f, actions[0]);
        expect(fixed['x.chidu']).toMatch(/^基准 「县基准」 \{\n {4}上级 「省基准」\n {4}制定机关 「（请填写制定机关）」\n {4}层级 市\n {4}施行日期 \d{4}-\d{2}-\d{2}\n\}\n$/);
        const g = await fixture(fixed);
        expect(codes(g, 'x.chidu')).not.toContain('CD101');
    });
});

describe('quick fixes for input and procedure', () => {
    it('CD106: a full-width character is written half-width, one or all at once', async () => {
        const text = PROVINCE.replace('阶次 「低档」 { 罚款 一万元以上四万元以下 }', '阶次 「低档」 { 罚款 １万元以上４万元以下 }');
        const f = await fixture({ 'p.chidu': text });
        const { actions } = await fixesFor(f, 'p.chidu', 'CD106');
        expect(actions.map(a => a.title)).toEqual(['改为半角「1」', '把本文件的全角字符全部改为半角（2 处）']);
        const fixed = applyAction(f, actions[1]);
        expect(fixed['p.chidu']).toContain('阶次 「低档」 { 罚款 1万元以上4万元以下 }');
        const g = await fixture(fixed);
        expect(codes(g, 'p.chidu')).not.toContain('CD106');
    });

    it('CD316: a 不予处罚 tier gets the missing 责令改正 and 批评教育', async () => {
        const text = PROVINCE.replace('    阶次 「低档」', '    阶次 不予处罚 {\n        依据 《行政处罚法》第三十三条第一款\n    }\n    阶次 「低档」');
        const f = await fixture({ 'p.chidu': text });
        const { actions } = await fixesFor(f, 'p.chidu', 'CD316');
        expect(actions[0].title).toBe('补上责令改正、批评教育');
        const fixed = applyAction(f, actions[0]);
        expect(fixed['p.chidu']).toContain('    阶次 不予处罚 {\n        依据 《行政处罚法》第三十三条第一款\n        责令改正\n        批评教育\n    }');
        const g = await fixture(fixed);
        expect(codes(g, 'p.chidu')).not.toContain('CD316');
    });
});

describe('quick fix: suppression comment', () => {
    const GAP = PROVINCE.replace('阶次 「低档」 { 罚款 一万元以上四万元以下 }', '阶次 「低档」 { 罚款 二万元以上四万元以下 }');

    it('a warning gets a comment above its line with a placeholder reason (CD120 until written), then it is suppressed', async () => {
        const f = await fixture({ 'p.chidu': GAP });
        const { diagnostic, actions } = await fixesFor(f, 'p.chidu', 'CD502');
        const action = actions.find(a => a.title === '忽略此处的 CD502（须填写理由）');
        expect(action, actions.map(a => a.title).join(', ')).toBeDefined();
        const fixed = applyAction(f, action!)['p.chidu'];
        const line = fixed.split('\n')[diagnostic.range.start.line];
        expect(line).toMatch(/^\s*\/\/ 尺度：忽略 CD502 「待填写理由」$/);
        const placeholder = await fixture({ 'p.chidu': fixed });
        expect(codes(placeholder, 'p.chidu')).toEqual(expect.arrayContaining(['CD120', 'CD502']));
        expect(placeholder.doc('p.chidu').diagnostics!.find(d => d.code === 'CD502')!.severity).toBe(2);
        const reasoned = await fixture({ 'p.chidu': fixed.replace('待填写理由', '照录原文') });
        const suppressed = reasoned.doc('p.chidu').diagnostics!.find(d => d.code === 'CD502')!;
        expect(suppressed.severity).toBe(4);
        expect(suppressed.data).toMatchObject({ suppressed: { reason: '照录原文', severity: 'warning' } });
        expect(codes(reasoned, 'p.chidu')).not.toContain('CD120');
        const again = await fixesFor(reasoned, 'p.chidu', 'CD502');
        expect(again.actions.map(a => a.title)).not.toContain('忽略此处的 CD502（须填写理由）');
    });

    it('an error gets no suppression fix', async () => {
        const f = await fixture({ 'p.chidu': PROVINCE.replace('一万元以上四万元以下', '一万元以上六十万元以下') });
        const error = (f.doc('p.chidu').diagnostics ?? []).find(d => d.severity === 1);
        expect(error).toBeDefined();
        const actions = await f.services.lsp.CodeActionProvider!.getCodeActions(f.doc('p.chidu'),
            { textDocument: f.id('p.chidu'), range: error!.range, context: { diagnostics: [error!] } }) as CodeAction[];
        expect(actions.map(a => a.title).filter(t => t.startsWith('忽略'))).toEqual([]);
    });
});

// ---------------------------------------------------------------------------------------------------------------
// Completion
// ---------------------------------------------------------------------------------------------------------------

const HEADER = `基准 「县2」 {
    制定机关 「某县局」
    层级 县
    施行日期 2022-01-01
    上级 「江门市生态环境行政处罚自由裁量权裁量标准」
}
`;

async function complete(text: string): Promise<CompletionList> {
    const files = guangdongEco();
    const marker = text.indexOf('<|>');
    const f = await fixture({ ...files, 'new.chidu': text.replace('<|>', '') });
    const document = f.doc('new.chidu');
    return (await f.services.lsp.CompletionProvider!.getCompletion(document,
        { textDocument: f.id('new.chidu'), position: document.textDocument.positionAt(marker) }))!;
}

const labels = (list: CompletionList) => list.items.map(i => i.label);

describe('completion', () => {
    it('keywords (Langium default), through langium/test expectCompletion', async () => {
        await expectCompletion(services())({
            text: '基准 「甲」 { 制定机关 「局」 <|>',
            index: 0,
            assert: list => expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['层级', '施行日期', '边界', '上级']))
        });
    });

    it('item codes of the upper documents after 细化, with the upper item named', async () => {
        const list = await complete(`${HEADER}事项 X-1 「甲」 细化 <|>`);
        expect(labels(list)).toEqual(expect.arrayContaining(['3-2', '1-1', 'DQ-99-1', 'HP-31-1']));
        const item = list.items.find(i => i.label === '3-2')!;
        expect(item.detail).toBe('江门市生态环境局 事项 3-2');
        expect(item.labelDetails?.description).toContain('未依法取得排污许可证');
    });

    it('a half-typed code (3-) is completed in place', async () => {
        const list = await complete(`${HEADER}事项 X-1 「甲」 细化 3-<|>`);
        expect(labels(list)).toContain('3-2');
        expect(labels(list)).not.toContain('1-1');
        const edit = list.items.find(i => i.label === '3-2')!.textEdit as TextEdit;
        expect(edit.range.start.character).toBe('事项 X-1 「甲」 细化 '.length);
    });

    it('item codes after 直接适用', async () => {
        const list = await complete(`${HEADER}直接适用 <|>`);
        expect(labels(list)).toEqual(expect.arrayContaining(['3-1', '3-5']));
    });

    it('upper tier names inside a refining tier, with their intervals', async () => {
        const header = HEADER.replace('江门市生态环境行政处罚自由裁量权裁量标准', '广东省生态环境行政处罚自由裁量权裁量基准');
        const list = await complete(`${header}事项 X-1 「甲」 细化 HP-31-3 {\n    阶次 1 {\n        细化 <|>`);
        expect(labels(list)).toEqual(['「一般区域按期改正」', '「一般区域逾期改正」', '「限批区或环境敏感区」']);
        expect(list.items[0].labelDetails?.description).toBe('(0元, 1万元)');
    });

    it('a typed 「 is part of what the tier name replaces', async () => {
        const header = HEADER.replace('江门市生态环境行政处罚自由裁量权裁量标准', '广东省生态环境行政处罚自由裁量权裁量基准');
        const line = '        细化 「一般';
        const list = await complete(`${header}事项 X-1 「甲」 细化 HP-31-3 {\n    阶次 1 {\n${line}<|>`);
        const item = list.items.find(i => i.label === '「一般区域按期改正」')!;
        expect((item.textEdit as TextEdit).range.start.character).toBe(line.indexOf('「'));
        expect(labels(list)).not.toContain('「限批区或环境敏感区」');
    });

    it('pinyin initials: fk offers 罚款, jg offers 警告', async () => {
        const fk = await complete(`${HEADER}事项 X-1 「甲」 细化 3-2 {\n    阶次 1 {\n        细化 1\n        fk<|>`);
        expect(labels(fk)).toContain('罚款');
        const item = fk.items.find(i => i.label === '罚款')!;
        expect(item.filterText).toContain('fk');
        expect((item.textEdit as TextEdit).newText).toBe('罚款');
        const jg = await complete(`${HEADER}事项 X-1 「甲」 细化 3-2 {\n    阶次 1 {\n        细化 1\n        jg<|>`);
        expect(labels(jg)).toContain('警告');
        await loadPinyin();
        expect(matchesPinyin('fakuan', '罚款')).toBe(true);
        expect(matchesPinyin('zlgz', '责令改正')).toBe(true);
        expect(matchesPinyin('xx', '罚款')).toBe(false);
    });

    it('a half-typed Chinese word is replaced, not appended to', async () => {
        const list = await complete(`${HEADER}事项 X-1 「甲」 细化 3-2 {\n    阶次 1 {\n        细化 1\n        罚<|>`);
        const item = list.items.find(i => i.label === '罚款')!;
        expect((item.textEdit as TextEdit).range.start.character).toBe(8);
    });

    it('statute names where a citation starts, and snippets for a whole item', async () => {
        process.env.CHIDU_STATUTES_DIR ??= '';
        const list = await complete(`${HEADER}事项 X-1 「甲」 {\n    处罚依据 <|>`);
        const statutesExist = fs.existsSync(path.resolve(EXAMPLES, '../../shared/reference/statutes'));
        if (statutesExist) expect(labels(list)).toContain('《大气污染防治法》');
        const top = await complete(`${HEADER}<|>`);
        expect(labels(top)).toEqual(expect.arrayContaining(['事项（新设）', '事项（细化上级）', '事项', '直接适用']));
    });
});

describe('completion of facts in conditions', () => {
    const LIST = `清单 「区域清单」 { 类别 不予处罚清单 制定机关 「省局」 层级 省 施行日期 2022-01-01 }
事实 「区域」 { 类型 枚举 取值 「一般区域」、「饮用水水源保护区」 }
事实 「超标倍数」 { 类型 数量 单位 倍 }
`;
    it('the declared enumerated facts where a membership test starts, and their values after 为', async () => {
        const names = labels(await complete(`${LIST}条目 1 { 条件 同时满足 { 「区域」 为 <|> } }`));
        expect(names).toEqual(expect.arrayContaining(['「一般区域」', '「饮用水水源保护区」']));
    });

    it('yes/no circumstances of 《行政处罚法》 where a text condition goes', async () => {
        const names = labels(await complete(`${LIST}条目 1 { 条件 同时满足 { <|> } }`));
        expect(names).toEqual(expect.arrayContaining(['「初次违法」', '「没有造成危害后果」', '「区域」']));
    });

    it('quantities after 指标', async () => {
        const names = labels(await complete(`${LIST}条目 1 { 条件 同时满足 { 指标 <|> } }`));
        expect(names).toContain('「超标倍数」');
    });
});

describe('rewriting a free-text condition as a typed one', () => {
    const UPPER = `清单 「省清单」 { 类别 不予处罚清单 制定机关 「省局」 层级 省 施行日期 2022-01-01 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }
条目 1 { 违法行为 「某行为」 违反条款 《示例法》第一条 条件 同时满足 { 「违法行为轻微」 「及时改正」 「没有造成危害后果」 指标 「违法所得」 不超过五万元 } 后果 不予处罚 }
`;
    const LOWER = `清单 「市清单」 { 类别 不予处罚清单 制定机关 「市局」 层级 市 施行日期 2022-06-01 上级 「省清单」 }
条目 1-1 细化 1 { 条件 同时满足 { 「违法行为轻微」 「及时改正」 「没有造成危害后果」 「违法所得不超过一万元」 } }
`;
    it('「违法所得不超过一万元」 becomes 指标 「违法所得」 不超过一万元, and the rewritten list is proved narrower', async () => {
        const f = await fixture({ 'upper.chidu': UPPER, 'lower.chidu': LOWER });
        expect((f.doc('lower.chidu').diagnostics ?? []).map(d => d.code)).toContain('CD620'); // free text: cannot prove
        const document = f.doc('lower.chidu');
        const at = f.at('lower.chidu', '「违法所得不超过一万元」', 2);
        const actions = await f.services.lsp.CodeActionProvider!.getCodeActions(document,
            { textDocument: f.id('lower.chidu'), range: { start: at, end: at }, context: { diagnostics: [] } }) as CodeAction[];
        const rewrite = actions.find(a => a.title.startsWith('改写为类型化条件'));
        expect(rewrite?.title).toBe('改写为类型化条件：指标 「违法所得」 不超过一万元');
        const rewritten = applyAction(f, rewrite!);
        const after = await fixture(rewritten);
        expect((after.doc('lower.chidu').diagnostics ?? []).map(d => `${String(d.code)} ${d.message}`)).toEqual([]);
    });
});
