import * as fs from 'node:fs';
import * as path from 'node:path';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { REPO, runChidu, tempDir as makeTempDir } from './helpers/run-cli.js';


const chidu = (...args: string[]) => runChidu(args);

const tempDir = () => makeTempDir('chidu-runtime-');

/** Parses XML with sax in strict mode (a real XML parser: any malformed markup throws) into elements with attributes. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; depth: number }[] {
    const parser = sax.parser(true);
    const elements: { name: string; attributes: Record<string, string>; depth: number }[] = [];
    let depth = 0;
    parser.onerror = error => { throw error; };
    parser.onopentag = node => { elements.push({ name: node.name, attributes: node.attributes as Record<string, string>, depth: depth++ }); };
    parser.onclosetag = () => { depth--; };
    parser.write(xml).close();
    return elements;
}

describe('chidu evaluate', () => {
    it('evaluates a case of the real Jiangmen list on the compiled output and prints the decision and the 裁量说明', () => {
        const dir = tempDir();
        const file = path.join(dir, 'case.json');
        fs.writeFileSync(file, JSON.stringify({
            authority: '江门市生态环境局', entries: ['JM-1'], actDate: '2022-10-10', area: '工业园区', priorViolations: [],
            facts: { 危险废物数量: '0.08吨', 持续时间: '15日' }, findings: { 在责令改正期限内改正: true, 危害后果轻微: true }
        }));
        const result = chidu('evaluate', 'examples/guangdong-eco', '--case', file);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('结论：可以不予处罚，责令改正、批评教育');
        expect(result.stdout).toContain('裁量说明：依据《江门市轻微环境违法行为清单（节选）》第JM-1项及《行政处罚法》第三十三条第一款');
    });

    it('--item and --format json: the tier, range and record of a real item', () => {
        const dir = tempDir();
        const file = path.join(dir, 'case.json');
        fs.writeFileSync(file, JSON.stringify({ authority: '江门市生态环境局', actDate: '2022-06-01', facts: { 违法所得: '20万元' } }));
        const result = chidu('evaluate', 'examples/guangdong-eco', '--case', file, '--item', '3-19', '--format', 'json');
        expect(result.code).toBe(0);
        const decision = JSON.parse(result.stdout) as { tier: string; range: string; record: { item: string; tier: string } };
        expect([decision.tier, decision.range, decision.record.item, decision.record.tier]).toEqual(['3', '[20万元, 30万元]', '3-19', '3']);
    });

    it('--at names the acting authority: 台山分局 finds 3-1 in 江门 (nearest first)', () => {
        const dir = tempDir();
        const file = path.join(dir, 'case.json');
        fs.writeFileSync(file, JSON.stringify({ authority: '江门市生态环境局', item: '3-1', actDate: '2022-06-01', findings: { 使用暴力行为抗拒执法的: true } }));
        const result = chidu('evaluate', 'examples/guangdong-eco', '--case', file, '--at', '江门市生态环境局台山分局');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('事项：3-1');
        expect(result.stdout).toContain('结论：适用阶次 5，罚款 {20万元}');
    });

    it('an invalid case is exit 1 with every problem in Chinese', () => {
        const dir = tempDir();
        const file = path.join(dir, 'case.json');
        fs.writeFileSync(file, JSON.stringify({ authority: '江门市生态环境局', item: '3-19', actDate: '2022-06-01', facts: { 违法所得: '3倍' } }));
        const result = chidu('evaluate', 'examples/guangdong-eco', '--case', file);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('错误 facts.违法所得：单位不符，「违法所得」是金额（如 "12万元"），写成了倍数「3倍」');
    });

    it('a workspace with errors is not evaluated (its build would not exist)', () => {
        const dir = tempDir();
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 层级 省 }\n');
        fs.writeFileSync(path.join(dir, 'case.json'), '{}');
        const result = chidu('evaluate', dir, '--case', path.join(dir, 'case.json'));
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('工作区有错误，不能试算');
    });
});

describe('chidu test', () => {
    it('runs the example case files: every tier of real items, N passed, coverage, and JUnit XML a parser reads', () => {
        const junit = path.join(tempDir(), 'reports', 'junit.xml');
        const result = chidu('test', 'examples/guangdong-eco', '--junit', junit);
        expect(result.stdout).toMatch(/^19 passed, 0 failed$/m);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^覆盖：阶次 10\/\d+，清单条目 1\/2；\d+ 个事项没有案例$/m);
        expect(result.stdout).not.toMatch(/未覆盖：「江门市生态环境行政处罚自由裁量权裁量标准」事项 3-(19|2) /);
        const elements = parseXml(fs.readFileSync(junit, 'utf8'));
        expect(elements[0]).toMatchObject({ name: 'testsuites', attributes: { tests: '19', failures: '0', errors: '0' } });
        expect(elements.filter(e => e.name === 'testsuite').map(e => e.attributes.name)).toEqual([
            'examples/guangdong-eco/案例/jiangmen-3-19.case.json', 'examples/guangdong-eco/案例/jiangmen-3-2.case.json',
            'examples/guangdong-eco/案例/list-jiangmen.case.json'
        ]);
        expect(elements.filter(e => e.name === 'testcase')).toHaveLength(19);
    });

    it('a failing case is reported with what differs, counted, written as <failure>, and exits 1', () => {
        const dir = tempDir();
        for (const file of fs.readdirSync(path.join(REPO, 'examples/guangdong-eco')).filter(f => f.endsWith('.chidu'))) {
            fs.copyFileSync(path.join(REPO, 'examples/guangdong-eco', file), path.join(dir, file));
        }
        fs.writeFileSync(path.join(dir, 'wrong.case.json'), JSON.stringify([
            { name: '预期错误的档次 <&>', authority: '江门市生态环境局', item: '3-19', actDate: '2022-06-01', facts: { 违法所得: '15万元' }, expected: { tier: '3' } },
            { name: '正确', authority: '江门市生态环境局', item: '3-19', actDate: '2022-06-01', facts: { 违法所得: '15万元' }, expected: { tier: '2', exemption: '无' } },
            { name: '无效', authority: '江门市生态环境局', actDate: '2022-06-01', facts: { 不存在: '1元' }, expected: {} }
        ]));
        const junit = path.join(dir, 'junit.xml');
        const result = chidu('test', dir, '--junit', junit);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('✗ ');
        expect(result.stdout).toContain('预期错误的档次 <&>：tier 预期 3，实际 2');
        expect(result.stdout).toMatch(/^1 passed, 2 failed$/m);
        const elements = parseXml(fs.readFileSync(junit, 'utf8'));
        expect(elements[0]!.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1' });
        expect(elements.filter(e => e.name === 'failure').map(e => e.attributes.message)).toEqual(['tier：预期 3，实际 2']);
        expect(elements.find(e => e.name === 'error')!.attributes.message).toContain('未知事实「不存在」');
    });
});

describe('chidu case-schema', () => {
    it('prints the case schema of the workspace: its facts with their units', () => {
        const result = chidu('case-schema', 'examples/guangdong-eco');
        expect(result.code).toBe(0);
        const schema = JSON.parse(result.stdout) as { properties: { facts: { properties: Record<string, { description: string }> } } };
        expect(Object.keys(schema.properties.facts.properties)).toEqual(expect.arrayContaining(['违法所得', '危险废物数量', '超标倍数']));
        expect(schema.properties.facts.properties['违法所得']!.description).toMatch(/^金额。用于：「江门市生态环境行政处罚自由裁量权裁量标准」事项 3-19/);
    });
});
