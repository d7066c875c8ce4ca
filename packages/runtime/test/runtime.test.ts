import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildOutputs } from '../../language/src/generation/build-output.js';
import { REPO_ROOT, buildWorkspace, readFolder } from '../../language/test/helpers/workspace.js';
import { CaseError, type Decision, EvaluationError, caseSchema, createRuntime, renderDecision } from '../src/index.js';

// The compiled outputs of the real examples, as `chidu build` publishes them (kept current by golden.test.ts).
const GOLDEN = path.join(REPO_ROOT, 'packages/language/test/resources/golden');
const goldenOf = (example: string) => fs.readdirSync(path.join(GOLDEN, example)).sort()
    .map(f => JSON.parse(fs.readFileSync(path.join(GOLDEN, example, f), 'utf8')) as unknown);
const eco = createRuntime(goldenOf('guangdong-eco'));

const JIANGMEN = '江门市生态环境局';
const at = (overrides: Record<string, unknown>) => ({ authority: JIANGMEN, actDate: '2022-06-01', ...overrides });

/** Compiles .chidu texts (a workspace in memory) and loads the runtime from the JSON text of the outputs. */
async function compiled(files: Record<string, string>) {
    const documents = await buildWorkspace(files);
    return createRuntime(buildOutputs(documents, d => d.uri.fsPath).map(o => JSON.parse(o.content) as unknown));
}

function ecoWith(replace: (file: string, text: string) => string) {
    const root = path.join(REPO_ROOT, 'examples', 'guangdong-eco');
    return compiled(Object.fromEntries(Object.entries(readFolder(root)).map(([f, t]) => [path.join('examples/guangdong-eco', f), replace(f, t)])));
}

describe('tiers of a real item (江门 3-19, 违法所得 指标)', () => {
    const cases: [string, string, string][] = [
        ['8万元', '1', '{10万元}'], ['15万元', '2', '[10万元, 20万元]'], ['22万元', '3', '[20万元, 30万元]'],
        ['28万元', '4', '[30万元, 40万元]'], ['35万元', '5', '[40万元, 50万元]']
    ];
    it.each(cases)('违法所得 %s lands in tier %s with range %s (江门 第十六条: 以上、以下均含本数)', (gains, tier, range) => {
        const { decision } = eco.evaluate(at({ item: '3-19', facts: { 违法所得: gains } }));
        expect(decision.tier).toBe(tier);
        expect(decision.range).toBe(range);
        expect(decision.sanctions.map(s => s.name)).toEqual(['没收违法所得', '罚款']);
        expect(decision.explanation).toContain(`第3-19项`);
        expect(decision.explanation).toContain(`适用第${tier}阶次`);
        expect(decision.record).toMatchObject({ item: '3-19', tier, range, factsUsed: { 违法所得: gains } });
    });

    it('a boundary value shows 竞合 取重: 10万元 meets tiers 1 and 2, the heavier applies, and says so', () => {
        const { decision } = eco.evaluate(at({ item: '3-19', facts: { 违法所得: '10万元' } }));
        expect(decision.tiers.filter(t => t.status === 'met').map(t => t.name)).toEqual(['1', '2']);
        expect(decision.tier).toBe('2');
        expect(decision.tierReason).toBe('同时符合阶次 1、2，按基准的竞合规则「取重」适用阶次 2');
        expect(decision.explanation).toContain('同时符合第1、2阶次，按该基准的竞合规则（取重）适用第2阶次');
    });

    it('under the provincial rule (以上含本数 以下不含本数) the same tiers have half-open ranges', async () => {
        const provincial = await ecoWith((f, t) => f === 'jiangmen.chidu' ? t.replace('边界 以上含本数 以下含本数', '边界 以上含本数 以下不含本数') : t);
        const tier2 = provincial.evaluate(at({ item: '3-19', facts: { 违法所得: '15万元' } })).decision;
        expect([tier2.tier, tier2.range]).toEqual(['2', '[10万元, 20万元)']);
        // 不超过 / 超过 keep their meaning under any 边界: 10万元 is still in tiers 1 and 2.
        const boundary = provincial.evaluate(at({ item: '3-19', facts: { 违法所得: '10万元' } })).decision;
        expect([boundary.tier, boundary.range]).toEqual(['2', '[10万元, 20万元)']);
    });

    it('without a 竞合 rule a boundary value that meets two tiers is left to the officer, never guessed', async () => {
        const noPolicy = await ecoWith((f, t) => f === 'jiangmen.chidu' ? t.replace('    竞合 取重\n', '') : t);
        const { decision } = noPolicy.evaluate(at({ item: '3-19', facts: { 违法所得: '10万元' } }));
        expect(decision.tier).toBeNull();
        expect(decision.tierReason).toContain('基准未规定竞合规则');
        expect(decision.undecided).toContain('阶次 1、2 之间的选择');
    });

    it('an item without tiers is decided within its statutory range (省 DQ-98)', () => {
        const { decision } = eco.evaluate({ authority: '广东省生态环境厅', item: 'DQ-98', actDate: '2022-06-01' });
        expect(decision.tier).toBeNull();
        expect(decision.range).toBe('[2万元, 20万元]');
        expect(decision.outcome).toBe('未分阶次，在法定幅度内裁量，罚款 [2万元, 20万元]');
        expect(decision.explanation).toMatch(/^依据《广东省生态环境行政处罚自由裁量权裁量基准》第DQ-98项「.*」，该事项未分阶次，在法定幅度二万元以上二十万元以下（\[2万元, 20万元\]）内裁量（《大气污染防治法》第九十八条/);
    });

    it('a missing fact leaves the tier undecided and names it', () => {
        const { decision } = eco.evaluate(at({ item: '3-19' }));
        expect(decision.tier).toBeNull();
        expect(decision.undecided).toContain('指标「违法所得」不超过10万元');
    });
});

