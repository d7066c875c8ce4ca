import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { readTree, REPO, runChidu, tempDir as makeTempDir } from './helpers/run-cli.js';

const EXAMPLES = ['examples/guangdong-eco', 'examples/guangdong-market'];

const chidu = (...args: string[]) => runChidu(args);

const tempDir = () => makeTempDir('chidu-test-');


interface JsonDiagnostic { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }

describe('chidu validate', () => {
    it('accepts the real three-level example (exit 0)', () => {
        const result = chidu('validate', 'examples/guangdong-eco');
        expect(result.stdout.split('\n').filter(l => l.includes(' 错误 '))).toEqual([]);
        expect(result.code).toBe(0);
    });

    it('prints located diagnostics as file:line:col: 错误 CODE message and exits 1 on an error', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 制定机关 「x」 层级 省 施行日期 2022-01-01 }\n事项 A-1 「x」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 五万元以下 } 阶次 1 { 罚款 六万元 } }\n');
        const result = chidu('validate', dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/a\.chidu:2:\d+: 错误 CD303 .*上限 6万元 超出法定处罚（《某法》第二条）上限 5万元/);
    });

    it('prints JSON with file, positions, severity, code and message', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 层级 省 }\n');
        const result = chidu('validate', dir, '--format', 'json');
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout) as JsonDiagnostic[];
        expect(diagnostics).toEqual([{
            file: expect.stringMatching(/a\.chidu$/), line: 1, column: 4, endLine: 1, endColumn: 7,
            severity: 'error', code: 'CD101', message: '基准「A」缺少制定机关、施行日期'
        }]);
    });

    it('fails on warnings only under --strict', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 制定机关 「x」 层级 市 施行日期 2022-01-01 }\n事项 A-1 「x」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 五万元以下 } 阶次 1 { 罚款 一万元以下 } 阶次 2 { 罚款 一万元以上五万元以下 } }\n');
        expect(chidu('validate', dir).code).toBe(0);
        const strict = chidu('validate', dir, '--strict');
        expect(strict.code).toBe(1);
        expect(strict.stdout).toContain('警告 CD501');
    });

    it('gives bad input a located diagnostic or a one-line message, never a stack trace', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'empty.chidu'), '');
        fs.writeFileSync(path.join(dir, 'bom-crlf.chidu'), '\uFEFF基准 「A」 {\r\n  制定机关 「x」 层级 省 施行日期 2022-01-01\r\n}\r\n');
        fs.writeFileSync(path.join(dir, 'latin1.chidu'), Buffer.from([0xff, 0xfe, 0x00, 0x62, 0x61, 0x64]));
        fs.writeFileSync(path.join(dir, 'prose.chidu'), 'This is a README, not a Chidu file.\n');
        const result = chidu('validate', dir, '--format', 'json');
        expect(result.code).toBe(1);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        const diagnostics = JSON.parse(result.stdout) as JsonDiagnostic[];
        const codes = (file: string) => diagnostics.filter(d => d.file.endsWith(file)).map(d => d.code);
        expect(codes('empty.chidu')).toEqual(['CD002']);
        expect(codes('bom-crlf.chidu')).toEqual([]);
        expect(codes('latin1.chidu')).toEqual(['CD003']);
        expect(codes('prose.chidu')[0]).toMatch(/CD00[12]/);

        const emptyDir = tempDir();
        const noFiles = chidu('validate', emptyDir);
        expect(noFiles.code).toBe(2);
        expect(noFiles.stderr.trim().split('\n')).toHaveLength(1);
        expect(noFiles.stderr).toContain('没有 .chidu 文件');
        const missing = chidu('validate', path.join(emptyDir, 'nope'));
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('路径不存在');
        expect(chidu('validate').code).toBe(2);
        expect(chidu('no-such-command').code).toBe(2);
    });
});

