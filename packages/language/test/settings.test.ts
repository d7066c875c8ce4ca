import { EmptyFileSystem } from 'langium';
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
