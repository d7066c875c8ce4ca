import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { parseStringPromise } from 'xml2js';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '@chidu/language';
import { readTree, REPO, runChidu, tempDir as makeTempDir } from './helpers/run-cli.js';

// Outputs for pipelines (issue 15, section 3): SARIF, JUnit and GitHub annotations of `chidu validate`,
// suppressions as a pipeline sees them, and the build manifest. Real CLI runs on the real examples, and
// on small invented workspaces where a case needs a defect (said so where they are written).

const EXAMPLES = ['examples/guangdong-eco', 'examples/guangdong-market'];
const DATE = ['--date', '2024-06-01'];

const chidu = (args: readonly string[], cwd = REPO) => runChidu(args, { cwd });

const tempDir = () => makeTempDir('chidu-pipeline-');


/** The official SARIF 2.1.0 schema (rtm.5), as @microsoft/jest-sarif ships it; draft-04 with uri/date-time formats. */
function sarifValidator() {
    const schemaFile = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    // The schema's language pattern is not valid with the u flag (a stray `]`), so patterns are compiled without it.
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    ajvFormats.default(ajv);
    return ajv.compile(schema);
}

/** An invented city benchmark with a real-shaped defect set: a tier gap (CD502 warning), one suppressed overlap. */
const CITY = `基准 「流水线测试基准」 { 制定机关 「某市生态环境局」 层级 市 施行日期 2022-01-01 边界 以上含本数 以下含本数 }
事项 1-2 「未依法备案建设项目环境影响登记表」 {
  违反条款 《环境影响评价法》第三十一条第三款 处罚依据 《环境影响评价法》第三十一条第三款
  法定处罚 { 责令备案 并处 罚款 五万元以下 }
  阶次 1 { 罚款 一万元以下 }
  // 尺度：忽略 CD501 「照录原文：第十四条规定就高适用」
  阶次 2 { 罚款 一万元以上二万元以下 }
  阶次 3 { 罚款 三万元以上五万元以下 }
}
`;

/** A workspace folder that is a repository (holds .git), with the files given. */
function repository(files: Record<string, string>): string {
    const root = tempDir();
    fs.mkdirSync(path.join(root, '.git'));
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    }
    return root;
}

interface SarifResult {
    ruleId: string; ruleIndex?: number; level: string; message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
    suppressions?: { kind: string; justification: string }[];
}