describe('tiers with free-text 情形 (江门 3-2)', () => {
    it('a 情形 the officer affirms selects its tier; the conditions of a tier are alternatives', () => {
        const { decision } = eco.evaluate(at({ item: '3-2', findings: { 属于排污许可证重点管理行业的: true } }));
        expect([decision.tier, decision.range]).toEqual(['2', '[20万元, 40万元]']);
        expect(decision.tiers[1]!.conditions.map(c => c.status)).toEqual(['undecided', 'undecided', 'met']);
    });

    it('without findings no tier is chosen and every 情形 is listed as undecided', () => {
        const { decision } = eco.evaluate(at({ item: '3-2' }));
        expect(decision.tier).toBeNull();
        expect(decision.undecided).toContain('属于排污许可证简化管理行业的');
        expect(decision.outcome).toBe('尚不能确定（见须认定的情形）');
    });

    it('an item the authority did not write is found up the chain (台山分局 adopts 3-1 from 江门)', () => {
        const { decision } = eco.evaluate({ authority: '江门市生态环境局台山分局', actDate: '2022-06-01', item: '3-1',
            findings: { 拒绝提供资料的: true } });
        expect(decision.item?.code).toBe('3-1');
        expect([decision.tier, decision.range]).toEqual(['4', '[15万元, 20万元]']);
    });
});

