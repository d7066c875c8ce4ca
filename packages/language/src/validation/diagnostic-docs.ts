import { DIAGNOSTICS, type DiagnosticSpec } from './diagnostic-codes.js';

const SEVERITY: Record<DiagnosticSpec['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

/** docs/diagnostics.md, rendered from the registry (the single source of every code). */
export function renderDiagnosticCatalogue(): string {
    const entries = (Object.entries(DIAGNOSTICS) as [string, DiagnosticSpec][]).sort(([a], [b]) => a.localeCompare(b));
    const lines = [
        '# Chidu 诊断代码目录',
        '',
        '本页由 `packages/language/src/validation/diagnostic-codes.ts` 生成（`npm run docs`），请勿手工编辑。',
        '每个代码列出含义、法律依据、错误示例、正确示例和修改方法。',
        '',
        '**级别只有一条规则**：「错误」表示按文件处理的结果将违法，或与上级文件相抵触（发布时拒绝生成）；「警告」表示质量问题，',
        '或结论取决于对文字的理解——凡是 Chidu 无法证明的（例如下级条目改写了上级条件的措辞），只报警告，不报错误；「提示」只是信息。',
        '',
        '| 代码 | 级别 | 标题 |',
        '|---|---|---|',
        ...entries.map(([code, spec]) => `| [${code}](#${code.toLowerCase()}) | ${SEVERITY[spec.severity]} | ${spec.title} |`),
        ''
    ];
    for (const [code, spec] of entries) {
        lines.push(
            `## ${code}`,
            '',
            `**${spec.title}**（${SEVERITY[spec.severity]}）`,
            '',
            spec.description,
            '',
            '错误示例：',
            '',
            '```chidu',
            spec.bad,
            '```',
            '',
            '正确示例：',
            '',
            '```chidu',
            spec.good,
            '```',
            '',
            `修改方法：${spec.fix}`,
            ''
        );
    }
    return lines.join('\n');
}
