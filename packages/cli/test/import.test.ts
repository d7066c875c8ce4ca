import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { EmptyFileSystem } from 'langium';
import { type Benchmark, type Item, type Tier, createChiduServices, isBenchmark, tierStandard } from '@chidu/language';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/import/index.js';
import { MappingError, parseMapping } from '../src/import/mapping.js';
import { readBasis, readStandard } from '../src/import/standard.js';
import { REPO, runChidu, tempDir as makeTempDir } from './helpers/run-cli.js';

const JIANGMEN_XLS = path.resolve(REPO, '../shared/reference/real-data/jiangmen-eco-benchmark-2020.xls');
const HAND_WRITTEN = path.join(REPO, 'examples/guangdong-eco/jiangmen.chidu');
const PROVINCE = path.join(REPO, 'examples/guangdong-eco/province.chidu');

const chidu = (...args: string[]) => runChidu(args);

const tempDir = () => makeTempDir('chidu-import-');

const { Chidu } = createChiduServices(EmptyFileSystem);

function parse(text: string): { benchmark: Benchmark; errors: number } {
    const result = Chidu.parser.LangiumParser.parse(text);
    expect(isBenchmark(result.value)).toBe(true);
    return { benchmark: result.value as Benchmark, errors: result.lexerErrors.length + result.parserErrors.length };
}

interface UnusedCell { sheet: string; row: number; column: string; cell: string; header: string; kind: string; text: string; amounts?: string[] }
interface Report {
    totals: { sheets: number; sheetsImported: number; items: number; tiers: number; filledCells: number; cellsUnused: number };
    sheets: Array<{ sheet: string; imported: boolean; items: number; tiers: number; conditions: number }>;
    unused: UnusedCell[];
    diagnostics: { alone: { errors: number; byCode: Array<{ code: string; count: number }> }; withContext?: { errors: number } };
}

/** The fines of each tier of an item, read through the language's own penalty model. */
function tierFines(item: Item): string[] {
    return item.tiers.map(tier => JSON.stringify(tierFineList(tier)));
}

function tierFineList(tier: Tier): string[] {
    return tierStandard(tier).components
        .filter(c => c.kind === 'fine')
        .map(c => JSON.stringify({ party: c.party, dimension: c.dimension, lower: c.interval?.lower && [c.interval.lower.value.toString(), c.interval.lower.closed], upper: c.interval?.upper && [c.interval.upper.value.toString(), c.interval.upper.closed] }));
}

function squeeze(text: string): string {
    return text.replace(/[\s/；;「」『』]/g, '');
}

