import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from '@e965/xlsx';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { runChidu, tempDir as makeTempDir } from './helpers/run-cli.js';

// The examples are built from the real Guangdong and Jiangmen tables (../shared/reference/real-data); the
// escaping case below is invented.

const chidu = (...args: string[]) => runChidu(args);

const tempDir = () => makeTempDir('chidu-publish-');

interface BuiltItem { code: string; violation: string | null; tiers: { name: string; conditions: string[] }[]; weightedTable: { factors: { name: string }[] } | null }
interface BuiltBenchmark { format: string; document: { name: string; issuer: string; docNumber: string | null; effectiveFrom: string }; items: BuiltItem[] }
interface BuiltList { format: string; document: { name: string }; entries: { number: string; name: string | null }[] }

/** The build output of the examples: what every published table must show. */
function built(): Record<string, BuiltBenchmark | BuiltList> {
    const out = path.join(tempDir(), 'build');
    expect(chidu('build', 'examples/guangdong-eco', 'examples/guangdong-market', '--root', 'examples', '--out', out).code).toBe(0);
    const result: Record<string, BuiltBenchmark | BuiltList> = {};
    for (const folder of ['guangdong-eco', 'guangdong-market']) {
        for (const file of fs.readdirSync(path.join(out, folder))) {
            result[`${folder}/${file.replace(/\.json$/, '')}`] = JSON.parse(fs.readFileSync(path.join(out, folder, file), 'utf8')) as BuiltBenchmark;
        }
    }
    return result;
}

/** The rows an item takes: one per tier, or one per weighted factor, or one. */
function rowsOf(item: BuiltItem): number {
    return item.tiers.length || item.weightedTable?.factors.length || 1;
}

