import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { report } from '../src/validation/report.js';
import { REPO_ROOT, buildWorkspace, readFolder } from './helpers/workspace.js';

const example = readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-eco'));
const files = Object.keys(example);

/** Pieces of Chidu that, pasted anywhere, make plausible half-typed or broken input. */
const FRAGMENTS = [
    '{', '}', '「', '」', '《', '》', '、', '罚款', '以上', '以下', '含本数', '万元', '十', '一百万', '阶次', '细化', '事项',
    '按', '货值金额', ':', '不足', '情节严重的', '上级', '「省」', '直接适用', 'DQ-99-1', '3-2', '第九十九条', '百分之', '倍', '\n', ' '
];

type Mutation = { file: number; at: number; remove: number; insert: string };

const mutation = fc.record({
    file: fc.nat({ max: files.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }).map(x => x),
    remove: fc.nat({ max: 40 }),
    insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map(parts => parts.join(''))
}).map(m => ({ ...m, at: Math.floor(m.at * 1e6) }) as Mutation);

function apply(mutations: readonly Mutation[]): Record<string, string> {
    const out = { ...example };
    for (const m of mutations) {
        const name = files[m.file];
        const text = out[name];
        const at = m.at % (text.length + 1);
        out[name] = text.slice(0, at) + m.insert + text.slice(at + m.remove);
    }
    return out;
}

