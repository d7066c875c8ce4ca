import { describe, expect, it } from 'vitest';
import { formatPretty, type ReportedDiagnostic } from '../src/report.js';

const DIAGNOSTIC: ReportedDiagnostic = {
    file: 'a.chidu', line: 2, column: 15, endLine: 2, endColumn: 26, severity: 'error', code: 'CD303', message: '罚款上限 30万元 超出法定上限 20万元'
};
const SOURCE = '基准 「A」 { }\n事项 A 「甲」 { 罚款 十万元以上三十万元以下 }\n';

describe('diagnostics on a terminal', () => {
    it('show the source line and a caret under the range, Chinese characters two columns wide', () => {
        const text = formatPretty(DIAGNOSTIC, { colour: false, source: () => SOURCE });
        expect(text.split('\n')).toEqual([
            'a.chidu:2:15: 错误 CD303 罚款上限 30万元 超出法定上限 20万元',
            '2 | 事项 A 「甲」 { 罚款 十万元以上三十万元以下 }',
            // 「事项 A 「甲」 { 罚款 」 is 15 characters, 21 columns wide; the range 「十万元以上三十万元以下」 is 11 characters, 22 columns
            `  | ${' '.repeat(21)}${'^'.repeat(22)}`
        ]);
    });

    it('are coloured only when asked (a terminal without NO_COLOR)', () => {
        expect(formatPretty(DIAGNOSTIC, { colour: true, source: () => SOURCE })).toMatch(/\x1b\[31m/);
        expect(formatPretty(DIAGNOSTIC, { colour: false, source: () => SOURCE })).not.toMatch(/\x1b\[/);
    });

    it('without the source, the line alone', () => {
        expect(formatPretty(DIAGNOSTIC, { colour: false, source: () => undefined })).toBe('a.chidu:2:15: 错误 CD303 罚款上限 30万元 超出法定上限 20万元');
    });
});