describe('chidu publish --format html', () => {
    const documents = built();
    const out = path.join(tempDir(), 'tables');
    const run = chidu('publish', 'examples/guangdong-eco', 'examples/guangdong-market', '--root', 'examples', '--out', out);

    it('writes one page per benchmark and list, named like the build output', () => {
        expect(run.code).toBe(0);
        expect(run.stderr).toMatch(/已生成 8 个文件/);
        for (const name of Object.keys(documents)) {
            expect(fs.existsSync(path.join(out, `${name}.html`)), name).toBe(true);
        }
    });

    it('shows every item and every tier of every benchmark, the item columns spanning its tiers', () => {
        for (const [name, json] of Object.entries(documents)) {
            if (json.format !== 'chidu-effective-benchmark') continue;
            const $ = cheerio.load(fs.readFileSync(path.join(out, `${name}.html`), 'utf8'));
            const benchmark = json as BuiltBenchmark;
            expect($('h1').text()).toBe(benchmark.document.name);
            expect($('[data-field="制定机关"]').text()).toBe(`制定机关：${benchmark.document.issuer}`);
            expect($('[data-field="施行日期"]').text()).toBe(`施行日期：${benchmark.document.effectiveFrom}`);
            expect($('thead th').map((_, th) => $(th).text()).get()).toEqual(['序号', '违法行为', '违反条款', '处罚依据', '裁量阶次', '适用情形', '处罚标准', '备注']);
            expect(new Set($('tbody tr').map((_, tr) => $(tr).attr('data-item')).get())).toEqual(new Set(benchmark.items.map(i => i.code)));
            for (const item of benchmark.items) {
                const rows = $('tbody tr').filter((_, tr) => $(tr).attr('data-item') === item.code);
                expect(rows.length, `${name} ${item.code}`).toBe(rowsOf(item));
                const first = rows.first().children('td');
                expect(first.length).toBe(8);
                expect(Number(first.eq(1).attr('rowspan') ?? '1')).toBe(rowsOf(item));
                if (item.violation) expect(first.eq(1).text()).toBe(item.violation);
                expect(rows.map((_, tr) => $(tr).attr('data-tier')).get()).toEqual(item.tiers.map(t => t.name));
                item.tiers.forEach((tier, i) => {
                    const situation = rows.eq(i).children('td.c-适用情形');
                    for (const condition of tier.conditions) expect(situation.text()).toContain(condition);
                });
                // Every row but the first shows only the tier's own columns.
                rows.slice(1).each((_, tr) => { expect($(tr).children('td').length).toBe(item.weightedTable && item.tiers.length === 0 ? 2 : 3); });
            }
        }
    });

    it('prints the tiers of the real provincial 环评法第三十一条第三款 item with their standards', () => {
        const $ = cheerio.load(fs.readFileSync(path.join(out, 'guangdong-eco/province.html'), 'utf8'));
        const standards = $('tr[data-item="HP-31-3"] td.c-处罚标准').map((_, td) => $(td).text()).get();
        expect(standards).toEqual(['责令备案，罚款一万元以下', '责令备案，罚款一万元以上三万元以下', '责令备案，罚款三万元以上五万元以下含本数']);
        expect($('[data-field="文号"]').text()).toBe('文号：粤环发〔2021〕7号');
        expect($('.notes').text()).toContain('本表“以上”包括本数，“以下”不包括本数');
    });

    it('shows every entry of every list', () => {
        for (const [name, json] of Object.entries(documents)) {
            if (json.format !== 'chidu-exemption-list') continue;
            const $ = cheerio.load(fs.readFileSync(path.join(out, `${name}.html`), 'utf8'));
            const list = json as BuiltList;
            expect($('h1').text()).toBe(list.document.name);
            expect($('tbody tr').map((_, tr) => $(tr).attr('data-entry')).get().sort()).toEqual(list.entries.map(e => e.number).sort());
            expect($('thead th').map((_, th) => $(th).text()).get()).toEqual(expect.arrayContaining(['序号', '违法行为', '违反条款', '适用条件', '处理结果', '依据', '措施']));
        }
    });

    it('is print-ready and self-contained: A4 landscape, a repeated header, Chinese fonts, no external resource', () => {
        const html = fs.readFileSync(path.join(out, 'guangdong-eco/province.html'), 'utf8');
        const $ = cheerio.load(html);
        const style = $('style').text();
        expect(style).toMatch(/@page\s*\{\s*size:\s*A4 landscape/);
        expect(style).toMatch(/thead\s*\{\s*display:\s*table-header-group/);
        expect(style).toMatch(/font-family:[^;]*"SimSun"[^;]*"WenQuanYi Micro Hei"/);
        expect($('script, link, img, iframe').length).toBe(0);
        expect(html).not.toMatch(/(?:src|href)=|url\(/);
        expect($('html').attr('lang')).toBe('zh-CN');
    });

    it('escapes every text: names, conditions and notes come back as written, no markup enters the page', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), [
            '基准 「A<script>alert(1)</script>」 { 制定机关 「x&y \'局"」 层级 省 施行日期 2022-01-01 }',
            '事项 A-1 「<b>违法</b>」 {',
            '    违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 五万元以下 }',
            '    阶次 「<i>一</i>」 { 情形 「a < b && c > d」 罚款 一万元以下 }',
            '    备注 「<img src=x onerror=alert(1)>」',
            '}', ''
        ].join('\n'));
        const target = path.join(tempDir(), 'tables');
        const result = chidu('publish', dir, '--out', target);
        expect(result.code).toBe(0);
        const html = fs.readFileSync(path.join(target, 'a.html'), 'utf8');
        const $ = cheerio.load(html);
        expect($('script, b, i, img').length).toBe(0);
        expect($('h1').text()).toBe('A<script>alert(1)</script>');
        expect($('title').text()).toBe('A<script>alert(1)</script>');
        expect($('[data-field="制定机关"]').text()).toBe('制定机关：x&y \'局"');
        expect($('td.c-违法行为').text()).toBe('<b>违法</b>');
        expect($('tr[data-item="A-1"]').attr('data-tier')).toBe('<i>一</i>');
        expect($('td.c-适用情形').text()).toBe('a < b && c > d');
        expect($('td.c-备注').text()).toBe('<img src=x onerror=alert(1)>');
    });

    it('refuses to publish when a document has an error (exit 1), like the build, and writes nothing', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 制定机关 「x」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「x」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 五万元以下 } 阶次 1 { 罚款 六万元 } }\n');
        const target = path.join(tempDir(), 'tables');
        const result = chidu('publish', dir, '--out', target);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/错误 CD303/);
        expect(result.stderr).toMatch(/未生成任何文件/);
        expect(fs.existsSync(target)).toBe(false);
    });
});