describe('exemption lists (江门 JM-1, 省目录第6项)', () => {
    const jm1 = {
        entries: ['JM-1'], actDate: '2022-10-10', area: '蓬江区工业园区', priorViolations: ['2019-05-20'],
        facts: { 危险废物数量: '0.08吨', 持续时间: '15日' }, findings: { 在责令改正期限内改正: true, 危害后果轻微: true }
    };

    it('a first-time minor violation gets 可以不予处罚 with its ground and measures', () => {
        const { decision } = eco.evaluate(at(jm1));
        expect(decision.exemption).toEqual({
            consequence: '可以不予处罚', mandatory: false, list: '江门市轻微环境违法行为清单（节选）', entry: 'JM-1',
            grounds: ['《行政处罚法》第三十三条第一款'], measures: ['责令改正', '批评教育']
        });
        expect(decision.outcome).toBe('可以不予处罚，责令改正、批评教育');
        expect(decision.explanation).toBe('依据《江门市轻微环境违法行为清单（节选）》第JM-1项及《行政处罚法》第三十三条第一款，当事人的违法行为符合该项所列条件，可以不予处罚，责令改正、批评教育。');
        expect(renderDecision(decision)).toContain('✓ 「两年内首次违法」：2年内（2020-10-10 起）无同类违法记录');
    });

    it('an act in an excluded area does not get the exemption', () => {
        const { decision } = eco.evaluate(at({ ...jm1, area: '饮用水水源保护区' }));
        expect(decision.exemption).toBeNull();
        expect(decision.entries[0]).toMatchObject({ status: 'failed', reason: '违法行为发生在排除区域「饮用水水源保护区」，不适用本条目' });
    });

    it('an unstated area leaves the exemption undecided (the list excludes areas)', () => {
        const { area: _, ...noArea } = jm1;
        const { decision } = eco.evaluate(at(noArea));
        expect(decision.exemption).toBeNull();
        expect(decision.entries[0]!.status).toBe('undecided');
        expect(decision.undecided).toContain('违法行为发生的区域（area）');
    });

    it('an earlier violation inside the 回溯期 makes the act not the first; without any record the condition is undecided', () => {
        expect(eco.evaluate(at({ ...jm1, priorViolations: ['2021-12-01'] })).decision.exemption).toBeNull();
        const { priorViolations: _, ...noRecord } = jm1;
        const { decision } = eco.evaluate(at(noRecord));
        expect(decision.exemption).toBeNull();
        expect(decision.undecided).toContain('两年内首次违法');
    });

    it('an entry the city list adopts is judged with the city list’s exclusions, not once more as the province’s', () => {
        const entry6 = { entries: ['6'], actDate: '2022-10-10', area: '居住区', priorViolations: [], facts: { 超标倍数: '0.05倍' },
            findings: { 仅有一项B类污染物超标: true, 在责令改正期限内改正: true } };
        const { decision } = eco.evaluate(at(entry6));
        expect(decision.entries.map(e => [e.list, e.status])).toEqual([['江门市轻微环境违法行为清单（节选）', 'failed']]);
        const elsewhere = eco.evaluate(at({ ...entry6, area: '工业园区' })).decision;
        expect(elsewhere.exemption).toMatchObject({ consequence: '可以不予处罚', entry: '6' });
    });

    it('a list not yet in force at the act is not applied, and the decision says why', () => {
        const { decision } = eco.evaluate(at({ ...jm1, actDate: '2021-10-10', priorViolations: [] }));
        expect(decision.exemption).toBeNull();
        expect(decision.notes.join()).toContain('在 2021-10-10 不在施行中（2022-02-01 起施行）');
    });
});

describe('an entry linked to an item (市场监管 首违不罚清单条目1 ← SP-126, adopted by 深圳)', () => {
    const market = createRuntime(goldenOf('guangdong-market'));
    const kase = {
        authority: '深圳市市场监督管理局', item: 'SP-126', actDate: '2026-03-01', priorViolations: [],
        findings: { '不具有从轻、从重处罚情形': true, 危害后果轻微: true, 在责令改正期限内改正: true }
    };

    it('reaches the entry through the item the city adopts, and gives 可以不予处罚 with the tier for a penalty', () => {
        const { decision } = market.evaluate(kase);
        expect(decision.item?.foundAt).toBe('本机关基准，直接适用「广东省市场监督管理局行政处罚裁量权适用规则（节选）」事项 SP-126');
        expect(decision.exemption).toMatchObject({ consequence: '可以不予处罚', entry: '1', measures: ['责令改正', '批评教育'] });
        expect(decision.outcome).toBe('可以不予处罚，责令改正、批评教育；决定给予处罚的，适用阶次 一般');
        expect(decision.explanation).toContain('如决定给予处罚，依据《深圳市市场监督管理局行政处罚裁量权基准（节选·示例）》');
    });

    it('an affirmed 拒不改正的 adds the escalation fine of the tier', () => {
        const { decision } = market.evaluate({ ...kase, priorViolations: ['2025-06-01'], findings: { ...kase.findings, 拒不改正的: true } });
        expect(decision.exemption).toBeNull();
        expect(decision.range).toBe('(1.85万元, 3.65万元)');
    });
});