describe('chidu build', () => {
    it('writes schema-valid, deterministic JSON for every example document', () => {
        const schema = JSON.parse(chidu('schema').stdout);
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
        const validateSchema = ajv.compile(schema);
        const first = tempDir();
        const second = tempDir();
        expect(chidu('build', ...EXAMPLES, '--out', first).code).toBe(0);
        expect(chidu('build', ...EXAMPLES, '--out', second).code).toBe(0);
        const outputs = readTree(first);
        // Named after the sources relative to the workspace root (the repository), with the manifest at the root.
        expect(Object.keys(outputs).sort()).toEqual([
            '.chidu-build', 'examples/guangdong-eco/county.json', 'examples/guangdong-eco/jiangmen.json', 'examples/guangdong-eco/list-jiangmen.json',
            'examples/guangdong-eco/list-province.json', 'examples/guangdong-eco/province.json',
            'examples/guangdong-market/city.json', 'examples/guangdong-market/list-first-violation.json', 'examples/guangdong-market/province.json',
            'index.json'
        ]);
        expect(readTree(second)).toEqual(outputs);
        // Every file the build writes, the manifest index.json included, is valid against `chidu schema`.
        for (const [file, text] of Object.entries(outputs).filter(([file]) => file !== '.chidu-build')) {
            const ok = validateSchema(JSON.parse(text));
            expect({ file, errors: ok ? null : validateSchema.errors }).toEqual({ file, errors: null });
        }
    });

    it('publishes the typed conditions that select a tier (指标), read under the document\'s 边界, schema-valid', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), `基准 「指标」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 边界 以上含本数 以下不含本数 }
事项 A-1 「甲行为」 {
  违反条款 《示例法》第一条 处罚依据 《示例法》第九条
  法定处罚 { 罚款 一万元以上十万元以下 }
  阶次 1 { 指标 「超标倍数」 0.5倍以下 罚款 一万元以上五万元以下 }
  阶次 2 { 指标 「超标倍数」 0.5倍以上 罚款 五万元以上十万元以下 含本数 }
}
`);
        const out = tempDir();
        expect(chidu('build', dir, '--out', out).code).toBe(0);
        const json = JSON.parse(fs.readFileSync(path.join(out, 'a.json'), 'utf8'));
        const schema = JSON.parse(chidu('schema').stdout);
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
        expect(ajv.validate(schema, json), JSON.stringify(ajv.errors)).toBe(true);
        const [first, second] = json.items[0].tiers;
        expect(first.selectors).toHaveLength(1);
        expect(first.selectors[0]).toMatchObject({ type: 'indicator', name: '超标倍数', text: '0.5倍以下', interval: { upper: { value: '0.5', closed: false } } });
        expect(second.selectors[0].interval.lower).toEqual({ value: '0.5', closed: true });
    });

    it('materialises adopted items and carries the upper tier each refined tier refines', () => {
        const out = tempDir();
        expect(chidu('build', 'examples/guangdong-eco', '--out', out).code).toBe(0);
        const county = JSON.parse(fs.readFileSync(path.join(out, 'examples/guangdong-eco/county.json'), 'utf8'));
        const adopted = county.items.filter((i: { origin: string }) => i.origin === 'adopted');
        expect(adopted.length).toBeGreaterThan(0);
        for (const item of adopted) {
            expect(item.adoptedFrom.document).toMatch(/.+/);
            expect(item.statutoryPenalty).not.toBeNull();
        }
        const refined = county.items.filter((i: { origin: string }) => i.origin === 'refined');
        expect(refined.length).toBeGreaterThan(0);
        const tier = refined[0].tiers[0];
        expect(tier.refines.length).toBeGreaterThan(0);
        expect(tier.refines[0].standard.groups.length).toBeGreaterThan(0);
        // Explicit open/closed ends and decimal strings in 元
        const province = JSON.parse(fs.readFileSync(path.join(out, 'examples/guangdong-eco/province.json'), 'utf8'));
        expect(province.document.boundarySemantics).toMatchObject({ atLeast: 'closed', atMost: 'open' });
        const fine = province.items.find((i: { code: string }) => i.code === 'DQ-99-1').statutoryPenalty.groups
            .flatMap((g: { alternatives: unknown[] }) => g.alternatives).find((s: { kind?: string }) => s.kind === 'fine');
        expect(fine.amount.interval).toEqual({
            unit: 'yuan', lower: { value: '100000', closed: true }, upper: { value: '1000000', closed: true }, notation: '[10万元, 100万元]'
        });
    });

    it('carries the weighted table so that an enforcement system can compute a fine from the chosen options', () => {
        const out = tempDir();
        expect(chidu('build', 'examples/guangdong-eco', '--out', out).code).toBe(0);
        const province = JSON.parse(fs.readFileSync(path.join(out, 'examples/guangdong-eco/province.json'), 'utf8'));
        const table = province.items.find((i: { code: string }) => i.code === 'DQ-99-1').weightedTable;
        expect(table.range.notation).toBe('[10万元, 100万元]');
        // 重点管理, A类大气污染物, 环境敏感区域, 一般时期, 无收集处理设施, 近二年同类违法一次: 7+15+25+15+0+10+2 = 74 % of 100万元
        const chosen = ['重点管理', 'A类大气污染物', '环境敏感区域', '一般时期', '无', '一次'];
        const sum = table.factors.reduce((total: bigint, factor: { options: { name: string; weight: string }[] }, i: number) =>
            total + BigInt(factor.options.find(o => o.name === chosen[i])!.weight), BigInt(table.start));
        const capped = sum < BigInt(table.cap) ? sum : BigInt(table.cap);
        expect((capped * BigInt(table.base.value) / 100n).toString()).toBe('740000');
    });

    it('writes nothing when there is an error (exit 1)', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 层级 省 }\n');
        fs.writeFileSync(path.join(dir, 'b.chidu'), '基准 「B」 { 制定机关 「x」 层级 省 施行日期 2022-01-01 }\n');
        const out = path.join(tempDir(), 'out');
        const result = chidu('build', dir, '--out', out);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('未生成任何文件');
        expect(fs.existsSync(out)).toBe(false);
    });

    it('refuses to publish an amount whose numeral cannot be read (一万万元), naming the readings and nothing else', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), [
            '基准 「某市大气基准」 { 制定机关 「某市生态环境局」 层级 市 施行日期 2022-01-01 }',
            '事项 DQ-1 「某违法行为」 {',
            '  违反条款 《大气污染防治法》第十九条 处罚依据 《大气污染防治法》第九十九条',
            '  法定处罚 { 罚款 十万元以上一百万元以下 }',
            '  阶次 1 { 罚款 一万万元以下 }',
            '}', ''
        ].join('\n'));
        const out = path.join(tempDir(), 'out');
        const result = chidu('build', dir, '--out', out);
        expect(result.code).toBe(1);
        expect(result.stdout.trim().split('\n').filter(l => /(错误|警告) CD/.test(l))).toEqual([
            `${path.join(dir, 'a.chidu')}:5:13: 错误 CD107 无法确定数额「一万万元」的读法：可能是「一亿元」或「一万元」`
        ]);
        expect(result.stderr).toContain('未生成任何文件');
        expect(fs.existsSync(out)).toBe(false);
    });

    it('requires --out (exit 2)', () => {
        expect(chidu('build', 'examples/guangdong-eco').code).toBe(2);
    });
});