describe('chidu import of the real Jiangmen 2020 table', () => {
    const out = tempDir();
    let result: ReturnType<typeof chidu>;
    let report: Report;
    let text: string;
    let workbook: XLSX.WorkBook;

    beforeAll(() => {
        result = chidu('import', JIANGMEN_XLS, '--out', out,
            '--name', '江门市生态环境行政处罚自由裁量权裁量标准', '--issuer', '江门市生态环境局', '--level', '市',
            '--effective-from', '2020-03-01', '--valid-for', '3年', '--parent', '广东省生态环境行政处罚自由裁量权裁量基准',
            '--with', PROVINCE, '--date', '2021-06-01');
        report = JSON.parse(fs.readFileSync(path.join(out, 'import-report.json'), 'utf8')) as Report;
        text = fs.readFileSync(path.join(out, 'jiangmen-eco-benchmark-2020.chidu'), 'utf8');
        workbook = XLSX.read(fs.readFileSync(JIANGMEN_XLS), { type: 'buffer', dense: true });
    }, 120_000);

    it('writes a file that parses with no syntax error, with the header from the flags', () => {
        expect(result.stderr).toMatch(/已导入/);
        const { benchmark, errors } = parse(text);
        expect(errors).toBe(0);
        expect(benchmark.issuer).toEqual(['江门市生态环境局']);
        expect(benchmark.level).toEqual(['市']);
        expect(benchmark.parents.map(p => p.$refText.replace(/[「」]/g, ''))).toEqual(['广东省生态环境行政处罚自由裁量权裁量基准']);
        expect(report.diagnostics.alone.byCode.some(c => /^CD00/.test(c.code))).toBe(false);
        expect(report.diagnostics.withContext).toBeDefined();
    });

    it('counts items, tiers and unused cells consistently with the sheets themselves', () => {
        let items = 0;
        let tiers = 0;
        let filled = 0;
        const hidden: string[] = [];
        for (const name of workbook.SheetNames) {
            const sheet = workbook.Sheets[name]!;
            const data = sheet['!data'] ?? [];
            const merges = sheet['!merges'] ?? [];
            const covered = (r: number, c: number) => merges.some(m => r >= m.s.r && r <= m.e.r && c >= m.s.c && c <= m.e.c && (r !== m.s.r || c !== m.s.c));
            const text = (r: number, c: number) => String(data[r]?.[c]?.v ?? '').trim();
            const headerRow = data.findIndex(row => (row ?? []).some(cell => String(cell?.v ?? '').trim() === '序号'));
            for (let r = 0; r < data.length; r++) {
                for (let c = 0; c < (data[r]?.length ?? 0); c++) {
                    if (text(r, c) === '') continue;
                    filled++;
                    if (covered(r, c)) hidden.push(`${name}!${XLSX.utils.encode_cell({ r, c })}`);
                }
            }
            if (headerRow < 0) continue;
            const header = (data[headerRow] ?? []).map(cell => String(cell?.v ?? '').trim());
            const codeCol = header.indexOf('序号');
            const tierCol = header.indexOf('类别');
            for (let r = headerRow + 1; r < data.length; r++) {
                if (text(r, codeCol) !== '' && !covered(r, codeCol)) items++;
                if (text(r, tierCol) !== '' && !covered(r, tierCol)) tiers++;
            }
        }
        const { benchmark } = parse(text);
        expect(report.totals.items).toBe(items);
        expect(benchmark.items).toHaveLength(items);
        expect(report.totals.tiers).toBe(tiers);
        expect(benchmark.items.reduce((n, i) => n + i.tiers.length, 0)).toBe(tiers);
        expect(report.totals.filledCells).toBe(filled);
        expect(report.totals.sheets).toBe(workbook.SheetNames.length);
        // Every cell Excel hides under a merged range is reported as hidden, and nothing else is.
        expect(report.unused.filter(u => u.kind === 'hidden').map(u => `${u.sheet}!${u.cell}`).sort()).toEqual(hidden.sort());
        expect(report.totals.cellsUnused).toBe(report.unused.length);
        // Each unused cell is listed once and its text is kept in the file (as 备注 or a comment).
        expect(new Set(report.unused.map(u => `${u.sheet}!${u.cell}`)).size).toBe(report.unused.length);
        const kept = squeeze(text);
        for (const cell of report.unused) {
            expect(kept.includes(squeeze(cell.text)), `${cell.sheet}!${cell.cell}`).toBe(true);
        }
        // Amount-like text that did not parse is reported with the clauses, not guessed.
        const unparsed = report.unused.filter(u => u.kind === 'unparsed-amount');
        expect(unparsed.length).toBeGreaterThan(0);
        for (const cell of unparsed) expect(cell.amounts?.length).toBeGreaterThan(0);
        expect(report.unused.some(u => u.cell === 'F75' && u.kind === 'unparsed-amount')).toBe(true); // 以下元罚款
    });

    it('gives the items the hand-written jiangmen.chidu also holds the same tiers and fine ranges', () => {
        const imported = new Map(parse(text).benchmark.items.map(i => [i.code, i]));
        const hand = parse(fs.readFileSync(HAND_WRITTEN, 'utf8')).benchmark;
        // Rows of each imported item, from the comment the import writes above it.
        const rows = new Map<string, { sheet: string; first: number; last: number }>();
        for (const m of text.matchAll(/^\/\/ (\S+)\u3000工作表「(.+)」第 (\d+)(?:–(\d+))? 行$/gm)) {
            rows.set(m[1]!, { sheet: m[2]!, first: Number(m[3]), last: Number(m[4] ?? m[3]) });
        }
        let compared = 0;
        let withHidden = 0;
        let unread = 0;
        for (const item of hand.items) {
            const mine = imported.get(item.code);
            expect(mine, item.code).toBeDefined();
            // A tier number or standard Excel hides under a merged range (3-13's 「5」 in D73, 3-18's D99/F99) is not
            // imported as a tier but reported; the hand-written file read it. Such items are compared on the tiers
            // before the merged one.
            const span = rows.get(item.code)!;
            const hiddenTiers = report.unused.filter(u => u.kind === 'hidden' && (u.header === '类别' || u.header === '裁量标准') && u.sheet === span.sheet && u.row >= span.first && u.row <= span.last);
            if (hiddenTiers.length > 0) {
                withHidden++;
                expect(mine!.tiers.length, item.code).toBeLessThan(item.tiers.length);
                expect(tierFines(mine!).slice(0, -1), item.code).toEqual(tierFines(item).slice(0, mine!.tiers.length - 1));
                continue;
            }
            expect(mine!.tiers.length, item.code).toBe(item.tiers.length);
            const unreadAmounts = report.unused.some(u => u.kind === 'unparsed-amount' && u.sheet === span.sheet && u.row >= span.first && u.row <= span.last);
            if (unreadAmounts) {
                // A fine the import did not read (reported, e.g. 「35以上50％以下」 without a unit) is missing; every
                // fine it did read is one the hand-written tier has.
                const theirs = item.tiers.map(tier => tierFineList(tier));
                mine!.tiers.forEach((tier, i) => {
                    for (const fine of tierFineList(tier)) expect(theirs[i], item.code).toContain(fine);
                });
                unread++;
            } else {
                expect(tierFines(mine!), item.code).toEqual(tierFines(item));
            }
            compared++;
        }
        expect(compared + withHidden).toBe(hand.items.length);
        expect(withHidden).toBeLessThan(4);
        expect(compared).toBeGreaterThan(20);
        expect(unread).toBeLessThan(compared / 5);
    });
});

