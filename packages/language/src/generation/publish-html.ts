import type { PublishedRow, PublishedTable } from './publish-table.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text with its line breaks kept (the cell's lines: one tier condition, one citation per line). */
function lines(text: string): string {
    return text.split('\n').map(escapeHtml).join('<br>');
}

/** Column widths in percent of the page width (A4 landscape), by column name; others share the rest. */
const WIDTHS: Record<string, number> = {
    '序号': 5, '违法行为': 15, '违反条款': 10, '处罚依据': 10, '裁量阶次': 8, '适用情形': 20, '处罚标准': 20, '备注': 12,
    '类别': 6, '适用条件': 24, '处理结果': 8, '依据': 10, '措施': 8
};

// Fonts a Chinese government table is printed in, then what Linux and macOS have (WenQuanYi is what Debian's
// fonts-wqy-microhei installs), then the generic family.
const FONTS = '"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", serif';

const STYLE = `
@page { size: A4 landscape; margin: 15mm 12mm; }
html { font-family: ${FONTS}; font-size: 10.5pt; color: #000; }
body { margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6pt; font-weight: bold; }
.header { display: flex; flex-wrap: wrap; justify-content: center; gap: 4pt 18pt; margin: 0 0 6pt; }
.notes { margin: 0 0 6pt; padding: 0; list-style: none; font-size: 9.5pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
th, td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: middle; word-break: break-all; }
th { background: #eee; font-weight: bold; text-align: center; }
td.c-序号, td.c-裁量阶次, td.c-处理结果 { text-align: center; }
tr { break-inside: avoid; page-break-inside: avoid; }
.source { margin-top: 6pt; font-size: 8pt; color: #555; }
@media screen { body { margin: 12px; } }
@media print { th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function rowHtml(row: PublishedRow, columns: readonly string[]): string {
    const attributes = [
        row.key.item !== undefined ? ` data-item="${escapeHtml(row.key.item)}"` : '',
        row.key.tier !== undefined ? ` data-tier="${escapeHtml(row.key.tier)}"` : '',
        row.key.factor !== undefined ? ` data-factor="${escapeHtml(row.key.factor)}"` : '',
        row.key.entry !== undefined ? ` data-entry="${escapeHtml(row.key.entry)}"` : ''
    ].join('');
    const cells = row.cells.map((cell, i) => cell === null ? ''
        : `<td class="c-${escapeHtml(columns[i] ?? '')}"${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}>${lines(cell.text)}</td>`).join('');
    return `<tr${attributes}>${cells}</tr>`;
}

/**
 * One published table as a self-contained, print-ready HTML page: A4 landscape, the column header repeated
 * on every printed page, the tiers of one item under row-spanning cells, every text escaped, no external
 * resource (styles inline, no script, no web font).
 */
export function renderTableHtml(table: PublishedTable): string {
    const columns = table.columns;
    const total = columns.reduce((sum, c) => sum + (WIDTHS[c] ?? 10), 0);
    const width = (c: string) => ((WIDTHS[c] ?? 10) * 100 / total).toFixed(2);
    return [
        '<!DOCTYPE html>',
        '<html lang="zh-CN">',
        '<head>',
        '<meta charset="utf-8">',
        `<title>${escapeHtml(table.title)}</title>`,
        `<meta name="generator" content="尺度 Chidu">`,
        `<style>${STYLE}</style>`,
        '</head>',
        `<body data-kind="${table.kind}">`,
        `<h1>${escapeHtml(table.title)}</h1>`,
        `<div class="header">${table.header.map(f => `<span data-field="${escapeHtml(f.label)}">${escapeHtml(f.label)}：${escapeHtml(f.value)}</span>`).join('')}</div>`,
        table.notes.length > 0 ? `<ul class="notes">${table.notes.map(n => `<li>${lines(n)}</li>`).join('')}</ul>` : '',
        '<table>',
        `<colgroup>${columns.map(c => `<col style="width:${width(c)}%">`).join('')}</colgroup>`,
        `<thead><tr>${columns.map(c => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
        `<tbody>`,
        ...table.rows.map(row => rowHtml(row, columns)),
        '</tbody>',
        '</table>',
        `<p class="source">由尺度 Chidu 依 ${escapeHtml(table.source)} 生成</p>`,
        '</body>',
        '</html>'
    ].filter(line => line !== '').join('\n') + '\n';
}