describe('从旧兼从轻 (《行政处罚法》第三十七条)', () => {
    const version = (name: string, from: string, to: string | undefined, range: string) =>
        `基准 「${name}」 { 制定机关 「某市生态环境局」 层级 市 施行日期 ${from}${to ? ` 废止日期 ${to}` : ''} }\n` +
        `事项 A-1 「某违法行为」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 一万元以上十万元以下 }\n` +
        `  阶次 1 { 指标 「违法所得」 不超过一万元 罚款 ${range} } }\n`;
    const kase = { authority: '某市生态环境局', item: 'A-1', actDate: '2022-06-01', decisionDate: '2023-03-01', facts: { 违法所得: '5000元' } };

    it('a later, lighter version applies, with the reason', async () => {
        const runtime = await compiled({ 'old.chidu': version('某市基准（2020）', '2020-01-01', '2023-01-01', '三万元以上五万元以下'),
            'new.chidu': version('某市基准（2023）', '2023-01-01', undefined, '一万元以上三万元以下') });
        const { decision } = runtime.evaluate(kase);
        expect(decision.benchmark?.name).toBe('某市基准（2023）');
        expect(decision.range).toBe('[1万元, 3万元]');
        expect(decision.version).toContain('从旧兼从轻（《行政处罚法》第三十七条）');
        expect(decision.version).toContain('罚款幅度更轻');
        expect(decision.record.benchmark?.version).toBe(decision.version);
    });

    it('a later, heavier version does not apply: the version in force at the act does', async () => {
        const runtime = await compiled({ 'old.chidu': version('某市基准（2020）', '2020-01-01', '2023-01-01', '一万元以上三万元以下'),
            'new.chidu': version('某市基准（2023）', '2023-01-01', undefined, '三万元以上五万元以下') });
        const { decision } = runtime.evaluate(kase);
        expect(decision.benchmark?.name).toBe('某市基准（2020）');
        expect(decision.version).toContain('不更轻');
    });
});

describe('facts are validated against the workspace vocabulary', () => {
    const problems = (input: unknown): readonly string[] => {
        try {
            eco.evaluate(input);
        } catch (error) {
            if (error instanceof CaseError) return error.problems;
            throw error;
        }
        return [];
    };

    it('an unknown fact, a wrong unit, a bare number and an unknown 情形 are clear Chinese errors', () => {
        expect(problems(at({ item: '3-19', facts: { 违法所得: '10吨', 超标倍速: '1倍', 危险废物数量: 0.1 }, findings: { 两年内首次: true } }))).toEqual([
            'facts.违法所得：单位不符，「违法所得」是金额（如 "12万元"），写成了吨数「10吨」',
            'facts.超标倍速：未知事实「超标倍速」，工作区中没有以它为指标或计罚基数的条件（是否指：「色度超标倍数」、「超标倍数」）',
            'facts.危险废物数量：应写成带单位的文字（吨数，如 "0.08吨"），不能是不带单位的数字',
            'findings：情形「两年内首次」不在工作区的任何阶次、条目或升格情形中（须与原文一字不差）；相近的原文：「两年内首次违法」、「两年内第1次」、「两年内第2次」'
        ]);
    });

    it('an unknown authority, a date that does not exist, a negative amount and an unknown field are reported', () => {
        expect(problems({ authority: '某局', actDate: '2022-02-30', facts: { 违法所得: '-1万元' }, 事实: {} })).toEqual([
            '未知字段「事实」（可用：name、description、authority、item、entries、actDate、decisionDate、area、domain、subjects、facts、values、findings、priorViolations、expected、source）',
            expect.stringMatching(/^执法机关「某局」不是工作区中任何基准或清单的制定机关（已知：.*江门市生态环境局/),
            '「actDate」（违法行为发生日期）应为存在的日期 YYYY-MM-DD：2022-02-30',
            'facts.违法所得：「-1万元」为负数，超出取值范围'
        ]);
    });

    it('an item that is nowhere on the chain is an evaluation error', () => {
        expect(() => eco.evaluate(at({ item: 'NO-1' }))).toThrow(EvaluationError);
    });

    it('the generated case schema accepts every example case and rejects a wrong unit', () => {
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        const validate = ajv.compile(caseSchema(eco.vocabulary));
        const folder = path.join(REPO_ROOT, 'examples/guangdong-eco/案例');
        const cases = fs.readdirSync(folder).flatMap(f => (JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as { cases: unknown[] }).cases);
        expect(cases.length).toBeGreaterThan(10);
        for (const c of cases) expect(validate(c), JSON.stringify(validate.errors)).toBe(true);
        expect(validate(at({ facts: { 违法所得: '10吨' } }))).toBe(false);
        expect(validate(at({ findings: { 不存在的情形: true } }))).toBe(false);
    });
});