describe('chidu import with the Jiangmen mapping example', () => {
    it('links the items the mapping refines to the provincial benchmark', () => {
        const out = tempDir();
        const mappingFile = path.join(REPO, 'examples/import/jiangmen-mapping.json');
        const mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8')) as { refines: Record<string, string>; document: { name: string } };
        chidu('import', JIANGMEN_XLS, '--out', out, '--mapping', mappingFile, '--with', PROVINCE, '--date', '2021-06-01');
        const report = JSON.parse(fs.readFileSync(path.join(out, 'import-report.json'), 'utf8')) as Report & {
            diagnostics: { withContext: { byCode: Array<{ code: string; count: number }> } };
        };
        const { benchmark } = parse(fs.readFileSync(path.join(out, 'jiangmen-eco-benchmark-2020.chidu'), 'utf8'));
        expect(benchmark.name).toBe(mapping.document.name);
        const refines = Object.entries(mapping.refines);
        for (const [code, upper] of refines) {
            expect(benchmark.items.find(i => i.code === code)?.refines?.$refText).toBe(upper);
        }
        const count = (byCode: Array<{ code: string; count: number }>, code: string) => byCode.find(c => c.code === code)?.count ?? 0;
        // Alone, the upper items cannot be found; with the province they are, and the refining items inherit
        // 违反条款 and 法定处罚, which the table does not hold for the others.
        expect(count(report.diagnostics.alone.byCode, 'CD202')).toBe(refines.length);
        expect(count(report.diagnostics.withContext.byCode, 'CD202')).toBe(0);
        expect(count(report.diagnostics.withContext.byCode, 'CD201')).toBe(0);
        expect(count(report.diagnostics.withContext.byCode, 'CD102')).toBe(report.totals.items - refines.length);
    }, 60_000);
});

describe('reading the words of a standard cell', () => {
    it('reads measures, fines, bases, parties and 可以 into the penalty syntax', () => {
        expect(readStandard('责令停止建设，处建设项目总投资额百分之一以上百分之二以下的罚款')).toEqual({
            parts: ['责令停止建设', '罚款 总投资额 百分之一以上百分之二以下'], rest: '', unparsedAmounts: []
        });
        expect(readStandard('处五十万元以上七十万元以下的罚款，并对建设单位的法定代表人、主要负责人、直接负责的主管人员和其他直接责任人员，处五万元以上七万元以下的罚款').parts)
            .toEqual(['罚款 五十万元以上七十万元以下', '并处 对责任人员 罚款 五万元以上七万元以下']);
        expect(readStandard('处所收费用三倍的罚款').parts).toEqual(['罚款 「所收费用」 三倍']);
        expect(readStandard('责令停止生产或者使用，可以处5万元以上8万元以下的罚款')).toEqual({
            parts: ['可以 罚款 5万元以上8万元以下'], rest: '责令停止生产或者使用', unparsedAmounts: []
        });
        expect(readStandard('10万元以上20万元以下').parts).toEqual(['罚款 10万元以上20万元以下']);
        expect(readStandard('责令改正，处二十万元罚款').parts).toEqual(['责令改正', '罚款 二十万元']);
    });

    it('keeps what it cannot read as text and lists amounts it cannot read, without guessing', () => {
        for (const text of ['处二百以上五百元以下罚款', '处二十万元以上三十万元以下元罚款', '对责任人员可以处上一年度从本单位取得收入20%以上30%的罚款', '处以处一万元以上五万元以下的罚款',
            '处一百万一十元以上一百三十万元以下罚款', '处七万元以下九万元以下罚款']) {
            const read = readStandard(text);
            expect(read.parts, text).toEqual([]);
            expect(read.unparsedAmounts, text).toEqual([text]);
            expect(read.rest, text).toBe(text);
        }
        const explained = readStandard('处二十万元以上七十万元以下罚款：（1）每增加1个超标因子增加一万元，不足的向高取整');
        expect(explained.parts).toEqual(['罚款 二十万元以上七十万元以下']);
        expect(explained.rest).toBe('（1）每增加1个超标因子增加一万元，不足的向高取整');
        expect(explained.unparsedAmounts).toEqual(['（1）每增加1个超标因子增加一万元']);
    });

    it('splits a 法律依据 cell into the citation and the statute text', () => {
        expect(readBasis('《中华人民共和国环境影响评价法》（2018年修订）第三十一条第一款、第二款：\n建设单位未依法报批……')).toEqual({
            citation: '《中华人民共和国环境影响评价法》（2018年修订）第三十一条第一款、第二款', rest: '建设单位未依法报批……'
        });
        expect(readBasis('见附件')).toEqual({ rest: '见附件' });
    });
});