describe('chidu schema', () => {
    it('prints a JSON Schema 2020-12 in which every property has a description', () => {
        const result = chidu('schema');
        expect(result.code).toBe(0);
        const schema = JSON.parse(result.stdout);
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        const undocumented: string[] = [];
        const visit = (node: unknown, where: string) => {
            if (!node || typeof node !== 'object') return;
            const properties = (node as { properties?: Record<string, { description?: string }> }).properties;
            for (const [name, property] of Object.entries(properties ?? {})) {
                if (!property.description) undocumented.push(`${where}.${name}`);
                visit(property, `${where}.${name}`);
            }
            for (const [key, value] of Object.entries(node)) {
                if (key !== 'properties' && typeof value === 'object') visit(value, `${where}/${key}`);
            }
        };
        visit(schema, '#');
        expect(undocumented).toEqual([]);
    });
});

describe('examples/invalid', () => {
    const root = path.join(REPO, 'examples', 'invalid');
    const cases = fs.readdirSync(root, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();

    it('has one folder per defect class', () => {
        expect(cases.length).toBeGreaterThanOrEqual(27);
    });

    it.each(cases)('%s is rejected under --strict with exactly the announced diagnostics', name => {
        const folder = path.join(root, name);
        const result = chidu('validate', '--strict', '--format', 'json', path.relative(REPO, folder));
        expect(result.code).toBe(1);
        const reported = (JSON.parse(result.stdout) as JsonDiagnostic[]).filter(d => d.severity === 'error' || d.severity === 'warning');
        const announced: string[] = [];
        for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.chidu'))) {
            fs.readFileSync(path.join(folder, file), 'utf8').split('\n').forEach((line, index) => {
                const match = /\/\/\s*预期[：:]\s*(.+)$/.exec(line);
                for (const code of match ? match[1].split(/[、,，\s]+/).filter(c => /^CD\d{3}$/.test(c)) : []) {
                    announced.push(`${file}:${index + 2} ${code}`);
                }
            });
        }
        const actual = reported.map(d => `${path.basename(d.file)}:${d.line} ${d.code}`);
        expect(announced.length).toBeGreaterThan(0);
        expect([...new Set(actual)].sort()).toEqual([...new Set(announced)].sort());
    });
});