describe('chidu validate --format sarif', () => {
    const validate = sarifValidator();

    it('is valid SARIF 2.1.0 on the examples: every registered code a rule with Chinese help and a link into the catalogue', () => {
        const run = chidu(['validate', ...EXAMPLES, '--format', 'sarif', ...DATE]);
        expect(run.code).toBe(0);
        const log = JSON.parse(run.stdout);
        expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
        expect(log.version).toBe('2.1.0');
        const driver = log.runs[0].tool.driver;
        expect(driver.name).toBe('chidu');
        expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(Object.keys(DIAGNOSTICS).sort());
        const cd401 = driver.rules.find((r: { id: string }) => r.id === 'CD401');
        expect(cd401.shortDescription.text).toBe(DIAGNOSTICS.CD401.title);
        expect(cd401.fullDescription.text).toBe(DIAGNOSTICS.CD401.description);
        expect(cd401.help.text).toContain(`修改方法：${DIAGNOSTICS.CD401.fix}`);
        expect(cd401.defaultConfiguration.level).toBe('error');
        // The anchor exists in the catalogue: its heading is `## CD401`.
        expect(cd401.helpUri).toMatch(/\/docs\/diagnostics\.md#cd401$/);
        const catalogue = fs.readFileSync(fileURLToPath(cd401.helpUri.replace(/#.*$/, '')), 'utf8');
        expect(catalogue).toContain('\n## CD401\n');
        // Results: the examples' real warnings (expiry of the 2020 Jiangmen table and others), located, relative to the root.
        const results = log.runs[0].results as SarifResult[];
        expect(results.length).toBeGreaterThan(0);
        expect(log.runs[0].originalUriBaseIds.WORKSPACE.uri).toBe(`file://${REPO}/`);
        for (const result of results) {
            const location = result.locations[0]!.physicalLocation;
            expect(location.artifactLocation.uriBaseId).toBe('WORKSPACE');
            expect(location.artifactLocation.uri).toMatch(/^examples\/guangdong-(eco|market)\/[a-z-]+\.chidu$/);
            expect(location.region.startLine).toBeGreaterThan(0);
            expect(driver.rules[result.ruleIndex!].id).toBe(result.ruleId);
        }
        expect(results.some(r => r.ruleId === 'CD330' && r.level === 'warning' && r.locations[0]!.physicalLocation.artifactLocation.uri === 'examples/guangdong-eco/jiangmen.chidu')).toBe(true);
    });

    it('carries suppressed findings with kind inSource and the reason, and errors with level error', () => {
        const root = repository({ 'benchmarks/city.chidu': CITY.replace('罚款 三万元以上五万元以下', '罚款 三万元以上六万元以下') });
        const run = chidu(['validate', 'benchmarks', '--format', 'sarif', ...DATE], root);
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout);
        expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
        const results = log.runs[0].results as SarifResult[];
        const suppressed = results.find(r => r.ruleId === 'CD501')!;
        expect(suppressed.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: '照录原文：第十四条规定就高适用' }]);
        expect(suppressed.level).toBe('warning');
        expect(suppressed.locations[0]!.physicalLocation).toEqual({
            artifactLocation: { uri: 'benchmarks/city.chidu', uriBaseId: 'WORKSPACE' },
            region: { startLine: 7, startColumn: 10, endLine: 7, endColumn: 23 }
        });
        const error = results.find(r => r.ruleId === 'CD303')!;
        expect(error.level).toBe('error');
        expect(error.suppressions).toBeUndefined();
        expect(results.find(r => r.ruleId === 'CD502')!.level).toBe('warning');
    });
});

describe('suppressions as a pipeline sees them', () => {
    it('a suppressed warning is reported with its reason in JSON and does not fail --strict', () => {
        const root = repository({ 'city.chidu': CITY.replace('罚款 三万元以上五万元以下', '罚款 二万元以上五万元以下') });
        const json = chidu(['validate', '.', '--format', 'json', '--strict', ...DATE], root);
        const diagnostics = (JSON.parse(json.stdout) as { code: string; severity: string; suppressed?: { reason: string } }[]).filter(d => d.severity !== 'info');
        // Tiers 2 and 3 also meet at 2万元: that overlap is on line 8, not covered by the comment above line 7.
        expect(diagnostics.map(d => [d.code, d.severity, d.suppressed?.reason ?? null])).toEqual([
            ['CD501', 'warning', '照录原文：第十四条规定就高适用'],
            ['CD501', 'warning', null]
        ]);
        expect(json.code).toBe(1);
        const fixed = repository({ 'city.chidu': CITY.replace('罚款 三万元以上五万元以下', '罚款 二万元以上五万元以下').replace('  阶次 3', '  // 尺度：忽略 CD501 「同上」\n  阶次 3') });
        const strict = chidu(['validate', '.', '--strict', ...DATE], fixed);
        expect(strict.code).toBe(0);
        expect(strict.stdout).toBe('');
        expect(strict.stderr).toContain('0 个错误，0 个警告，1 个提示，2 个已忽略');
        expect(chidu(['validate', '.', '--info', ...DATE], fixed).stdout).toMatch(/city\.chidu:7:10: 已忽略的警告 CD501 .*（理由：照录原文：第十四条规定就高适用）/);
    });
});

describe('chidu validate --format junit', () => {
    it('one testsuite per file, one testcase per check, a failure per failing check; parsed back as XML', async () => {
        const root = repository({
            'a/city.chidu': CITY.replace('罚款 三万元以上五万元以下', '罚款 三万元以上六万元以下'),
            'a/ok.chidu': '基准 「无事项」 { 制定机关 「某局」 层级 省 施行日期 2022-01-01 }\n'
        });
        const run = chidu(['validate', 'a', '--format', 'junit', ...DATE], root);
        expect(run.code).toBe(1);
        const xml = await parseStringPromise(run.stdout, { strict: true });
        const suites = xml.testsuites.testsuite as { $: Record<string, string>; testcase: { $: Record<string, string>; failure?: { _: string; $: Record<string, string> }[]; 'system-out'?: string[] }[] }[];
        expect(suites.map(s => s.$.name)).toEqual(['a/city.chidu', 'a/ok.chidu']);
        const codes = Object.keys(DIAGNOSTICS).length;
        expect(xml.testsuites.$.tests).toBe(String(2 * codes));
        expect(xml.testsuites.$.failures).toBe('1');
        const [city, ok] = suites;
        expect(city!.testcase).toHaveLength(codes);
        expect(city!.$.failures).toBe('1');
        const failed = city!.testcase.filter(t => t.failure);
        expect(failed.map(t => t.$.name)).toEqual([`CD303 ${DIAGNOSTICS.CD303.title}`]);
        expect(failed[0]!.failure![0]!._).toMatch(/^a\/city\.chidu:8:\d+: 错误 CD303 .*上限 6万元/);
        const overlap = city!.testcase.find(t => t.$.name.startsWith('CD501 '))!;
        expect(overlap['system-out']![0]).toContain('已忽略的警告 CD501');
        expect(ok!.$.failures).toBe('0');
        expect(ok!.testcase.every(t => !t.failure)).toBe(true);
        // Under --strict the warning (the tier gap, CD502) fails its testcase too.
        const strict = await parseStringPromise(chidu(['validate', 'a', '--format', 'junit', '--strict', ...DATE], root).stdout, { strict: true });
        expect(strict.testsuites.testsuite[0].testcase.filter((t: { failure?: unknown }) => t.failure).map((t: { $: { name: string } }) => t.$.name.slice(0, 5)))
            .toEqual(['CD303', 'CD502']);
    });
});

describe('chidu validate --format github', () => {
    it('one workflow command per finding, with file, line, col, endLine, title; properties and data escaped', () => {
        // A file name with the characters workflow commands reserve, and a name with % in the message.
        const root = repository({ 'a,b:c%.chidu': '基准 「A%率」 { 层级 省 }\n', 'city.chidu': CITY.replace('罚款 三万元以上五万元以下', '罚款 二万元以上五万元以下') });
        const run = chidu(['validate', '.', '--format', 'github', ...DATE], root);
        expect(run.code).toBe(1);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toEqual([
            `::error file=a%2Cb%3Ac%25.chidu,line=1,col=4,endLine=1,endColumn=9,title=CD101 ${DIAGNOSTICS.CD101.title}::基准「A%25率」缺少制定机关、施行日期`,
            expect.stringMatching(/^::warning file=city\.chidu,line=8,col=\d+,endLine=8,endColumn=\d+,title=CD501 阶次重叠::阶次「3」与阶次「2」的罚款在 \{2万元\} 重叠/)
        ]);
    });
});

describe('pipeline file names do not depend on the current directory', () => {
    it('sarif, junit and github name files relative to the repository from any cwd; --root overrides', () => {
        const root = repository({ 'sub/city.chidu': CITY });
        const fromRoot = chidu(['validate', 'sub', '--format', 'github', ...DATE], root);
        const fromElsewhere = chidu(['validate', path.join(root, 'sub'), '--format', 'github', ...DATE], os.tmpdir());
        const fromInside = chidu(['validate', '.', '--format', 'github', ...DATE], path.join(root, 'sub'));
        expect(fromRoot.stdout).toContain('file=sub/city.chidu,');
        expect(fromElsewhere.stdout).toBe(fromRoot.stdout);
        expect(fromInside.stdout).toBe(fromRoot.stdout);
        const withRoot = chidu(['validate', '.', '--format', 'github', '--root', '.', ...DATE], path.join(root, 'sub'));
        expect(withRoot.stdout).toContain('file=city.chidu,');
        const outside = chidu(['validate', root, '--format', 'github', '--root', path.join(root, 'sub')], os.tmpdir());
        expect(outside.code).toBe(2);
        expect(outside.stderr).toContain('不在 --root');
    });
});

interface ManifestEntry { path: string; source: string; kind: string; name: string; effectiveFrom: string | null; sha256: string; bytes: number }

describe('chidu build: the manifest index.json', () => {
    it('lists every output of the examples with its source, kind, name, 施行日期 and sha256 of its bytes', () => {
        const out = path.join(tempDir(), 'out');
        const run = chidu(['build', ...EXAMPLES, '--out', out, ...DATE]);
        expect(run.code).toBe(0);
        const tree = readTree(out);
        const manifest = JSON.parse(tree['index.json']!) as { format: string; outputs: ManifestEntry[] };
        expect(manifest.format).toBe('chidu-build-manifest');
        expect(manifest.outputs.map(o => o.path)).toEqual(Object.keys(tree).filter(f => f.endsWith('.json') && f !== 'index.json').sort());
        for (const entry of manifest.outputs) {
            const content = tree[entry.path]!;
            expect(entry.sha256).toBe(createHash('sha256').update(content, 'utf8').digest('hex'));
            expect(entry.bytes).toBe(Buffer.byteLength(content, 'utf8'));
            const json = JSON.parse(content);
            expect(entry.source).toBe(json.document.source.file);
            expect(fs.existsSync(path.join(REPO, entry.source))).toBe(true);
            expect(entry.name).toBe(json.document.name);
            expect(entry.effectiveFrom).toBe(json.document.effectiveFrom);
            expect(entry.kind).toBe(json.format === 'chidu-effective-benchmark' ? 'benchmark' : 'exemption-list');
        }
        const jiangmen = manifest.outputs.find(o => o.path === 'examples/guangdong-eco/jiangmen.json')!;
        expect(jiangmen).toMatchObject({ source: 'examples/guangdong-eco/jiangmen.chidu', kind: 'benchmark', name: '江门市生态环境行政处罚自由裁量权裁量标准', effectiveFrom: '2020-03-01' });
    });

    it('outputs of a deleted document are gone from the tree and from the manifest after the next build', () => {
        const root = repository({ 'a/one.chidu': CITY.replace('流水线测试基准', '一号'), 'a/two.chidu': CITY.replace('流水线测试基准', '二号') });
        const out = path.join(root, 'out', 'site');
        expect(chidu(['build', 'a', '--out', out, ...DATE], root).code).toBe(0);
        expect(Object.keys(readTree(out)).sort()).toEqual(['.chidu-build', 'a/one.json', 'a/two.json', 'index.json']);
        fs.rmSync(path.join(root, 'a/two.chidu'));
        expect(chidu(['build', 'a', '--out', out, ...DATE], root).code).toBe(0);
        const tree = readTree(out);
        expect(Object.keys(tree).sort()).toEqual(['.chidu-build', 'a/one.json', 'index.json']);
        expect(JSON.parse(tree['index.json']!).outputs.map((o: ManifestEntry) => o.path)).toEqual(['a/one.json']);
    });

    it('paths and source.file are the same from another cwd and with an extra folder passed', () => {
        const root = repository({ 'eco/city.chidu': CITY, 'market/other.chidu': CITY.replace('流水线测试基准', '另一基准') });
        const first = path.join(tempDir(), 'out');
        const second = path.join(tempDir(), 'out');
        const third = path.join(tempDir(), 'out');
        expect(chidu(['build', 'eco', '--out', first, ...DATE], root).code).toBe(0);
        expect(chidu(['build', path.join(root, 'eco'), '--out', second, ...DATE], os.tmpdir()).code).toBe(0);
        expect(chidu(['build', 'city.chidu', '--out', path.relative(path.join(root, 'eco'), third), ...DATE], path.join(root, 'eco')).code).toBe(0);
        const one = readTree(first);
        expect(readTree(second)).toEqual(one);
        expect(readTree(third)).toEqual(one);
        expect(JSON.parse(one['eco/city.json']!).document.source.file).toBe('eco/city.chidu');
        const extra = path.join(tempDir(), 'out');
        expect(chidu(['build', 'eco', 'market', '--out', extra, ...DATE], root).code).toBe(0);
        const both = readTree(extra);
        expect(Object.keys(both).sort()).toEqual(['.chidu-build', 'eco/city.json', 'index.json', 'market/other.json']);
        expect(both['eco/city.json']).toBe(one['eco/city.json']);
    });

    it('without a repository the given folders are the root, said in a note; --root makes it explicit', () => {
        const root = tempDir();
        fs.mkdirSync(path.join(root, 'eco'));
        fs.writeFileSync(path.join(root, 'eco', 'city.chidu'), CITY);
        const out = path.join(tempDir(), 'out');
        const guessed = chidu(['build', 'eco', '--out', out, ...DATE], root);
        expect(guessed.code).toBe(0);
        expect(guessed.stderr).toContain('未找到工作区根目录');
        expect(Object.keys(readTree(out))).toContain('city.json');
        const explicit = chidu(['build', 'eco', '--root', '.', '--out', out, ...DATE], root);
        expect(explicit.code).toBe(0);
        expect(explicit.stderr).not.toContain('未找到工作区根目录');
        expect(Object.keys(readTree(out)).sort()).toEqual(['.chidu-build', 'eco/city.json', 'index.json']);
    });

    it('build --format json prints the manifest\'s outputs and the diagnostics on stdout; on an error ok is false', () => {
        const root = repository({ 'eco/city.chidu': CITY });
        const out = path.join(tempDir(), 'out');
        const run = chidu(['build', 'eco', '--out', out, '--format', 'json', ...DATE], root);
        expect(run.code).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report).toMatchObject({ format: 'chidu-build-report', ok: true, files: 1 });
        expect(report.outputs).toEqual(JSON.parse(fs.readFileSync(path.join(out, 'index.json'), 'utf8')).outputs);
        expect(report.diagnostics.filter((d: { severity: string }) => d.severity !== 'info')
            .map((d: { code: string; suppressed?: unknown }) => [d.code, d.suppressed !== undefined]).sort()).toEqual([['CD501', true], ['CD502', false]]);
        fs.writeFileSync(path.join(root, 'eco', 'bad.chidu'), '基准 「坏」 { 层级 省 }\n');
        const failed = chidu(['build', 'eco', '--out', out, '--format', 'json', ...DATE], root);
        expect(failed.code).toBe(1);
        const refused = JSON.parse(failed.stdout);
        expect(refused.ok).toBe(false);
        expect(refused.outputs).toEqual([]);
        expect(refused.diagnostics.some((d: { code: string }) => d.code === 'CD101')).toBe(true);
    });

    it('refuses a source whose output would be the manifest itself (index.chidu at the root)', () => {
        const root = repository({ 'index.chidu': CITY });
        const run = chidu(['build', '.', '--out', path.join(tempDir(), 'out'), ...DATE], root);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('index.chidu 的输出 index.json 与构建清单同名');
    });
});
