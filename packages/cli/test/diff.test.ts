import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { REPO, runChidu } from './helpers/run-cli.js';

// The old versions are the examples (real Guangdong and Jiangmen documents); the new versions under
// test/resources/diff/ are invented revisions of real shape, each file says what was changed and from where.
const RESOURCES = 'packages/cli/test/resources/diff';

const chidu = (args: readonly string[], cwd = REPO) => runChidu(args, { cwd });

interface Change { kind: string; item?: string; entry?: string; tiers?: { before: string[]; after: string[] }; before: string; after: string; note: string }
interface Impact { checked: string[]; introduced: { file: string; line: number; severity: string; code: string; message: string }[]; resolved: unknown[]; adoptions: { file: string; codes: string[] }[] }
interface Diff { kind: string; changes: Change[]; impact?: Impact }

function diffJson(args: string[]): Diff {
    const result = chidu(['diff', ...args, '--format', 'json', '--date', '2022-06-01']);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Diff;
}

describe('chidu diff: benchmarks', () => {
    const diff = diffJson(['examples/guangdong-eco/province.chidu', `${RESOURCES}/province-v2.chidu`]);

    it('finds the tier split: the old tier\'s range now holds two tiers', () => {
        const split = diff.changes.filter(c => c.kind === 'tier-split');
        expect(split).toHaveLength(1);
        expect(split[0]).toMatchObject({ item: 'HP-31-3', tiers: { before: ['限批区或环境敏感区'], after: ['限批区或环境敏感区', '造成较大以上突发环境事件'] } });
        expect(split[0]!.before).toContain('罚款三万元以上五万元以下');
        expect(split[0]!.after).toContain('罚款三万元以上四万元以下');
        expect(split[0]!.after).toContain('罚款四万元以上五万元以下');
    });

    it('finds the narrowed range, naming the part no longer included (read under the province\'s 以下不含本数)', () => {
        const narrowed = diff.changes.filter(c => c.kind === 'tier-narrowed');
        expect(narrowed).toEqual([expect.objectContaining({ item: 'HP-31-3', tiers: { before: ['一般区域逾期改正'], after: ['一般区域逾期改正'] } })]);
        expect(narrowed[0]!.note).toMatch(/幅度缩小.*不再包括原幅度中的 \[2万元, 3万元\)/);
    });

    it('reports nothing else: the other items are unchanged', () => {
        expect(diff.changes.map(c => c.kind).sort()).toEqual(['tier-narrowed', 'tier-split']);
        expect(diffJson(['examples/guangdong-eco/province.chidu', 'examples/guangdong-eco/province.chidu']).changes).toEqual([]);
    });

    it('with the lower documents (--with): the Jiangmen tiers the change now breaks, with their codes, exit 1', () => {
        const result = chidu(['diff', 'examples/guangdong-eco/province.chidu', `${RESOURCES}/province-v2.chidu`, '--with', 'examples/guangdong-eco', '--format', 'json', '--date', '2022-06-01']);
        expect(result.code).toBe(1);
        const impact = (JSON.parse(result.stdout) as Diff).impact!;
        expect(impact.checked).toEqual(['examples/guangdong-eco/county.chidu', 'examples/guangdong-eco/jiangmen.chidu', 'examples/guangdong-eco/list-jiangmen.chidu', 'examples/guangdong-eco/list-province.chidu']);
        expect(impact.introduced.map(f => [f.file, f.severity, f.code])).toEqual([
            ['examples/guangdong-eco/jiangmen.chidu', 'error', 'CD401'],
            ['examples/guangdong-eco/jiangmen.chidu', 'error', 'CD401'],
            ['examples/guangdong-eco/jiangmen.chidu', 'error', 'CD401']
        ]);
        expect(impact.introduced.map(f => f.message)).toEqual([
            expect.stringMatching(/阶次「2」罚款上限 2万元 超出上级.*「一般区域逾期改正」上限 2万元（不含）/),
            expect.stringMatching(/阶次「3」罚款上限 4万元 超出上级/),
            expect.stringMatching(/阶次「4」罚款上限 5万元 超出上级.*「限批区或环境敏感区」上限 4万元（不含）/)
        ]);
        expect(impact.resolved).toEqual([]);
    });

    it('prints a 新旧对照表 in Markdown and in HTML with 原条文 | 修改后 | 说明', () => {
        const markdown = chidu(['diff', 'examples/guangdong-eco/province.chidu', `${RESOURCES}/province-v2.chidu`, '--with', 'examples/guangdong-eco']);
        expect(markdown.stdout).toMatch(/^# 《广东省生态环境行政处罚自由裁量权裁量基准》新旧对照表/);
        expect(markdown.stdout).toContain('| 序号 | 原条文 | 修改后 | 说明 |');
        expect(markdown.stdout).toMatch(/\| 1 \| 事项 HP-31-3 阶次「限批区或环境敏感区」.*\| 阶次拆分/);
        expect(markdown.stdout).toMatch(/## 对下级文件的影响[\s\S]*新增 examples\/guangdong-eco\/jiangmen\.chidu:\d+:\d+: 错误 CD401/);
        const html = chidu(['diff', 'examples/guangdong-eco/province.chidu', `${RESOURCES}/province-v2.chidu`, '--format', 'html']);
        const $ = cheerio.load(html.stdout);
        expect($('thead th').map((_, th) => $(th).text()).get()).toEqual(['序号', '原条文', '修改后', '说明']);
        expect($('tbody tr').map((_, tr) => $(tr).attr('data-kind')).get()).toEqual(['tier-split', 'tier-narrowed']);
        expect($('tbody tr').first().children('td').eq(2).html()).toContain('<br>');
    });

    it('compares a file with its version in git (--git <rev>)', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-diff-git-'));
        const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
        git('init', '-q');
        git('config', 'user.email', 'test@example.invalid');
        git('config', 'user.name', 'test');
        fs.copyFileSync(path.join(REPO, 'examples/guangdong-eco/province.chidu'), path.join(dir, 'province.chidu'));
        git('add', 'province.chidu');
        expect(git('commit', '-qm', 'v1').status).toBe(0);
        fs.copyFileSync(path.join(REPO, RESOURCES, 'province-v2.chidu'), path.join(dir, 'province.chidu'));
        const result = chidu(['diff', 'province.chidu', '--git', 'HEAD', '--format', 'json'], dir);
        expect(result.code).toBe(0);
        const diff = JSON.parse(result.stdout) as Diff & { before: { source: string } };
        expect(diff.before.source).toBe('HEAD:province.chidu');
        expect(diff.changes.map(c => c.kind).sort()).toEqual(['tier-narrowed', 'tier-split']);
        const missing = chidu(['diff', 'province.chidu', '--git', 'no-such-rev'], dir);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/^chidu: 无法读取 province\.chidu 在 git 版本 no-such-rev 的内容/);
    });

    it('names a header change and refuses two documents of different kinds (exit 2)', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-diff-'));
        const text = fs.readFileSync(path.join(REPO, 'examples/guangdong-eco/province.chidu'), 'utf8')
            .replace('文号 「粤环发〔2021〕7号」', '文号 「粤环发〔2024〕1号」').replace('有效期 5年', '有效期 3年');
        fs.writeFileSync(path.join(dir, 'province.chidu'), text);
        const diff = diffJson(['examples/guangdong-eco/province.chidu', path.join(dir, 'province.chidu')]);
        expect(diff.changes).toEqual([
            expect.objectContaining({ kind: 'header', before: '文号：粤环发〔2021〕7号', after: '文号：粤环发〔2024〕1号', note: '文号修改' }),
            expect.objectContaining({ kind: 'header', before: '有效期：5年', after: '有效期：3年', note: '有效期修改' })
        ]);
        const mixed = chidu(['diff', 'examples/guangdong-eco/province.chidu', 'examples/guangdong-eco/list-province.chidu']);
        expect(mixed.code).toBe(2);
        expect(mixed.stderr).toMatch(/同一类文件/);
    });
});