function writeXlsx(file: string, rows: unknown[][], merges: XLSX.Range[] = []): void {
    const sheet = XLSX.utils.aoa_to_sheet(rows);
    sheet['!merges'] = merges;
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, '处罚基准');
    fs.writeFileSync(file, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

describe('chidu import of another layout through a mapping file', () => {
    it('imports a table with other headers and column order, and reports the amount it cannot read', () => {
        const dir = tempDir();
        const file = path.join(dir, 'county.xlsx');
        writeXlsx(file, [
            ['某县生态环境行政处罚裁量基准'],
            ['（附表）'],
            ['裁量档次', '编号', '处罚金额', '违法情节', '违法行为名称', '其他说明'],
            ['轻微', 'X-1', '10万元以上20万元以下', '初次违法', '未批先建', '县局补充'],
            ['一般', '', '责令改正，罚款20万元以上50万元以下', '再次违法', '', ''],
            ['', '', '', '造成污染', '', ''],
            ['1', 'X-2', '约五万元左右', '情节轻微', '未验先投', '']
        ], [{ s: { r: 3, c: 1 }, e: { r: 5, c: 1 } }, { s: { r: 3, c: 4 }, e: { r: 5, c: 4 } }, { s: { r: 4, c: 0 }, e: { r: 5, c: 0 } }, { s: { r: 4, c: 2 }, e: { r: 5, c: 2 } }]);
        // The default header words do not know this layout.
        expect(chidu('import', file, '--out', path.join(dir, 'plain')).code).toBe(2);
        const mapping = path.join(dir, 'mapping.json');
        fs.writeFileSync(mapping, JSON.stringify({
            headerRow: 3,
            columns: { code: '编号', tier: '裁量档次', standard: '处罚金额', condition: '违法情节', violation: '违法行为名称', note: '其他说明' },
            document: { name: '某县生态环境行政处罚裁量基准', issuer: '某县生态环境局', level: '县', effectiveFrom: '2024-01-01' }
        }));
        const result = chidu('import', file, '--out', path.join(dir, 'out'), '--mapping', mapping);
        const output = fs.readFileSync(path.join(dir, 'out', 'county.chidu'), 'utf8');
        const { benchmark, errors } = parse(output);
        expect(errors).toBe(0);
        expect(benchmark.items.map(i => i.code)).toEqual(['X-1', 'X-2']);
        expect(benchmark.items[0]!.tiers.map(t => t.name)).toEqual(['轻微', '一般']);
        expect(benchmark.items[0]!.tiers[1]!.conditions).toEqual(['再次违法', '造成污染']);
        expect(output).toContain('罚款 10万元以上20万元以下');
        expect(output).toMatch(/责令改正\n\s+罚款 20万元以上50万元以下/);
        const report = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'import-report.json'), 'utf8')) as Report;
        expect(report.totals.items).toBe(2);
        expect(report.totals.tiers).toBe(3);
        expect(report.unused.filter(u => u.kind === 'unparsed-amount').map(u => u.cell)).toEqual(['C7']);
        expect(output).toContain('备注 「约五万元左右」');
        expect(result.stderr).toMatch(/C7.*含金额但无法按处罚标准语法读出/);
    });
});

