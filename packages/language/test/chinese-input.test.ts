import * as path from 'node:path';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, buildWorkspace, readFolder } from './helpers/workspace.js';

const toTraditional = Converter({ from: 'cn', to: 'tw' });

function summary(documents: Awaited<ReturnType<typeof buildWorkspace>>, withHints = false) {
    return documents.flatMap(d => (d.diagnostics ?? []).filter(x => withHints || x.severity !== 3).map(x =>
        `${path.basename(d.uri.path)}:${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.code} ${x.message}`)).sort();
}

describe('Chinese-native input', () => {
    it('a 繁體 copy of the real example validates identically to the 简体 one, with canonical names in messages', async () => {
        const simplified = readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-eco'));
        const traditional = Object.fromEntries(Object.entries(simplified).map(([file, text]) => [file, toTraditional(text)]));
        expect(traditional['province.chidu']).toContain('處罰依據');
        expect(traditional['province.chidu']).toContain('罰款');
        const expected = summary(await buildWorkspace(simplified), true);
        expect(summary(await buildWorkspace(traditional), true)).toEqual(expected);
    });

    it('reads traditional references, keywords and names as their simplified twins', async () => {
        const province = '基準 「廣東省測試基準」 { 制定機關 「廣東省生態環境廳」 層級 省 施行日期 2022-01-01 }\n' +
            '事項 HP-31-3 「未依法備案」 { 違反條款 《環境影響評價法》第三十一條第三款 處罰依據 《環境影響評價法》第三十一條第三款 法定處罰 { 責令備案 並處 罰款 五萬元以下 } 階次 從輕 { 罰款 一萬元以下 } 階次 從重 { 罰款 超過一萬元 五萬元以下 } }\n';
        const city = '基准 「市」 { 制定机关 「江门市生态环境局」 层级 市 施行日期 2022-03-01 上级 「广东省测试基准」 }\n' +
            '事项 JM-1 细化 HP-31-3 { 阶次 1 { 细化 从轻 罚款 二万元以下 } }\n';
        const documents = await buildWorkspace({ 'province.chidu': province, 'city.chidu': city });
        expect(summary(documents)).toEqual([
            expect.stringMatching(/^city\.chidu:.* CD502 /),
            expect.stringMatching(/^city\.chidu:.* CD401 市级阶次「1」罚款上限 2万元 超出上级（广东省生态环境厅）阶次「从轻」上限 1万元$/)
        ]);
    });

    it('accepts full-width digits and punctuation wherever half-width ones are', async () => {
        const text = (amounts: string) => '基准 「A」 { 制定机关 「x」 层级 省 施行日期 2022-01-01 }\n' +
            `事项 A-1 「x」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 ${amounts} } 阶次 1 { 罚款 按 货值金额 { 不足１万元 ： 五万元以上十万元以下 } } }\n`;
        const half = summary(await buildWorkspace({ 'a.chidu': text('按 货值金额 { 不足1万元 : 5万元以上10万元以下 }') }));
        const full = summary(await buildWorkspace({ 'a.chidu': text('按 货值金额 { 不足１万元 ： ５万元以上１０万元以下 }') }));
        expect(full).toEqual(half);
        expect(full).toEqual([]);
    });
});
