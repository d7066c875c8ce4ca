import { describe, expect, it } from 'vitest';
import { generateWorkspace, optionsForTotal } from '../src/generator.js';
import { mostRefinedProvinceItem, target } from '../src/targets.js';

describe('issue 16 targets', () => {
    it('sets the measured value beside the goal, and says why a target was not measured', () => {
        expect(target('cold validate, wall', 2500, 'ms', 2000)).toEqual({ label: 'cold validate, wall', value: 2500, unit: 'ms', goal: '≤ 2,000 ms', meets: false, note: undefined });
        expect(target('pipeline / parse', 1.5, '×', 2).goal).toBe('≤ 2×');
        expect(target('x', 100, 'ms', 2000, { applies: false, note: 'measured on 600 items' })).toMatchObject({ meets: undefined, note: 'measured on 600 items' });
        expect(target('x', undefined, 'ms', 1000, { note: 'no such edit' })).toMatchObject({ value: undefined, meets: undefined, note: 'not measured: no such edit' });
    });

    it('counts the lower items that refine a province item, directly or through a city item', () => {
        const files = [
            { path: 'province.chidu', text: '事项 P-1 「甲」 {\n}\n事项 P-2 「乙」 {\n}\n' },
            { path: 'cities/a.chidu', text: '事项 A-1 「甲」 细化 P-1 {\n}\n事项 A-2 「乙」 细化 P-2 {\n}\n' },
            { path: 'counties/b.chidu', text: '事项 B-1 「甲」 细化 A-1 {\n}\n事项 B-2 「甲」 细化 P-1 {\n}\n' }
        ];
        expect(mostRefinedProvinceItem(files, 'province.chidu')).toEqual({ code: 'P-1', refiners: 3 });
        const generated = generateWorkspace({ ...optionsForTotal(150), defects: 0 });
        expect(mostRefinedProvinceItem(generated.files, 'province.chidu').refiners).toBeGreaterThan(0);
    });
});