describe('chidu import refuses what it cannot read', () => {
    it('a file that is not a spreadsheet: a clear error, exit 2', () => {
        const dir = tempDir();
        const file = path.join(dir, 'table.xls');
        fs.writeFileSync(file, '序号,违法行为\n1-1,某行为\n');
        const result = chidu('import', file, '--out', dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/不是 Excel 表格文件/);
    });

    it('a damaged workbook: a clear error, exit 2', () => {
        const dir = tempDir();
        const file = path.join(dir, 'broken.xls');
        fs.writeFileSync(file, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)]));
        const result = chidu('import', file, '--out', dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/无法读取表格/);
    });

    it('a file over 20 MB: refused before it is parsed, exit 2', () => {
        const dir = tempDir();
        const file = path.join(dir, 'huge.xlsx');
        fs.writeFileSync(file, Buffer.alloc(21 * 1024 * 1024, 0x50));
        const result = chidu('import', file, '--out', dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/文件过大.*20 MB/);
    });

    it('a sheet over the row limit: refused, exit 2', () => {
        const dir = tempDir();
        const file = path.join(dir, 'long.xlsx');
        writeXlsx(file, [['序号', '违法行为', '裁量标准'], ...Array.from({ length: 10_001 }, (_, i) => [`A-${i}`, '行为', '罚款一万元'])]);
        const result = chidu('import', file, '--out', dir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/超过 10000 行的上限/);
    });

    it('a mapping whose header fields are not the language\'s words: a clear error, exit 2, nothing written', () => {
        const dir = tempDir();
        const mapping = path.join(dir, 'mapping.json');
        fs.writeFileSync(mapping, JSON.stringify({ document: { boundary: '以上含本数 } 事项 Z-1 { }' } }));
        const result = chidu('import', JIANGMEN_XLS, '--out', path.join(dir, 'out'), '--mapping', mapping);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/边界须如/);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
        expect(chidu('import', JIANGMEN_XLS, '--out', path.join(dir, 'out'), '--level', '村').stderr).toMatch(/层级须为/);
    });

    it('a mapping file with an unknown key: a clear error, exit 2', () => {
        const dir = tempDir();
        const mapping = path.join(dir, 'mapping.json');
        fs.writeFileSync(mapping, '{"__proto__": {"polluted": true}, "columns": {}}');
        const result = chidu('import', JIANGMEN_XLS, '--out', dir, '--mapping', mapping);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/映射文件中有不认识的项「__proto__」/);
    });
});

describe('chidu import keeps cell text away from object keys', () => {
    it('imports a sheet whose names and headers are __proto__ and constructor without touching Object.prototype', async () => {
        const dir = tempDir();
        const file = path.join(dir, 'proto.xlsx');
        const sheet = XLSX.utils.aoa_to_sheet([
            ['序号', '违法行为', '类别', '情形', '裁量标准', 'constructor', '__proto__'],
            ['A-1', '__proto__', '1', 'toString', '罚款一万元', 'polluted', 'hasOwnProperty']
        ]);
        const workbook = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(workbook, sheet, '__proto__');
        fs.writeFileSync(file, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
        const lines: string[] = [];
        const report = await runImport(file, { out: path.join(dir, 'out'), issuer: '某局', level: '县', effectiveFrom: '2024-01-01' }, line => lines.push(line));
        expect(report.totals.items).toBe(1);
        expect(report.unused.map(u => `${u.sheet}!${u.cell}:${u.header}`)).toEqual(['__proto__!F2:constructor', '__proto__!G2:__proto__']);
        const probe: Record<string, unknown> = {};
        expect(probe.polluted).toBeUndefined();
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
        expect(typeof probe.toString).toBe('function');
        expect(fs.readFileSync(path.join(dir, 'out', 'proto.chidu'), 'utf8')).toContain('备注 「constructor：polluted」');
    }, 30_000);

    it('refuses a mapping with a __proto__ key and leaves Object.prototype alone', () => {
        expect(() => parseMapping('{"__proto__": {"polluted": true}}', 'm.json')).toThrow(MappingError);
        expect(() => parseMapping('{"columns": {"__proto__": "序号"}}', 'm.json')).toThrow(/不认识的列角色「__proto__」/);
        expect(() => parseMapping('{"document": {"constructor": "x"}}', 'm.json')).toThrow(/不认识的项「constructor」/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
});