describe('chidu diff: lists', () => {
    it('an entry made stricter by meaning: a narrower indicator and a longer look-back window; an entry added', () => {
        const diff = diffJson(['examples/guangdong-eco/list-jiangmen.chidu', `${RESOURCES}/list-jiangmen-v2.chidu`]);
        expect(diff.changes.map(c => [c.kind, c.entry])).toEqual([['entry-added', 'JM-2'], ['entry-stricter', 'JM-1']]);
        expect(diff.changes[1]!.note).toMatch(/指标「危险废物数量」由0\.1吨以下改为0\.05吨以下（范围缩小）/);
        expect(diff.changes[1]!.note).toMatch(/回溯期由2年内改为3年内/);
    });

    it('an entry made looser: a condition dropped', () => {
        const diff = diffJson(['examples/guangdong-eco/list-jiangmen.chidu', `${RESOURCES}/list-jiangmen-v3.chidu`]);
        expect(diff.changes).toEqual([expect.objectContaining({ kind: 'entry-looser', entry: 'JM-1', note: '放宽（适用范围扩大）；放宽：删除条件「危害后果轻微」' })]);
    });

    it('a reworded condition is a change whose direction is not proved, never called stricter or looser', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-diff-'));
        fs.writeFileSync(path.join(dir, 'list.chidu'), fs.readFileSync(path.join(REPO, 'examples/guangdong-eco/list-jiangmen.chidu'), 'utf8')
            .replace('「危害后果轻微」', '「未造成明显危害后果」'));
        const diff = diffJson(['examples/guangdong-eco/list-jiangmen.chidu', path.join(dir, 'list.chidu')]);
        expect(diff.changes).toEqual([expect.objectContaining({ kind: 'entry-changed', entry: 'JM-1' })]);
        expect(diff.changes[0]!.note).toMatch(/无法证明收紧或放宽/);
    });

    it('a change to an upper entry names the lower lists that apply it directly (直接适用)', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-diff-'));
        fs.writeFileSync(path.join(dir, 'list-province.chidu'), fs.readFileSync(path.join(REPO, 'examples/guangdong-eco/list-province.chidu'), 'utf8')
            .replace('回溯期 1年', '回溯期 2年').replace('「近一年内首次」', '「近两年内首次」'));
        const result = chidu(['diff', 'examples/guangdong-eco/list-province.chidu', path.join(dir, 'list-province.chidu'), '--with', 'examples/guangdong-eco', '--format', 'json', '--date', '2022-06-01']);
        const diff = JSON.parse(result.stdout) as Diff;
        expect(diff.changes.map(c => [c.kind, c.entry])).toEqual([['entry-changed', '6']]);
        expect(diff.changes[0]!.note).toMatch(/回溯期由1年内改为2年内/);
        expect(diff.impact!.adoptions).toEqual([{ file: 'examples/guangdong-eco/list-jiangmen.chidu', document: '江门市轻微环境违法行为清单（节选）', codes: ['条目 6'] }]);
    });
});
