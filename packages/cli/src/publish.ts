/**
 * `chidu publish`: the published tables (公示表) of the compiled documents, as HTML pages or xlsx workbooks.
 * Both formats render the one layout model of @chidu/language (publishedTable): the same cells, the same
 * row spans (an item's own columns spanning its tiers).
 *
 * xlsx is written with `@e965/xlsx` (SheetJS Community Edition, the library `chidu import` reads with).
 */
import * as XLSX from '@e965/xlsx';
import type { LangiumDocument } from 'langium';
import { type PublishedTable, compileDocuments, publishedTable, renderTableHtml } from '@chidu/language/core';
import type { TreeFile } from './output-tree.js';
import { relativeToRoot } from './workspace.js';

export type PublishFormat = 'html' | 'xlsx';

/** Characters Excel does not allow in a sheet name. */
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

/** The grid of a table as it is laid out in the sheet: title, header line, notes, column header, body. */
export function tableSheet(table: PublishedTable): { sheet: XLSX.WorkSheet; headerRow: number } {
    const width = table.columns.length;
    const grid: string[][] = [];
    const merges: XLSX.Range[] = [];
    const fullRow = (text: string) => {
        merges.push({ s: { r: grid.length, c: 0 }, e: { r: grid.length, c: width - 1 } });
        grid.push([text, ...Array<string>(width - 1).fill('')]);
    };
    fullRow(table.title);
    fullRow(table.header.map(f => `${f.label}：${f.value}`).join('　'));
    for (const note of table.notes) {
        fullRow(note);
    }
    const headerRow = grid.length;
    grid.push([...table.columns]);
    for (const row of table.rows) {
        const r = grid.length;
        grid.push(row.cells.map((cell, c) => {
            if (cell && cell.rowSpan > 1) {
                merges.push({ s: { r, c }, e: { r: r + cell.rowSpan - 1, c } });
            }
            return cell?.text ?? '';
        }));
    }
    const sheet = XLSX.utils.aoa_to_sheet(grid);
    sheet['!merges'] = merges;
    sheet['!cols'] = table.columns.map(c => ({ wch: ['序号', '裁量阶次', '类别', '处理结果'].includes(c) ? 10 : ['违法行为', '适用情形', '处罚标准', '适用条件'].includes(c) ? 36 : 20 }));
    return { sheet, headerRow };
}

/** One workbook per table: one sheet, its column header repeated on every printed page. */
export function tableWorkbook(table: PublishedTable): Uint8Array {
    const { sheet, headerRow } = tableSheet(table);
    const name = (table.kind === 'benchmark' ? '裁量基准' : '清单');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, name.replace(SHEET_NAME_FORBIDDEN, '_').slice(0, 31));
    book.Workbook = { Names: [{ Name: '_xlnm.Print_Titles', Sheet: 0, Ref: `'${name}'!$${headerRow + 1}:$${headerRow + 1}` }] };
    book.Props = { Title: table.title, Author: '尺度 Chidu' };
    return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}

/** The files `chidu publish` writes: one per benchmark and list, named after its source file like the build's. */
export function renderPublication(documents: readonly LangiumDocument[], format: PublishFormat, root: string): TreeFile[] {
    return compileDocuments(documents, d => relativeToRoot(d.uri.fsPath, root), { root }).map(compiled => {
        const table = publishedTable(compiled.json);
        return format === 'html'
            ? { path: `${compiled.path}.html`, content: renderTableHtml(table) }
            : { path: `${compiled.path}.xlsx`, content: tableWorkbook(table) };
    });
}
