import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChiduSettings } from '../src/chidu-settings.js';
import { WORKSPACE_FILE_SCHEMA, applyWorkspaceDefaults, findWorkspaceFile, readWorkspaceFile } from '../src/workspace/workspace-file.js';
import { REPO_ROOT } from './helpers/workspace.js';

const RESOURCES = path.join(__dirname, 'resources', 'workspace-files');

describe('the workspace file chidu.json', () => {
    const files = fs.readdirSync(RESOURCES).filter(f => f.endsWith('.json')).sort();

    it.each(files.filter(f => f.startsWith('good-')))('%s: no problem (no CD130)', file => {
        const result = readWorkspaceFile(path.join(RESOURCES, file));
        expect(result.problems).toEqual([]);
        expect(result.config).toBeDefined();
    });

    it.each(files.filter(f => f.startsWith('bad-')))('%s: error CD130 at the line and column of the JSON problem', file => {
        const expected = fs.readFileSync(path.join(RESOURCES, file.replace(/\.json$/, '.expected')), 'utf8').trim().split('\n');
        const { config, problems } = readWorkspaceFile(path.join(RESOURCES, file));
        expect(config).toBeUndefined();
        expect(problems.map(p => p.code)).toEqual(expected.map(() => 'CD130'));
        expect(problems.every(p => p.severity === 'error')).toBe(true);
        expected.forEach((line, i) => {
            const [, position, words] = /^(\d+:\d+) (.*)$/.exec(line)!;
            expect(`${problems[i]!.line}:${problems[i]!.column}`, problems[i]!.message).toBe(position);
            expect(problems[i]!.message).toContain(words);
        });
    });

    it('reads paths relative to the file, and a missing file is no problem', () => {
        const { config } = readWorkspaceFile(path.join(RESOURCES, 'good-full.json'));
        expect(config!.upperFolders).toEqual([path.resolve(RESOURCES, '../省级'), path.resolve(RESOURCES, '../市级')]);
        expect(config!.outDir).toBe(path.resolve(RESOURCES, 'out/chidu'));
        expect(config!.referenceDate).toBe('2025-06-01');
        expect(readWorkspaceFile(path.join(RESOURCES, 'none.json'))).toEqual({ problems: [] });
    });

    it('its defaults apply where the editor leaves a setting empty, and the editor setting wins', () => {
        const settings = new ChiduSettings();
        applyWorkspaceDefaults(settings, readWorkspaceFile(path.join(RESOURCES, 'good-full.json')).config);
        expect(settings.defaultBoundary).toEqual({ atLeastClosed: true, atMostClosed: false });
        expect(settings.defaultProfile).toBe('广东生态环境');
        expect(settings.excludedDomains).toEqual(['公共安全']);
        expect(settings.referenceDate).toBe('2025-06-01');
        settings.apply({ boundary: '以上含本数 以下含本数', profile: null, excludedDomains: [] });
        expect(settings.defaultBoundary).toEqual({ atLeastClosed: true, atMostClosed: true });
        expect(settings.defaultProfile).toBe('广东生态环境');
    });

    it('is found in the folder of a path or above it', () => {
        expect(findWorkspaceFile(path.join(REPO_ROOT, 'examples', 'guangdong-eco'))).toBeUndefined();
    });

    it('the committed schema is the one the loader checks against (run `npm run docs` after changing it)', () => {
        const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages', 'language', 'chidu-workspace.schema.json'), 'utf8')) as unknown;
        expect(committed).toEqual(JSON.parse(JSON.stringify(WORKSPACE_FILE_SCHEMA)));
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages', 'extension', 'package.json'), 'utf8')) as
            { contributes: { jsonValidation: { fileMatch: string[]; url: string }[] } };
        expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: ['chidu.json', '尺度.json'], url: './schemas/chidu-workspace.schema.json' }]);
    });
});
