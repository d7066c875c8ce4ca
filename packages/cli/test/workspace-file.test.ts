import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runChidu } from './helpers/run-cli.js';


const chidu = (cwd: string, ...args: string[]) => runChidu(args, { cwd, env: { NO_COLOR: '' } });

/** A workspace as a legal officer keeps it: the real province and city files in 上级/, the county file in 县/. */
function workspace(config: string | undefined): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-ws-'));
    fs.mkdirSync(path.join(dir, '上级'));
    fs.mkdirSync(path.join(dir, '县'));
    for (const name of ['province.chidu', 'jiangmen.chidu']) {
        fs.copyFileSync(path.join(REPO, 'examples/guangdong-eco', name), path.join(dir, '上级', name));
    }
    fs.copyFileSync(path.join(REPO, 'examples/guangdong-eco/county.chidu'), path.join(dir, '县', 'county.chidu'));
    if (config !== undefined) fs.writeFileSync(path.join(dir, 'chidu.json'), config);
    return dir;
}

describe('chidu reads the workspace file', () => {
    it('without chidu.json, `validate 县/` cannot find the upper documents', () => {
        const result = chidu(workspace(undefined), 'validate', '县', '--date', '2022-06-01');
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/CD201/);
    });

    it('with 上级目录, `validate 县/` finds the city and the province and reports only the county file', () => {
        const dir = workspace('{ "上级目录": ["上级"], "校验日期": "2022-06-01" }\n');
        const result = chidu(dir, 'validate', '县');
        expect(result.stdout.split('\n').filter(l => / 错误 | 警告 /.test(l))).toEqual([]);
        expect(result.code).toBe(0);
        expect(result.stderr).toMatch(/^1 个文件，0 个错误，0 个警告/m);
    });

    it('the command line overrides it (--date over 校验日期)', () => {
        const dir = workspace('{ "上级目录": ["上级"], "校验日期": "2022-06-01" }\n');
        const result = chidu(dir, 'validate', '县', '--date', '2024-06-01');
        expect(result.stdout).toMatch(/CD330 .*已于 2023-01-01 失效（校验日期 2024-06-01）/);
    });

    it('build writes to its 输出目录 when --out is not given, and only the county file', () => {
        const dir = workspace('{ "上级目录": ["上级"], "校验日期": "2022-06-01", "输出目录": "发布" }\n');
        const result = chidu(dir, 'build', '县');
        expect(result.code).toBe(0);
        expect(fs.readdirSync(path.join(dir, '发布')).filter(f => f.endsWith('.json') && f !== 'index.json')).toEqual(['county.json']);
    });

    it('a malformed chidu.json is a located CD130 error and nothing is validated (exit 2)', () => {
        const dir = workspace('{\n  "上级目录": ["上级"]\n  "校验日期": "2022-06-01"\n}\n');
        const result = chidu(dir, 'validate', '县');
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^chidu\.json:3:3: 错误 CD130 工作区文件不是合法的 JSON：此处缺少逗号/m);
        expect(result.stdout).toBe('');
    });

    it('an unknown key or value names the valid ones', () => {
        const dir = workspace('{ "上级目录": ["上级"], "档次规则": "市场" }\n');
        const result = chidu(dir, 'validate', '县');
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/chidu\.json:1:27: 错误 CD130 「档次规则」不是可选的值；可选：市场监管、广东生态环境、广州卫生/);
    });

    it('尺度.json is read like chidu.json', () => {
        const dir = workspace(undefined);
        fs.writeFileSync(path.join(dir, '尺度.json'), '{ "上级目录": ["上级"], "校验日期": "2022-06-01" }\n');
        expect(chidu(dir, 'validate', '县').code).toBe(0);
    });
});

describe('the command line for a person', () => {
    it('--version prints the version', () => {
        const result = chidu(REPO, '--version');
        expect(result.code).toBe(0);
        expect(result.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'packages/cli/package.json'), 'utf8')).version);
    });

    it('a non-.chidu path gets a clear Chinese message (exit 2)', () => {
        const result = chidu(REPO, 'validate', 'README.md');
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/README\.md 不是尺度文件：chidu 只校验 \.chidu 文件/);
        expect(result.stderr).not.toMatch(/内部错误|Error/);
        expect(chidu(REPO, 'validate', 'examples/import/jiangmen-mapping.json').stderr).toMatch(/不是尺度文件/);
    });

    it('an impossible --date is refused (exit 2)', () => {
        const result = chidu(REPO, 'validate', 'examples/guangdong-eco', '--date', '2026-13-45');
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/--date 不是真实存在的日期：2026-13-45/);
    });

    it('piped output is plain: no colour, no excerpt', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidu-plain-'));
        fs.writeFileSync(path.join(dir, 'a.chidu'), '基准 「A」 { 层级 省 }\n');
        const result = chidu(dir, 'validate', 'a.chidu');
        expect(result.stdout).toBe('a.chidu:1:4: 错误 CD101 基准「A」缺少制定机关、施行日期\n');
    });
});