const allExamples = { ...example, ...Object.fromEntries(Object.entries(readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-market'))).map(([f, t]) => [`market/${f}`, t])) };

async function expectNoCrash(files: Record<string, string>): Promise<void> {
    for (const document of await buildWorkspace(files)) {
        const crashes = (document.diagnostics ?? []).filter(d => d.code === 'CD009');
        expect(crashes.map(d => d.message)).toEqual([]);
    }
}

describe('robustness', () => {
    it('a file cut off anywhere (half-typed) never makes the checks throw', async () => {
        const names = Object.keys(allExamples);
        await fc.assert(fc.asyncProperty(fc.nat({ max: names.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), async (which, where) => {
            const name = names[which];
            const text = allExamples[name];
            await expectNoCrash({ ...allExamples, [name]: text.slice(0, Math.floor(where * text.length)) });
        }), { numRuns: 30 });
    });

    it('random edits of the real example never make parsing, linking or validation throw', async () => {
        await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async mutations => {
            const documents = await buildWorkspace(apply(mutations));
            for (const document of documents) {
                const crashes = (document.diagnostics ?? []).filter(d => d.code === 'CD009');
                expect(crashes.map(d => d.message)).toEqual([]);
                for (const d of document.diagnostics ?? []) {
                    expect(String(d.code)).toMatch(/^CD\d{3}$/);
                    // Every message names what exists (report() turns an unfilled value into a CD009 as well).
                    if (!document.textDocument.getText().includes('undefined')) {
                        expect(String(d.message)).not.toMatch(/undefined|NaN|\[object Object\]/);
                    }
                }
            }
        }), { numRuns: 60 });
    });
});

const LIST_HEAD = '清单 「深度测试清单」 { 类别 不予处罚清单 制定机关 「某局」 层级 市 施行日期 2022-01-01 }\n';

/** An entry whose 条件 nests `depth` 同时满足 groups around one text condition. */
function nestedEntry(depth: number): string {
    return `条目 1 「某行为」 { 违法行为 「某行为」 违反条款 《某法》第十条 条件 ${'同时满足 { '.repeat(depth)}「违法行为轻微并及时改正，没有造成危害后果」${' }'.repeat(depth)}`
        + ' 后果 不予处罚 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }\n';
}

describe('input that used to exhaust the stack', () => {
    it('condition groups nested 300 deep get one located CD110 error and no other problem', async () => {
        const [document] = await buildWorkspace({ 'deep.chidu': LIST_HEAD + nestedEntry(300) });
        // information (CD706: 《某法》 is not in the statute library) aside
        const diagnostics = (document.diagnostics ?? []).filter(d => d.severity !== 3);
        expect(diagnostics.map(d => d.code)).toEqual(['CD110']);
        const [deep] = diagnostics;
        expect(deep.severity).toBe(1);
        // The 33rd group: after the 32 groups that are read.
        const column = nestedEntry(300).indexOf('同时满足') + '同时满足 { '.length * 32;
        expect(deep.range.start).toEqual({ line: 1, character: column });
        expect(deep.message).toMatch(/条件组嵌套超过 32 层/);
    });

    it('an unclosed run of condition groups is cut at the limit too', async () => {
        const [document] = await buildWorkspace({ 'deep.chidu': LIST_HEAD + '条目 1 「某行为」 { 条件 ' + '满足其一 { '.repeat(5000) });
        const codes = (document.diagnostics ?? []).map(d => String(d.code));
        expect(codes).toContain('CD110');
        expect(codes).not.toContain('CD009');
    });

    it.each([
        ['同时满足 without braces', '同时满足 '],
        ['满足其一 with text and no braces', '满足其一 「某情形」 '],
        ['half-closed groups', '同时满足 { 满足其一 { } ']
    ])('50,000 × %s (the parser\'s recovery would descend into each): CD110, never an internal error', async (_, piece) => {
        const [document] = await buildWorkspace({ 'deep.chidu': LIST_HEAD + '条目 1 「某行为」 { 条件 ' + piece.repeat(50_000) });
        const codes = (document.diagnostics ?? []).map(d => String(d.code));
        expect(codes).toContain('CD110');
        expect(codes).not.toContain('CD009');
    });

    it.each([
        ['若「x」 { inside a condition group (fuzzer case)', '条目 1 「某行为」 { 条件 满足其一 { ', '若「x」 { '],
        ['bare braces inside a condition group', '条目 1 「某行为」 { 条件 同时满足 { ', '{ '],
        ['bare braces in an entry', '条目 1 「某行为」 { ', '{ ']
    ])('3,000 × %s: one CD110 at the brace past the limit, never an internal error', async (_, head, piece) => {
        const text = LIST_HEAD + head + piece.repeat(3000) + '} '.repeat(3000) + '}\n';
        const [document] = await buildWorkspace({ 'deep.chidu': text });
        const deep = (document.diagnostics ?? []).filter(d => d.code === 'CD110');
        expect(deep).toHaveLength(1);
        expect(deep[0].message).toMatch(/嵌套超过 (32|64) 层/);
        expect((document.diagnostics ?? []).map(d => String(d.code))).not.toContain('CD009');
    });

    it('an unclosed /* is one located error at its opening, and the text before it is read', async () => {
        const text = LIST_HEAD + nestedEntry(1) + '/* ' + '*'.repeat(200_000);
        const [document] = await buildWorkspace({ 'open.chidu': text });
        const lexing = (document.diagnostics ?? []).filter(d => d.code === 'CD001');
        expect(lexing.map(d => d.message)).toEqual(['块注释「/*」没有结束（缺少「*/」）：从这里到文件末尾都未被读取']);
        expect(lexing[0]!.range.start).toEqual({ line: text.split('\n').length - 1, character: 0 });
        expect((document.parseResult.value as { entries?: unknown[] }).entries).toHaveLength(1);
    });

    it('/* inside quotes or a line comment opens no comment', async () => {
        const text = LIST_HEAD + '// 注释里的 /* 不算\n' + nestedEntry(1).replace('「某行为」 {', '「某/*行为」 {');
        const [document] = await buildWorkspace({ 'quoted.chidu': text });
        expect((document.diagnostics ?? []).filter(d => /块注释/.test(String(d.message)))).toEqual([]);
    });

    it('an unclosed 「 is one located error at its opening mark, and the fields after it are read (no cascade)', async () => {
        const text = '基准 「引号测试」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「甲 {\n  违反条款 《某条例》第一条 处罚依据 《某条例》第九条\n'
            + '  法定处罚 { 罚款 五万元以下 }\n  阶次 1 { 情形 「轻微」 罚款 一万元以上五万元以下 }\n}\n';
        const [document] = await buildWorkspace({ 'quote.chidu': text });
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(d => [d.code, String(d.message), d.range.start])).toEqual([
            ['CD001', '引号「没有结束：本行末尾之前缺少「」」（按在行末结束读取）', { line: 1, character: '事项 A-1 '.length }]
        ]);
        const item = (document.parseResult.value as unknown as { items: { tiers: unknown[] }[] }).items[0];
        expect(item?.tiers).toHaveLength(1);
    });

    it('a 「…」 that spans lines without another opening mark is read as written', async () => {
        const text = '基准 「多行」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「甲\n乙」 {\n  违反条款 《某条例》第一条 处罚依据 《某条例》第九条\n  法定处罚 { 罚款 五万元以下 }\n}\n';
        const [document] = await buildWorkspace({ 'multi.chidu': text });
        expect((document.diagnostics ?? []).filter(d => d.code === 'CD001')).toEqual([]);
    });

    it('32 nested groups (the limit) are read as written: no diagnostic, as with one group', async () => {
        const [flat] = await buildWorkspace({ 'flat.chidu': LIST_HEAD + nestedEntry(1) });
        const [deep] = await buildWorkspace({ 'deep.chidu': LIST_HEAD + nestedEntry(32) });
        const problems = (diagnostics: typeof flat.diagnostics) => (diagnostics ?? []).filter(d => d.severity !== 3).map(d => d.code);
        expect(problems(flat.diagnostics)).toEqual([]);
        expect(problems(deep.diagnostics)).toEqual([]);
    });

    it('200,000 consecutive comment lines are skipped like any comment', async () => {
        const text = '基准 「注释」 { 制定机关 「某局」 层级 市 施行日期 2022-01-01 }\n' + '// 注释\n'.repeat(200_000) + '事项 A-1 「x」 { }\n';
        const [document] = await buildWorkspace({ 'comments.chidu': text });
        const diagnostics = document.diagnostics ?? [];
        expect(diagnostics.map(d => `${d.code}@${d.range.start.line}`)).toEqual(['CD102@200001']);
    });
});

describe('half-typed and nameless nodes', () => {
    const province = '基准 「省基准」 { 制定机关 「省厅」 层级 省 施行日期 2022-01-01 边界 以上含本数 以下不含本数 }\n'
        + '事项 A-1 「某行为」 {\n  违反条款 《某法》第十条 处罚依据 《某法》第五十条\n  法定处罚 { 罚款 五万元以下 }\n'
        + '  阶次 1 { 罚款 一万元以下 }\n  阶次 2 { 罚款 一万元以上五万元以下 含本数 }\n}\n';
    const city = '基准 「市基准」 { 制定机关 「市局」 层级 市 施行日期 2022-01-01 上级 「省基准」 边界 以上含本数 以下不含本数 }\n'
        + '事项 JM-1 「某行为」 细化 A-1 {\n  阶次 1 { 细化 「1」 罚款 一万元以下 }\n  阶次 2 { 细化 「2」 罚款 一万元以上五万元以下 含本数 }\n}\n';
    const shown = (documents: Awaited<ReturnType<typeof buildWorkspace>>, index: number) =>
        (documents[index].diagnostics ?? []).filter(d => d.severity !== 3).map(d => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`);

    it.each([
        ['an item without its code', '事项 「半截」 {'],
        ['an item without its code, cut in its name', '事项 「半截'],
        ['a tier without its name', '事项 A-2 「另一行为」 { 违反条款 《某法》第十一条 处罚依据 《某法》第五十一条 法定处罚 { 罚款 五万元以下 } 阶次 {'],
        ['a factor without its name', '事项 A-2 「另一行为」 { 违反条款 《某法》第十一条 处罚依据 《某法》第五十一条 法定处罚 { 罚款 五万元以下 } 权重表 { 基数 一万元 要素 {']
    ])('%s in the upper document leaves the lower document as it was, and itself with a syntax error and no internal error', async (_, tail) => {
        const clean = await buildWorkspace({ 'province.chidu': province, 'city.chidu': city });
        expect(shown(clean, 0)).toEqual([]);
        expect(shown(clean, 1)).toEqual([]);
        const broken = await buildWorkspace({ 'province.chidu': province + tail + '\n', 'city.chidu': city });
        expect(shown(broken, 1)).toEqual([]);
        expect(shown(broken, 0).filter(line => /^CD009 |undefined/.test(line))).toEqual([]);
        expect(shown(broken, 0).some(line => /^CD002 /.test(line))).toBe(true);
    });
});

describe('text that looks like JavaScript', () => {
    it.each([
        ['有效期 年', '基准 「B」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 有效期 年 }\n'],
        ['回溯期 年', '清单 「L」 { 类别 首违不罚清单 制定机关 「某局」 层级 市 施行日期 2022-01-01 }\n条目 1 「x」 { 违法行为 「初次违法」 违反条款 《某法》第一条 回溯期 年 }\n'],
        ['Object.prototype names', '清单 「constructor」 { 类别 不予处罚清单 制定机关 「__proto__」 层级 市 施行日期 2022-01-01 上级 「toString」 基准 「hasOwnProperty」 }\n'
            + '条目 1 「valueOf」 { 违法行为 「constructor」 违反条款 《constructor》第一条 条件 同时满足 { 「__proto__」 } 后果 不予处罚 依据 《toString》第一条 措施 「constructor」 }\n'],
        ['laws named constructor and toString', '基准 「B」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「x」 { 违反条款 《constructor》第一条 处罚依据 《toString》第二条 法定处罚 { 罚款 五万元以下 } 阶次 1 { 罚款 五万元以下 } }\n']
    ])('%s: located diagnostics, never an internal error', async (_, text) => {
        await expectNoCrash({ 'a.chidu': text });
    });
});

describe('report(): every message names what exists', () => {
    it('a message showing an unfilled value is reported with 「（未写明）」 and a CD009 on the same node', async () => {
        const [document] = await buildWorkspace({ 'a.chidu': '基准 「B」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n' });
        const node = document.parseResult.value;
        const accepted: { severity: string; message: string; code: unknown }[] = [];
        const accept = ((severity: string, message: string, info: { code?: unknown }) => { accepted.push({ severity, message, code: info.code }); }) as never;
        report(accept, 'CD102', `事项 ${String(undefined)} 缺少违反条款`, { node });
        expect(accepted).toEqual([
            { severity: 'error', message: 'Chidu 内部错误：CD102 的消息中有未填写的值（事项 undefined 缺少违反条款）', code: 'CD009' },
            { severity: 'error', message: '事项 （未写明） 缺少违反条款', code: 'CD102' }
        ]);
    });

    it('the same word written by the user is the user\'s text, not a defect', async () => {
        const [document] = await buildWorkspace({ 'a.chidu': '基准 「undefined」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n' });
        const accepted: string[] = [];
        const accept = ((_: string, message: string) => { accepted.push(message); }) as never;
        report(accept, 'CD101', '基准「undefined」缺少文号', { node: document.parseResult.value });
        expect(accepted).toEqual(['基准「undefined」缺少文号']);
    });
});

describe('inputs the fuzzer found (saved under test/resources/regressions/)', () => {
    const root = path.join(__dirname, 'resources', 'regressions');
    const folders = fs.readdirSync(root).map(name => path.join(root, name)).filter(f => fs.statSync(f).isDirectory()).sort();
    it.each(folders.map(folder => ({ name: path.basename(folder), folder })))('$name: no internal error, no unfilled value in any message', async ({ folder }) => {
        const documents = await buildWorkspace(readFolder(folder));
        const messages = documents.flatMap(d => (d.diagnostics ?? []).map(x => `${String(x.code)} ${x.message}`));
        expect(messages.filter(m => m.startsWith('CD009') || /undefined|NaN/.test(m))).toEqual([]);
    });
});
