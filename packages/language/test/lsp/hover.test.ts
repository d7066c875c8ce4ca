import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectHover } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChiduServices } from '../../src/chidu-module.js';
import { EmptyFileSystem } from 'langium';
import { type Fixture, fixture, guangdongEco, STATUTES_DIR } from './lsp-fixture.js';

/** A tiny statute library, so the citation tests do not depend on the shared reference folder. */
const STATUTE = `# 中华人民共和国示例法

<!-- INFO END -->

## 第一章 总则

第一条 为了测试，制定本法。

## 第二章 法律责任

第九条 违反本法规定，有下列行为之一的，处一万元以上十万元以下的罚款：

（一）甲行为；

（二）乙行为。

情节严重的，处十万元以上五十万元以下的罚款。

第九条之一 补充规定。
`;

let statutes: string;
let previousEnv: string | undefined;

beforeAll(() => {
    statutes = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-statutes-'));
    fs.writeFileSync(path.join(statutes, '示例法(2020-01-01).md'), STATUTE);
    previousEnv = process.env.CHIDU_STATUTES_DIR;
    process.env.CHIDU_STATUTES_DIR = statutes;
});

afterAll(() => {
    if (previousEnv === undefined) delete process.env.CHIDU_STATUTES_DIR;
    else process.env.CHIDU_STATUTES_DIR = previousEnv;
    fs.rmSync(statutes, { recursive: true, force: true });
});