describe('chidu publish --format xlsx', () => {
    const documents = built();
    const out = path.join(tempDir(), 'sheets');
    const run = chidu('publish', 'examples/guangdong-eco', 'examples/guangdong-market', '--root', 'examples', '--out', out, '--format', 'xlsx');

    /** A sheet read back with the library that wrote it, as a grid of texts. */
    function readBack(name: string) {
        const book = XLSX.read(fs.readFileSync(path.join(out, `${name}.xlsx`)));
        const sheet = book.Sheets[book.SheetNames[0]!]!;
        const grid = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '', raw: false });
        return { book, sheet, grid, merges: sheet['!merges'] ?? [] };
    }

    it('writes one workbook per benchmark and list', () => {
        expect(run.code).toBe(0);
        for (const name of Object.keys(documents)) {
            expect(fs.existsSync(path.join(out, `${name}.xlsx`)), name).toBe(true);
        }
    });

    it('reads back with the title, the header and every item with its tiers, the item columns merged over its tiers', () => {
        for (const [name, json] of Object.entries(documents)) {
            if (json.format !== 'chidu-effective-benchmark') continue;
            const benchmark = json as BuiltBenchmark;
            const { grid, merges } = readBack(name);
            expect(grid[0]![0]).toBe(benchmark.document.name);
            expect(merges).toContainEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: 7 } });
            expect(grid[1]![0]).toContain(`制定机关：${benchmark.document.issuer}`);
            const headerRow = grid.findIndex(row => row[0] === '序号');
            expect(grid[headerRow]).toEqual(['序号', '违法行为', '违反条款', '处罚依据', '裁量阶次', '适用情形', '处罚标准', '备注']);
            let r = headerRow + 1;
            for (const item of benchmark.items) {
                // Items follow the document; find the item's first row by its code in the 序号 cell.
                const start = grid.findIndex(row => row[0]!.split('\n')[1] === item.code);
                expect(start, `${name} ${item.code}`).toBeGreaterThan(headerRow);
                const span = rowsOf(item);
                if (span > 1) {
                    for (const c of [0, 1, 2, 3, 7]) {
                        expect(merges, `${name} ${item.code} column ${c}`).toContainEqual({ s: { r: start, c }, e: { r: start + span - 1, c } });
                    }
                }
                item.tiers.forEach((tier, i) => {
                    expect(grid[start + i]![4]).toContain(tier.name);
                    for (const condition of tier.conditions) expect(grid[start + i]![5]).toContain(condition);
                });
                if (item.violation) expect(grid[start]![1]).toBe(item.violation);
                r += span;
            }
            expect(r).toBe(grid.length);
        }
    });

    it('prints the real provincial tiers in their cells and repeats the column header on every printed page', () => {
        const { book, grid } = readBack('guangdong-eco/province');
        const start = grid.findIndex(row => row[0]!.endsWith('\nHP-31-3'));
        expect(grid.slice(start, start + 3).map(row => [row[4], row[6]])).toEqual([
            ['一般区域按期改正', '责令备案，罚款一万元以下'],
            ['一般区域逾期改正', '责令备案，罚款一万元以上三万元以下'],
            ['限批区或环境敏感区', '责令备案，罚款三万元以上五万元以下含本数']
        ]);
        const headerRow = grid.findIndex(row => row[0] === '序号') + 1;
        expect(book.Workbook?.Names).toContainEqual(expect.objectContaining({ Name: '_xlnm.Print_Titles', Ref: `'裁量基准'!$${headerRow}:$${headerRow}` }));
    });

    it('reads back every entry of a list', () => {
        const list = documents['guangdong-eco/list-jiangmen'] as BuiltList;
        const { grid } = readBack('guangdong-eco/list-jiangmen');
        const headerRow = grid.findIndex(row => row[0] === '序号');
        expect(grid.slice(headerRow + 1).map(row => row[0]).sort()).toEqual(list.entries.map(e => e.number).sort());
    });
});
