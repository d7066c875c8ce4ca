import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { createChiduServices } from '../src/chidu-module.js';
import type { Benchmark } from '../src/generated/ast.js';
import { ownStatutory, tierStandard } from '../src/model/document-model.js';
import { formatInterval } from '../src/domain/index.js';
import { buildWorkspace } from './helpers/workspace.js';

const services = createChiduServices(EmptyFileSystem).Chidu;
const parse = parseHelper<Benchmark>(services);

const HEADER = '基准 「测试」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 边界 以上含本数 以下不含本数 }\n';

/** Strips positions and containers so that two trees compare by content. */
function shape(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(shape);
    if (node && typeof node === 'object') {
        return Object.fromEntries(Object.entries(node)
            .filter(([key]) => !key.startsWith('$') || key === '$type')
            .map(([key, value]) => [key, key === 'refines' || key === 'parents' ? String((value as { $refText?: string })?.$refText ?? value) : shape(value)]));
    }
    return node;
}

describe('parser', () => {
    it('reads Chinese without spaces exactly like the spaced form', async () => {
        const spaced = await parse(HEADER + `事项 DQ-99-1 「未依法取得排污许可证排放大气污染物」 {
  违反条款 《大气污染防治法》第十九条 处罚依据 《大气污染防治法》第九十九条第（一）项
  法定处罚 { 责令改正 或者 限制生产 并处 罚款 十万元以上 一百万元以下 情节严重的 { 责令停产停业 或者 责令关闭 } }
  阶次 从轻 { 情形 「简化管理」 罚款 10万元以上 40万元以下 }
}`);
        const compact = await parse(HEADER + '事项 DQ-99-1「未依法取得排污许可证排放大气污染物」{违反条款《大气污染防治法》第十九条处罚依据《大气污染防治法》第九十九条第（一）项' +
            '法定处罚{责令改正或者限制生产并处罚款十万元以上一百万元以下情节严重的{责令停产停业或者责令关闭}}阶次从轻{情形「简化管理」罚款10万元以上40万元以下}}');
        expect(spaced.parseResult.lexerErrors).toEqual([]);
        expect(spaced.parseResult.parserErrors).toEqual([]);
        expect(compact.parseResult.lexerErrors).toEqual([]);
        expect(compact.parseResult.parserErrors).toEqual([]);
        expect(shape(compact.parseResult.value)).toEqual(shape(spaced.parseResult.value));
    });

    it('reads the same amount from Chinese numerals, Arabic numerals and mixed forms', async () => {
        const forms = ['一百万元', '100万元', '1000000元', '一百万 元'];
        const intervals = [];
        for (const form of forms) {
            const doc = await parse(HEADER + `事项 A 「x」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 五万元以上${form}以下 } }`);
            expect(doc.parseResult.parserErrors).toEqual([]);
            intervals.push(formatInterval(ownStatutory(doc.parseResult.value.items[0])!.components[0].interval!, 'yuan'));
        }
        expect(new Set(intervals)).toEqual(new Set(['[5万元, 100万元]']));
    });

    it('resolves tier intervals under the document boundary rule and the statute under the statutory convention', async () => {
        const doc = await parse(HEADER + `事项 A 「x」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条
            法定处罚 { 罚款 一万元以上三万元以下 }
            阶次 1 { 罚款 一万元以上三万元以下 } }`);
        const item = doc.parseResult.value.items[0];
        expect(formatInterval(ownStatutory(item)!.components[0].interval!, 'yuan')).toBe('[1万元, 3万元]');
        expect(formatInterval(tierStandard(item.tiers[0]).components[0].interval!, 'yuan')).toBe('[1万元, 3万元)');
    });

    it('reads a threshold switch, multiples, percentages and 双罚', async () => {
        const doc = await parse(HEADER + `事项 A 「x」 { 违反条款 《食品安全法》第三十四条 处罚依据 《食品安全法》第一百二十四条
            法定处罚 {
              没收违法所得 并处 罚款 按 货值金额 { 不足一万元 : 五万元以上十万元以下  一万元以上 : 货值金额 十倍以上二十倍以下 }
              并处 对责任人员 罚款 五万元以上二十万元以下
              情节严重的 { 吊销许可证件 }
            } }`);
        expect(doc.parseResult.parserErrors).toEqual([]);
        const components = ownStatutory(doc.parseResult.value.items[0])!.components;
        expect(components.map(c => [c.kind, c.party, c.dimension ?? null, c.base?.label ?? null, c.escalation ?? null])).toEqual([
            ['confiscateGains', 'default', null, null, null],
            ['fine', 'default', 'yuan', null, null],
            ['fine', 'default', 'multiple', '货值金额', null],
            ['fine', 'responsiblePerson', 'yuan', null, null],
            ['revokeLicense', 'default', null, null, '情节严重的']
        ]);
        expect(components[1].guard?.kind === 'range' && formatInterval(components[1].guard.interval, 'yuan')).toBe('(−∞, 1万元)');
    });

    it('accepts a BOM, CRLF line ends and comments', async () => {
        const doc = await parse('\uFEFF// 注释\r\n基准 「A」 {\r\n  /* 块注释 */ 制定机关 「x」 层级 省 施行日期 2022年1月1日\r\n}\r\n');
        expect(doc.parseResult.lexerErrors).toEqual([]);
        expect(doc.parseResult.parserErrors).toEqual([]);
        expect(doc.parseResult.value.effectiveFrom).toEqual(['2022年1月1日']);
    });

    it('reports an empty file as one located error', async () => {
        const doc = await parse('', { validation: true });
        expect(doc.diagnostics?.map(d => [d.code, d.range.start.line])).toEqual([['CD002', 0]]);
    });
});

describe('syntax errors speak the language of the tables, not of the grammar', () => {
    const SLIPS = [
        '基准 「甲」 { 制定机关 省厅 }',
        '基准 「甲」 { 上级 }',
        '基准 「甲」 { 层级 省 } 事项 「甲行为」 { }',
        '基准 「甲」 { 层级 省 } 事项 A-1 「甲」 { 违反条款 第 }',
        '基准 「甲」 { 层级 省 } 事项 A-1 「甲」 { 法定处罚 { 罚款 } }',
        '基准 「甲」 { 施行日期 }',
        '清单 「乙」 { 类别 不予处罚清单 } 条目 { }',
        '执法事项清单 「丙」 { 制定机关 } '
    ];
    it.each(SLIPS)('%s', async text => {
        const documents = await buildWorkspace({ 'a.chidu': text });
        const messages = (documents[0]!.diagnostics ?? []).filter(d => d.code === 'CD002').map(d => String(d.message));
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
            expect(message).not.toMatch(/\b(STRING|CITATION|CODE|CN_NUMBER|NUMBER|DATE|EOF)\b/);
        }
    });
});