async function hoverText(f: Fixture, name: string, text: string, delta = 0, occurrence = 0): Promise<string> {
    const hover = await f.services.lsp.HoverProvider!.getHoverContent(f.doc(name), { textDocument: f.id(name), position: f.at(name, text, delta, occurrence) });
    const contents = hover?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

const PROVINCE = `基准 「省基准」 {
    制定机关 「省厅」
    层级 省
    施行日期 2022-01-01
    边界 以上含本数 以下不含本数
}
事项 A-1 「甲行为」 {
    违反条款 《示例法》第一条
    处罚依据 《示例法》第九条第一款第（一）项、第二款
    法定处罚 { 罚款 一万元以上十万元以下 }
    阶次 「低档」 { 罚款 一万元以上四万元以下 }
    阶次 「高档」 { 罚款 四万元以上十万元以下 含本数 }
}
`;

const CITY = `基准 「市基准」 {
    制定机关 「市局」
    层级 市
    施行日期 2022-06-01
    上级 「省基准」
    边界 以上含本数 以下含本数
}
事项 B-1 「甲行为」 细化 A-1 {
    阶次 1 从轻 { 细化 「低档」 罚款 一万元以上二万元以下 }
    阶次 2 { 细化 「低档」、「高档」 罚款 二万元以上六万元以下 }
    阶次 3 { 罚款 六万元以上十万元以下 }
}
`;

describe('hover', () => {
    let f: Fixture;
    beforeAll(async () => {
        f = await fixture({ 'province.chidu': PROVINCE, 'city.chidu': CITY });
    });

    it('shows the exact interval after the document boundary rule (以下不含本数 → open upper end)', async () => {
        const text = await hoverText(f, 'province.chidu', '一万元以上四万元以下', 3);
        expect(text).toContain('**罚款** `[1万元, 4万元)`');
        expect(text).toContain('以上含本数，以下不含本数');
        // the statutory range of the item, read with the statutory convention
        expect(text).toMatch(/法定处罚（《示例法》第九条第一款第（一）项）：罚款 `\[1万元, 10万元\]`/);
    });

    it('an explicit 含本数 closes the end whatever the document rule says', async () => {
        const text = await hoverText(f, 'province.chidu', '四万元以上十万元以下 含本数', 7);
        expect(text).toContain('`[4万元, 10万元]`');
    });

    it('on a refining tier: the upper tiers it refines, with their intervals, and the statutory range', async () => {
        const text = await hoverText(f, 'city.chidu', '二万元以上六万元以下', 2);
        expect(text).toContain('`[2万元, 6万元]`');
        expect(text).toContain('细化上级（省厅）事项 A-1');
        expect(text).toContain('阶次「低档」 罚款 `[1万元, 4万元)`');
        expect(text).toContain('阶次「高档」 罚款 `[4万元, 10万元]`');
        expect(text).toContain('✓ 在上级阶次内');
        expect(text).toContain('法定处罚（《示例法》第九条第一款第（一）项）：罚款 `[1万元, 10万元]`');
    });

    it('the ✓/✗ is the validator\'s verdict: a kind the statute escalates to is accepted in a refining tier', async () => {
        // The upper tier has only a fine; the statute's 情节严重的 step knows 责令停产停业, so the validator accepts the
        // city tier that adds it (the hover used to recompute containment and showed ✗ here).
        const province = `基准 「省」 { 制定机关 「省厅」 层级 省 施行日期 2022-01-01 }
事项 A-1 「甲行为」 {
    违反条款 《示例法》第一条 处罚依据 《示例法》第九条
    法定处罚 { 罚款 一万元以上十万元以下 情节严重的 { 责令停产停业 } }
    阶次 「低档」 { 罚款 一万元以上四万元以下 }
    阶次 「高档」 { 罚款 四万元以上十万元以下 }
}
`;
        const city = `基准 「市」 { 制定机关 「市局」 层级 市 施行日期 2022-06-01 上级 「省」 }
事项 B-1 细化 A-1 {
    阶次 1 { 细化 「低档」 罚款 一万元以上四万元以下 }
    阶次 2 { 细化 「高档」 罚款 四万元以上十万元以下 责令停产停业 }
}
`;
        const g = await fixture({ 'p.chidu': province, 'c.chidu': city });
        expect((g.doc('c.chidu').diagnostics ?? []).filter(d => d.severity === 1).map(d => d.code)).toEqual([]);
        const text = await hoverText(g, 'c.chidu', '责令停产停业', 2);
        expect(text).toContain('✓ 在上级阶次内');
        expect(text).not.toContain('✗');
    });

    it('on a tier name: its standard, its conditions and the tiers below that refine it', async () => {
        const text = await hoverText(f, 'province.chidu', '「低档」', 1);
        expect(text).toContain('**阶次「低档」** — 省厅 事项 A-1');
        expect(text).toContain('罚款 `[1万元, 4万元)`');
        expect(text).toContain('被 1 个下级文件的 2 个阶次细化');
    });

    it('a tier without 细化 under an item with upper tiers lists what it could refine', async () => {
        const text = await hoverText(f, 'city.chidu', '阶次 3', 3);
        expect(text).toContain('可细化 「低档」、「高档」');
    });

    it('on a reference to an upper item: the upper item', async () => {
        const text = await hoverText(f, 'city.chidu', '细化 A-1', 4);
        expect(text).toContain('**事项 A-1 「甲行为」** — 省厅（省级）');
        expect(text).toContain('- 「低档」 罚款 `[1万元, 4万元)`');
        expect(text).toContain('被 1 个下级文件细化');
    });

    it('on a citation: the canonical form and the article text, the cited item in bold', async () => {
        const text = await hoverText(f, 'province.chidu', '《示例法》第九条第一款第（一）项', 2);
        expect(text).toContain('**《示例法》第九条第一款第（一）项**');
        expect(text).toContain('> 第九条 违反本法规定');
        expect(text).toContain('> **（一）甲行为；**');
        expect(text).toContain('中华人民共和国示例法（2020-01-01） 第二章 法律责任');
    });

    it('a continuation citation takes its law and article from the one before it', async () => {
        const text = await hoverText(f, 'province.chidu', '、第二款', 2);
        expect(text).toContain('**《示例法》第九条第二款**');
        expect(text).toContain('> **情节严重的，处十万元以上五十万元以下的罚款。**');
    });

    it('a citation of a law the library does not have says so', async () => {
        const g = await fixture({ 'a.chidu': PROVINCE.replace('《示例法》第一条', '《不存在法》第一条') });
        const text = await hoverText(g, 'a.chidu', '《不存在法》', 2);
        expect(text).toContain('法规库中没有这部法律的文本');
    });

    it('on a keyword: what it means', async () => {
        expect(await hoverText(f, 'city.chidu', '边界', 0)).toContain('是否包含本数');
        expect(await hoverText(f, 'city.chidu', '从轻', 0)).toContain('从轻处罚');
        expect(await hoverText(f, 'city.chidu', '细化', 0, 0)).toContain('细化上级基准中的哪个事项');
    });

    it('on a penalty kind in a tier: the statutory kinds around it and what the kind is', async () => {
        const g = await fixture({ 'a.chidu': PROVINCE.replace('阶次 「低档」 { 罚款 一万元以上四万元以下 }', '阶次 「低档」 { 罚款 一万元以上四万元以下 并处 警告 }') });
        const text = await hoverText(g, 'a.chidu', '警告', 1);
        expect(text).toContain('**警告**');
        expect(text).toContain('处罚种类：警告（《行政处罚法》第九条第（一）项');
    });

    it('on the document name: the header in words', async () => {
        const text = await hoverText(f, 'province.chidu', '「省基准」', 1);
        expect(text).toContain('**省基准**');
        expect(text).toContain('- 边界：以上含本数，以下不含本数');
        expect(text).toContain('- 下级基准：市局');
    });

    it('works through langium/test expectHover on a single document', async () => {
        const { Chidu } = createChiduServices(EmptyFileSystem);
        await expectHover(Chidu)({
            text: `基准 「单」 { 制定机关 「局」 层级 省 施行日期 2022-01-01 边界 以上含本数 以下不含本数 }
事项 A-1 「甲」 { 违反条款 《示例法》第一条 处罚依据 《示例法》第九条 法定处罚 { 罚款 五万元以下 }
    阶次 1 { 罚款 一万<|>元以上三万元以下 } }`,
            index: 0,
            hover: /`\[1万元, 3万元\)`/
        });
    });
});

describe('hover on multiples and threshold switches', () => {
    it('names the base of a multiple, and reads a switch branch as a condition on its base', async () => {
        const f = await fixture({
            'a.chidu': `基准 「食」 { 制定机关 「局」 层级 省 施行日期 2022-01-01 }
事项 S-1 「甲」 { 违反条款 《示例法》第一条 处罚依据 《示例法》第九条
    法定处罚 { 罚款 按 货值金额 { 不足一万元 : 五万元以上十万元以下  一万元以上 : 货值金额 十倍以上二十倍以下 } } }`
        });
        expect(await hoverText(f, 'a.chidu', '十倍以上二十倍以下', 1)).toContain('**罚款（货值金额倍数）** `[10倍, 20倍]`');
        const guard = await hoverText(f, 'a.chidu', '不足一万元', 3);
        expect(guard).toContain('**货值金额的分档条件** `(0元, 1万元)`');
        expect(await hoverText(f, 'a.chidu', '五万元以上十万元以下', 1)).toContain('**罚款** `[5万元, 10万元]`');
    });
});

describe('hover on the real three-level example', () => {
    it('a county tier shows the city tier it refines and the statute behind both', async () => {
        const f = await fixture(guangdongEco());
        const text = await hoverText(f, 'county.chidu', '罚款 十万元以上十五万元以下', 5);
        expect(text).toContain('`[10万元, 15万元]`');
        expect(text).toContain('细化上级（江门市生态环境局）事项 3-2');
        expect(text).toContain('阶次「1」 罚款 `[10万元, 20万元]`');
        expect(text).toContain('罚款 `[10万元, 100万元]`');
    });

    it.skipIf(!fs.existsSync(STATUTES_DIR))('finds the shared statute library without any setting', async () => {
        const saved = process.env.CHIDU_STATUTES_DIR;
        delete process.env.CHIDU_STATUTES_DIR;
        try {
            const f = await fixture(guangdongEco());
            const text = await hoverText(f, 'province.chidu', '处罚依据 《大气污染防治法》第九十九条第（一）项', 8);
            expect(text).toContain('**（一）未依法取得排污许可证排放大气污染物的；**');
            // what the checker compares 法定处罚 with, in the law's words
            expect(text).toContain('**法规库读出的罚则**');
            expect(text).toContain('- 第一款：并处罚款 10万元以上100万元以下；情节严重的：责令停产停业；情节严重的：责令关闭（措施：责令改正、责令限制生产、责令停产整治）');
        } finally {
            process.env.CHIDU_STATUTES_DIR = saved;
        }
    });
});

describe('hover on a look-back window (首次违法)', () => {
    const UPPER = `清单 「省清单」 { 类别 首违不罚清单 制定机关 「省局」 层级 省 施行日期 2022-01-01 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }
条目 1 { 违法行为 「某行为」 违反条款 《示例法》第一条 条件 同时满足 { 「初次违法」 「危害后果轻微」 「及时改正」 } 后果 可以不予处罚 }
条目 2 { 违法行为 「另一行为」 违反条款 《示例法》第二条 条件 同时满足 { 「首次违法」 「危害后果轻微」 「及时改正」 } 后果 可以不予处罚 回溯期 1年 }
`;
    const LOWER = `清单 「市清单」 { 类别 首违不罚清单 制定机关 「市局」 层级 市 施行日期 2022-06-01 上级 「省清单」 }
条目 1-1 细化 1 { 条件 同时满足 { 「两年内首次违法」 「危害后果轻微」 「及时改正」 } }
条目 2-1 细化 2 { 回溯期 3年 }
`;
    let f: Fixture;
    beforeAll(async () => {
        f = await fixture({ 'upper.chidu': UPPER, 'lower.chidu': LOWER });
    });

    it('the law\'s 初次违法 has no window: the strictest reading', async () => {
        const text = await hoverText(f, 'upper.chidu', '「初次违法」', 2);
        expect(text).toContain('不限期限');
        expect(text).toContain('最严');
    });

    it('两年内首次违法 under an upper 初次违法: looser than the upper entry, read from the text', async () => {
        const text = await hoverText(f, 'lower.chidu', '「两年内首次违法」', 2);
        expect(text).toContain('2年内（从条件文字读出）');
        expect(text).toContain('比法律原文「初次违法」宽');
        expect(text).toContain('宽于上级条目');
    });

    it('a longer 回溯期 than the upper entry narrows it', async () => {
        const text = await hoverText(f, 'lower.chidu', '3年', 0);
        expect(text).toContain('3年内（写在「回溯期」中）');
        expect(text).toContain('严于上级条目');
    });
});

describe('hover on typed conditions and facts', () => {
    const LIST = `清单 「区域清单」 { 类别 不予处罚清单 制定机关 「省局」 层级 省 施行日期 2022-01-01 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }
事实 「区域」 { 类型 枚举 取值 「一般区域」、「环境敏感区」、「饮用水水源保护区」 定义 「违法行为发生地的环境功能区类别」 }
条目 1 { 违法行为 「某行为」 违反条款 《示例法》第一条 条件 同时满足 { 「违法行为轻微」 「及时改正」 「没有造成危害后果」 「区域」 不为 「饮用水水源保护区」 「未在居民区附近」 } 后果 不予处罚 }
`;
    let f: Fixture;
    beforeAll(async () => {
        f = await fixture({ 'list.chidu': LIST });
    });

    it('a membership test lists the values that pass it, from the declared fact', async () => {
        const text = await hoverText(f, 'list.chidu', '「区域」 不为', 2);
        expect(text).toContain('满足本条件的取值：「一般区域」、「环境敏感区」');
        expect(text).toContain('声明于');
    });

    it('a text that names a circumstance of 《行政处罚法》 is that yes/no fact, with its article', async () => {
        const text = await hoverText(f, 'list.chidu', '「没有造成危害后果」', 2);
        expect(text).toContain('**情节** 「没有造成危害后果」');
        expect(text).toContain('《行政处罚法》第三十三条第一款');
    });

    it('free text says it is read by its words only', async () => {
        const text = await hoverText(f, 'list.chidu', '「未在居民区附近」', 2);
        expect(text).toContain('文字情形');
        expect(text).toContain('CD620');
    });

    it('a fact declaration shows its kind, values and definition', async () => {
        const text = await hoverText(f, 'list.chidu', '「区域」 {', 2);
        expect(text).toContain('事实「区域」：枚举');
        expect(text).toContain('违法行为发生地的环境功能区类别');
    });
});