describe('chidu validate: what the workspace is', () => {
    const PROVINCE = '基准 「省基准」 { 制定机关 「省厅」 层级 省 施行日期 2022-01-01 }\n';
    const CITY = '基准 「市基准」 { 制定机关 「市局」 层级 市 施行日期 2022-01-01 上级 「省基准」 }\n';

    it('loads a file reached twice (through a symlinked file and a symlinked folder) once', () => {
        const dir = tempDir();
        fs.mkdirSync(path.join(dir, 'city'));
        fs.writeFileSync(path.join(dir, 'province.chidu'), PROVINCE);
        fs.writeFileSync(path.join(dir, 'city', 'city.chidu'), CITY);
        fs.symlinkSync('../province.chidu', path.join(dir, 'city', 'province-link.chidu'));
        fs.symlinkSync('city', path.join(dir, 'city-link'));
        fs.symlinkSync('..', path.join(dir, 'city', 'loop'));
        const result = chidu('validate', '--format', 'json', dir);
        expect(JSON.parse(result.stdout)).toEqual([]);
        expect(result.code).toBe(0);
        const text = chidu('validate', dir);
        expect(text.stderr).toMatch(/^2 个文件，0 个错误/m);
    });

    it('refuses a symlinked folder that points outside the given paths, with a note', () => {
        const dir = tempDir();
        const outside = tempDir();
        fs.writeFileSync(path.join(dir, 'province.chidu'), PROVINCE);
        fs.writeFileSync(path.join(outside, 'city.chidu'), CITY);
        fs.symlinkSync(outside, path.join(dir, 'elsewhere'));
        const result = chidu('validate', dir);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(`注意：已跳过符号链接目录 ${path.join(dir, 'elsewhere')}：它指向校验路径之外（${fs.realpathSync(outside)}）`);
        expect(result.stderr).toMatch(/^1 个文件，/m);
    });

    it('names the skipped out/ and node_modules folders in a note', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'province.chidu'), PROVINCE);
        for (const skipped of ['out', 'node_modules']) {
            fs.mkdirSync(path.join(dir, skipped));
            fs.writeFileSync(path.join(dir, skipped, 'copy.chidu'), PROVINCE);
        }
        const result = chidu('validate', '--format', 'json', dir);
        expect(JSON.parse(result.stdout)).toEqual([]);
        expect(result.stderr).toContain(`注意：已跳过目录 ${path.join(dir, 'node_modules')}（node_modules 目录不校验`);
        expect(result.stderr).toContain(`注意：已跳过目录 ${path.join(dir, 'out')}（out 目录不校验`);
    });

    it('reports two documents with one name (CD210) and an 上级 that matches both (CD211), located', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), PROVINCE);
        fs.writeFileSync(path.join(dir, 'b.chidu'), PROVINCE.replace('2022-01-01', '2021-01-01'));
        fs.writeFileSync(path.join(dir, 'city.chidu'), CITY);
        const result = chidu('validate', dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/a\.chidu:1:4: 错误 CD210 工作区中另有 1 份基准也名为「省基准」（b\.chidu）/);
        expect(result.stdout).toMatch(/b\.chidu:1:4: 错误 CD210 .*（a\.chidu）/);
        expect(result.stdout).toMatch(/city\.chidu:1:\d+: 错误 CD211 上级「省基准」对应工作区中的 2 份文件（a\.chidu、b\.chidu）/);
    });
});

describe('chidu validate: input that used to exhaust the stack', () => {
    it('condition groups nested 300 deep: a located CD110 error, exit 1', () => {
        const dir = tempDir();
        const entry = `条目 1 「某行为」 { 违法行为 「某行为」 违反条款 《某法》第十条 条件 ${'同时满足 { '.repeat(300)}「违法行为轻微」${' }'.repeat(300)} 后果 不予处罚 }\n`;
        fs.writeFileSync(path.join(dir, 'deep.chidu'), `清单 「深」 { 类别 不予处罚清单 制定机关 「某局」 层级 市 施行日期 2022-01-01 }\n${entry}`);
        const result = chidu('validate', dir);
        expect(result.code).toBe(1);
        const column = entry.indexOf('同时满足') + '同时满足 { '.length * 32 + 1;
        expect(result.stdout).toContain(`deep.chidu:2:${column}: 错误 CD110 条件组嵌套超过 32 层`);
        expect(result.stderr).not.toMatch(/内部错误|Maximum call stack/);
    });

    it('200,000 consecutive comment lines: the file is checked and the diagnostic after them is located', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'comments.chidu'),
            '基准 「注释」 { 制定机关 「某局」 层级 市 施行日期 2022-01-01 }\n' + '// 注释\n'.repeat(200_000) + '事项 A-1 「x」 { }\n');
        const result = chidu('validate', dir);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('comments.chidu:200002:4: 错误 CD102 事项 A-1 缺少违反条款、处罚依据、法定处罚');
        expect(result.stderr).not.toMatch(/内部错误|Maximum call stack/);
    });
});
