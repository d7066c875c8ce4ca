import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createChiduServices } from '../src/chidu-module.js';

const BENCHMARK = `基准 「机关测试基准」 { 制定机关 「某市市场监督管理局」 层级 市 施行日期 2022-01-01 }
事项 SP-126 「未按规定查验进货」 { 违反条款 《食品安全法》第五十三条 处罚依据 《食品安全法》第一百二十六条 法定处罚 { 责令改正 警告 } }`;
const EXEMPT = `清单 「首违不罚清单」 { 类别 首违不罚清单 制定机关 「某市市场监督管理局」 层级 市 施行日期 2022-01-01 基准 「机关测试基准」 }
条目 1 { 事项 SP-126 条件 同时满足 { 「两年内首次」 } 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 回溯期 2年 }`;
const aggravated = (code: string) => `清单 「从重清单」 { 类别 从重处罚清单 制定机关 「某市市场监督管理局」 层级 市 施行日期 2022-01-01 基准 「机关测试基准」 }
条目 1 { 事项 ${code} }`;

describe('incremental updates', () => {
    it('editing one list of an authority re-checks its other lists, which do not reference it', async () => {
        const { shared } = createChiduServices(EmptyFileSystem);
        const factory = shared.workspace.LangiumDocumentFactory;
        const documents = shared.workspace.LangiumDocuments;
        const uris = ['benchmark', 'exempt', 'aggravated'].map(name => URI.file(`/ws/${name}.chidu`));
        const texts = [BENCHMARK, EXEMPT, aggravated('SP-999')];
        const docs = uris.map((uri, i) => {
            const doc = factory.fromString(texts[i], uri);
            documents.addDocument(doc);
            return doc;
        });
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const codesOf = (uri: URI) => (documents.getDocument(uri)?.diagnostics ?? []).map(d => d.code);
        expect(codesOf(uris[1])).not.toContain('CD609');

        // The 从重 list now lists the same violation the 首违不罚 list exempts.
        shared.workspace.TextDocuments.set(TextDocument.create(uris[2].toString(), 'chidu', 2, aggravated('SP-126')));
        await shared.workspace.DocumentBuilder.update([uris[2]], []);
        expect(codesOf(uris[2])).toContain('CD609');
        expect(codesOf(uris[1])).toContain('CD609');
    });

    it('a document that takes, then gives up, the name of another re-checks that other one (CD210) and the documents naming it as 上级 (CD211)', async () => {
        const { shared } = createChiduServices(EmptyFileSystem);
        const factory = shared.workspace.LangiumDocumentFactory;
        const documents = shared.workspace.LangiumDocuments;
        const header = (name: string) => `基准 「${name}」 { 制定机关 「某局」 层级 市 施行日期 2022-01-01 }\n`;
        const [first, second, lower] = ['first', 'second', 'lower'].map(name => URI.file(`/ws/${name}.chidu`));
        const county = '基准 「某县基准」 { 制定机关 「某县局」 层级 县 施行日期 2022-06-01 上级 「某市基准」 }\n';
        const docs = [factory.fromString(header('某市基准'), first), factory.fromString(header('另一基准'), second), factory.fromString(county, lower)];
        docs.forEach(doc => documents.addDocument(doc));
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const codesOf = (uri: URI) => (documents.getDocument(uri)?.diagnostics ?? []).map(d => d.code);
        expect(codesOf(first)).toEqual([]);
        expect(codesOf(lower)).toEqual([]);

        shared.workspace.TextDocuments.set(TextDocument.create(second.toString(), 'chidu', 2, header('某市基准')));
        await shared.workspace.DocumentBuilder.update([second], []);
        expect(codesOf(second)).toEqual(['CD210']);
        expect(codesOf(first)).toEqual(['CD210']);
        expect(codesOf(lower)).toEqual(['CD211']);

        shared.workspace.TextDocuments.set(TextDocument.create(second.toString(), 'chidu', 3, header('改名后的基准')));
        await shared.workspace.DocumentBuilder.update([second], []);
        expect(codesOf(second)).toEqual([]);
        expect(codesOf(first)).toEqual([]);
        expect(codesOf(lower)).toEqual([]);
    });

    it('editing the facts an upper list declares re-reads them in the lower list, and a finding once per document stays after a relink', async () => {
        const { shared } = createChiduServices(EmptyFileSystem);
        const factory = shared.workspace.LangiumDocumentFactory;
        const documents = shared.workspace.LangiumDocuments;
        const upper = (values: string) => `清单 「省清单」 { 类别 不予处罚清单 制定机关 「省局」 层级 省 施行日期 2022-01-01 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }
事实 「区域」 { 类型 枚举 取值 ${values} }
`;
        const lower = `清单 「市清单」 { 类别 不予处罚清单 制定机关 「市局」 层级 市 施行日期 2022-06-01 上级 「省清单」 依据 《行政处罚法》第三十三条第一款 措施 责令改正、批评教育 }
条目 1 { 违法行为 「某行为」 违反条款 《某省条例》第一条 条件 同时满足 { 「违法行为轻微」 「及时改正」 「没有造成危害后果」 「区域」 为 「限批区」 } 后果 不予处罚 }
`;
        const [upperUri, lowerUri] = ['upper', 'lower'].map(name => URI.file(`/ws/${name}.chidu`));
        const docs = [factory.fromString(upper('「一般区域」、「限批区」'), upperUri), factory.fromString(lower, lowerUri)];
        docs.forEach(doc => documents.addDocument(doc));
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const codesOf = (uri: URI) => (documents.getDocument(uri)?.diagnostics ?? []).map(d => String(d.code)).sort();
        expect(codesOf(lowerUri)).toEqual(['CD706']);

        // The province drops 限批区: the city's condition now names a value the fact does not have.
        shared.workspace.TextDocuments.set(TextDocument.create(upperUri.toString(), 'chidu', 2, upper('「一般区域」')));
        await shared.workspace.DocumentBuilder.update([upperUri], []);
        expect(codesOf(lowerUri)).toEqual(['CD621', 'CD706']);
    });
});
