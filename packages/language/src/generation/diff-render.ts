import type { DocumentDiff } from './document-diff.js';
import { escapeHtml } from './publish-html.js';

/** A diagnostic a lower document newly gets under the new version of its upper document. */
export interface ImpactFinding {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: 'error' | 'warning' | 'info' | 'hint';
    readonly code: string;
    readonly message: string;
}

/** The effect of the change on the lower documents checked with it (`chidu diff --with`). */
export interface DiffImpact {
    /** The files checked with both versions. */
    readonly checked: readonly string[];
    /** Diagnostics present with the new version and absent with the old one. */
    readonly introduced: readonly ImpactFinding[];
    /** Diagnostics present with the old version and gone with the new one. */
    readonly resolved: readonly ImpactFinding[];
    /** Lower documents that apply a changed item or entry directly (直接适用): they take the change unchanged. */
    readonly adoptions: readonly { readonly file: string; readonly document: string; readonly codes: readonly string[] }[];
}

const SEVERITY: Record<ImpactFinding['severity'], string> = { error: '错误', warning: '警告', info: '提示', hint: '提示' };

function findingText(f: ImpactFinding): string {
    return `${f.file}:${f.line}:${f.column}: ${SEVERITY[f.severity]} ${f.code} ${f.message}`;
}

function title(diff: DocumentDiff): string {
    return `《${diff.after.name}》新旧对照表`;
}

function cellMarkdown(text: string): string {
    return escapeHtml(text).replace(/\|/g, '\\|').replace(/\n/g, '<br>') || ' ';
}

/** The 新旧对照表 in Markdown: 原条文 | 修改后 | 说明, then the impact on the lower documents. */
export function diffMarkdown(diff: DocumentDiff, impact?: DiffImpact): string {
    const lines = [`# ${title(diff)}`, '', `原版本：${diff.before.source}\u3000修改后：${diff.after.source}`, ''];
    if (diff.changes.length === 0) {
        lines.push('两个版本的内容相同（无实质修改）。', '');
    } else {
        lines.push('| 序号 | 原条文 | 修改后 | 说明 |', '|---|---|---|---|');
        diff.changes.forEach((c, i) => lines.push(`| ${i + 1} | ${cellMarkdown(c.before)} | ${cellMarkdown(c.after)} | ${cellMarkdown(c.note)} |`));
        lines.push('');
    }
    if (impact) {
        lines.push('## 对下级文件的影响', '', ...impactLines(impact).map(l => `- ${l.replace(/[|<>]/g, m => `\\${m}`)}`), '');
    }
    return lines.join('\n');
}

function impactLines(impact: DiffImpact): string[] {
    const lines: string[] = [];
    lines.push(`一同校验的文件 ${impact.checked.length} 个`);
    if (impact.introduced.length === 0) {
        lines.push('修改后没有新增的诊断');
    } else {
        lines.push(`修改后新增 ${impact.introduced.length} 条诊断（其中错误 ${impact.introduced.filter(f => f.severity === 'error').length} 条）：`);
        lines.push(...impact.introduced.map(f => `新增 ${findingText(f)}`));
    }
    lines.push(...impact.resolved.map(f => `消除 ${findingText(f)}`));
    lines.push(...impact.adoptions.map(a => `${a.file}（${a.document}）直接适用的 ${a.codes.join('、')} 随之改变`));
    return lines;
}

/** The 新旧对照表 as a self-contained, printable HTML page. */
export function diffHtml(diff: DocumentDiff, impact?: DiffImpact): string {
    const cell = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');
    const rows = diff.changes.map((c, i) => `<tr data-kind="${escapeHtml(c.kind)}"><td class="n">${i + 1}</td><td>${cell(c.before)}</td><td>${cell(c.after)}</td><td>${cell(c.note)}</td></tr>`);
    return [
        '<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">', `<title>${escapeHtml(title(diff))}</title>`,
        '<style>',
        '@page { size: A4 landscape; margin: 15mm 12mm; }',
        'html { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei", serif; font-size: 10.5pt; }',
        'h1 { font-size: 16pt; text-align: center; } table { width: 100%; border-collapse: collapse; table-layout: fixed; }',
        'thead { display: table-header-group; } th, td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; word-break: break-all; }',
        'th { background: #eee; } td.n { text-align: center; width: 3em; } tr { break-inside: avoid; }',
        '</style>', '</head>', '<body>',
        `<h1>${escapeHtml(title(diff))}</h1>`,
        `<p>原版本：${escapeHtml(diff.before.source)}\u3000修改后：${escapeHtml(diff.after.source)}</p>`,
        diff.changes.length === 0 ? '<p>两个版本的内容相同（无实质修改）。</p>'
            : ['<table>', '<colgroup><col style="width:4%"><col style="width:34%"><col style="width:34%"><col style="width:28%"></colgroup>',
                '<thead><tr><th>序号</th><th>原条文</th><th>修改后</th><th>说明</th></tr></thead>', '<tbody>', ...rows, '</tbody>', '</table>'].join('\n'),
        impact ? `<h2>对下级文件的影响</h2>\n<ul class="impact">${impactLines(impact).map(l => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
        '</body>', '</html>', ''
    ].filter(l => l !== '').join('\n') + '\n';
}
