import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runChidu, tempDir as makeTempDir } from './helpers/run-cli.js';

const SHIPPED = path.resolve(REPO, '../shared/reference/statutes');

const chidu = (args: string[], env: Record<string, string> = {}) => runChidu(args, { env });

const tempDir = () => makeTempDir('chidu-statutes-');

// An item whose 法定处罚 contradicts 《大气污染防治法》第一百条 (二万元以上二十万元以下); the text is the real one.
const ITEM = [
    '基准 「某市基准」 { 制定机关 「某市生态环境局」 层级 市 施行日期 2022-01-01 }',
    '事项 DQ-100-1 「侵占、损毁大气环境质量监测设施」 {',
    '  违反条款 《大气污染防治法》第二十四条 处罚依据 《大气污染防治法》第一百条第（一）项',
    '  法定处罚 { 责令改正 罚款 二十万元以上三十万元以下 }',
    '}', ''
].join('\n');

describe('chidu statutes', () => {
    it('lists the shipped library: laws, versions, status and the penalty clauses read per law', () => {
        const text = chidu(['statutes']);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain('《大气污染防治法》 2018年修正（2018-10-26 起施行） 现行：129 条，罚则');
        const json = chidu(['statutes', '--format', 'json']);
        const listing = JSON.parse(json.stdout) as { rows: { law: string; penaltyClauses: number; certainClauses: number; origin: string }[] };
        expect(listing.rows.map(r => r.law).sort()).toEqual(fs.readdirSync(SHIPPED).filter(f => f.endsWith('.md')).map(f => f.replace(/\(.*$/, '')).sort());
        for (const row of listing.rows) {
            expect(row.origin).toBe('shipped');
            expect(row.certainClauses).toBeLessThanOrEqual(row.penaltyClauses);
        }
        expect(listing.rows.find(r => r.law === '大气污染防治法')!.certainClauses).toBeGreaterThan(20);
    });

    it('reads a workspace 法规 folder: its texts are listed and checked against, like the shipped ones', () => {
        // No shipped library at all: only the workspace's own folder (here a copy of the real 2018 text).
        const empty = tempDir();
        const workspace = tempDir();
        fs.writeFileSync(path.join(workspace, 'city.chidu'), ITEM);
        const env = { CHIDU_STATUTES_DIR: empty };

        const without = chidu(['validate', '--info', '--format', 'json', workspace], env);
        const codes = (JSON.parse(without.stdout) as { code: string }[]).map(d => d.code);
        expect(codes).toContain('CD706');
        expect(codes).not.toContain('CD700');

        fs.mkdirSync(path.join(workspace, '法规'));
        fs.copyFileSync(path.join(SHIPPED, '大气污染防治法(2018-10-26).md'), path.join(workspace, '法规', '大气污染防治法(2018-10-26).md'));
        const withFolder = chidu(['validate', workspace], env);
        expect(withFolder.code).toBe(1);
        expect(withFolder.stdout).toContain('错误 CD700 事项 DQ-100-1 的法定处罚「罚款 二十万元以上三十万元以下」与处罚依据不符：《大气污染防治法》第一百条「处二万元以上二十万元以下的罚款」');

        const listed = chidu(['statutes', workspace], env);
        expect(listed.stdout).toMatch(/^工作区法规：.*[\\/]法规$/m);
        expect(listed.stdout).toMatch(/《大气污染防治法》 2018年修正（2018-10-26 起施行） 现行 〔工作区〕：129 条/);
    });
});
