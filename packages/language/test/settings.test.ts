import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { createChiduServices } from '../src/chidu-module.js';
import { ChiduSettings } from '../src/chidu-settings.js';
import type { Document } from '../src/generated/ast.js';

const TEXT = `基准 「设置测试」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 竞合 取重 }
事项 A-1 「某违法行为」 { 违反条款 《某法》第一条 处罚依据 《某法》第二条 法定处罚 { 罚款 五万元以上十万元以下 }
  阶次 从轻 { 罚款 五万元以上八万元以下 } }`;

describe('editor settings', () => {
    it('reads the chidu configuration section', () => {
        const settings = new ChiduSettings();
        settings.apply({ profile: '市场监管', boundary: '以上含本数 以下不含本数', excludedDomains: ['食品安全'] });
        expect(settings.defaultProfile).toBe('市场监管');
        expect(settings.defaultBoundary).toEqual({ atLeastClosed: true, atMostClosed: false });
        expect(settings.excludedDomains).toEqual(['食品安全']);
        settings.apply({ profile: null, boundary: '', excludedDomains: [] });
        expect([settings.defaultProfile, settings.defaultBoundary, settings.excludedDomains]).toEqual([undefined, undefined, undefined]);
    });

    it('a configured default profile applies to documents that declare none', async () => {
        const services = createChiduServices(EmptyFileSystem).Chidu;
        const parse = parseHelper<Document>(services);
        const codes = async () => ((await parse(TEXT, { validation: true })).diagnostics ?? []).map(d => d.code);
        expect(await codes()).not.toContain('CD310');
        services.settings.ChiduSettings.defaultProfile = '市场监管';
        expect(await codes()).toContain('CD310');
    });
});

describe('two workspaces with different settings in one process', () => {
    const PROVINCE = `基准 「省」 { 制定机关 「省厅」 层级 省 施行日期 2022-01-01 }
事项 A-1 「甲行为」 {
    违反条款 《示例法》第一条 处罚依据 《示例法》第九条
    法定处罚 { 罚款 一万元以上十万元以下 }
    阶次 「低档」 { 罚款 一万元以上四万元以下 }
    阶次 「高档」 { 罚款 四万元以上十万元以下 }
}
`;
    const CITY = `基准 「市」 { 制定机关 「市局」 层级 市 施行日期 2022-06-01 上级 「省」 边界 以上含本数 以下含本数 }
事项 B-1 细化 A-1 {
    阶次 1 { 细化 「低档」 罚款 一万元以上四万元以下 }
    阶次 2 { 细化 「高档」 罚款 四万元以上十万元以下 }
}
`;

    async function workspace(boundary: string | undefined) {
        const { shared, Chidu } = createChiduServices(EmptyFileSystem);
        Chidu.settings.ChiduSettings.apply(boundary ? { boundary } : {});
        const documents = Object.entries({ 'p.chidu': PROVINCE, 'c.chidu': CITY }).map(([name, text]) => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/workspace/${name}`));
            shared.workspace.LangiumDocuments.addDocument(document);
            return document;
        });
        return { shared, documents };
    }

    it('each reads its own default 边界 (the province declares none)', async () => {
        // Both service sets exist at once and are built interleaved: no default leaks from one to the other.
        const statutory = await workspace(undefined);
        const exclusive = await workspace('以上含本数 以下不含本数');
        await exclusive.shared.workspace.DocumentBuilder.build(exclusive.documents, { validation: true });
        await statutory.shared.workspace.DocumentBuilder.build(statutory.documents, { validation: true });
        const codes = (documents: LangiumDocument[]) => (documents[1]!.diagnostics ?? []).map(d => String(d.code));
        // Statutory reading: the province's 低档 is [1万元, 4万元], the city's tier 1 fits.
        expect(codes(statutory.documents)).not.toContain('CD401');
        // 以下不含本数 by default: the province's 低档 is [1万元, 4万元), the city's tier 1 (up to 4万元 inclusive) leaves it.
        expect(codes(exclusive.documents)).toContain('CD401');
    });
});