describe('the runtime reads only the compiled JSON', () => {
    it('refuses a JSON that is not a compiled benchmark or list', () => {
        expect(() => createRuntime([{ format: 'something-else' }])).toThrow('不是尺度编译输出');
    });

    it('a decision is plain data (JSON round trip keeps what an enforcement system stores)', () => {
        const { decision } = eco.evaluate(at({ item: '3-19', facts: { 违法所得: '15万元' } }));
        const record = JSON.parse(JSON.stringify(decision.record)) as Decision['record'];
        expect(record).toEqual({
            format: 'chidu-decision-record', formatVersion: 1,
            benchmark: { name: '江门市生态环境行政处罚自由裁量权裁量标准', issuer: JIANGMEN, docNumber: null, effectiveFrom: '2020-03-01', version: '行为发生时（2022-06-01）施行的版本' },
            item: '3-19', tier: '2', range: '[10万元, 20万元]', exemptionConsidered: [], exemption: null,
            factsUsed: { 违法所得: '15万元' }, findingsUsed: {}, actDate: '2022-06-01', decisionDate: '2022-06-01'
        });
    });
});

describe('typed conditions: enumerated facts and circumstances of the law (invented workspace)', () => {
    const LIST = `清单 「区域清单」 { 类别 不予处罚清单 制定机关 「某省生态环境厅」 层级 省 施行日期 2022-01-01 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }
事实 「区域」 { 类型 枚举 取值 「一般区域」、「环境敏感区」、「饮用水水源保护区」 }
条目 1 「某行为」 { 违法行为 「某行为」 违反条款 《示例法》第一条 条件 同时满足 { 「违法行为轻微」 「及时改正」 「没有造成危害后果」 「区域」 不为 「饮用水水源保护区」 } 后果 不予处罚 }
`;
    const BENCHMARK = `基准 「区域基准」 { 制定机关 「某省生态环境厅」 层级 省 施行日期 2022-01-01 }
事实 「区域」 { 类型 枚举 取值 「一般区域」、「环境敏感区」、「饮用水水源保护区」 }
事项 A-1 「甲行为」 {
  违反条款 《示例法》第一条 处罚依据 《示例法》第九条
  法定处罚 { 罚款 一万元以上十万元以下 }
  阶次 1 { 指标 「区域」 为 「一般区域」 罚款 一万元以上五万元以下 不含本数 }
  阶次 2 { 指标 「区域」 不为 「一般区域」 罚款 五万元以上十万元以下 }
}
`;
    const base = { authority: '某省生态环境厅', actDate: '2023-01-01' };

    it('a tier selected by an enumerated fact: the value the case gives chooses it', async () => {
        const runtime = await compiled({ 'b.chidu': BENCHMARK });
        expect(runtime.evaluate({ ...base, item: 'A-1', values: { 区域: '环境敏感区' } }).decision.tier).toBe('2');
        expect(runtime.evaluate({ ...base, item: 'A-1', values: { 区域: '一般区域' } }).decision.tier).toBe('1');
    });

    it('an entry with 不为: met outside the listed value, failed inside it; the circumstances are affirmed by name', async () => {
        const runtime = await compiled({ 'b.chidu': BENCHMARK, 'l.chidu': LIST });
        const findings = { 违法行为轻微: true, 及时改正: true, 没有造成危害后果: true };
        expect(runtime.evaluate({ ...base, item: 'A-1', entries: ['1'], findings, values: { 区域: '一般区域' } }).decision.exemption)
            .toMatchObject({ consequence: '不予处罚', entry: '1' });
        expect(runtime.evaluate({ ...base, item: 'A-1', entries: ['1'], findings, values: { 区域: '饮用水水源保护区' } }).decision.exemption).toBeNull();
    });

    it('a value outside the declared ones is a Chinese error naming them', async () => {
        const runtime = await compiled({ 'b.chidu': BENCHMARK, 'l.chidu': LIST });
        expect(() => runtime.evaluate({ ...base, item: 'A-1', entries: ['1'], values: { 区域: '水源地' } }))
            .toThrow(/「水源地」不是「区域」的取值（「一般区域」、「环境敏感区」、「饮用水水源保护区」）/);
    });
});

describe('loading an output tree', () => {
    it('the build manifest (index.json) beside the documents is passed over, so a reader may hand over the whole tree', async () => {
        const documents = await buildWorkspace({ 'b.chidu': `基准 「清单测试基准」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n` });
        const outputs = buildOutputs(documents, d => d.uri.fsPath);
        const runtime = createRuntime([...outputs.map(o => JSON.parse(o.content) as unknown), { format: 'chidu-build-manifest', formatVersion: 1, outputs: [] }]);
        expect(runtime.chain.benchmarks.map(b => b.document.name)).toEqual(['清单测试基准']);
    });
});
