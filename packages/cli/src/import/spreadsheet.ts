/*
 * Reading benchmark spreadsheets (.xls BIFF8 and .xlsx) into a plain grid of text with merged ranges.
 *
 * Library: `@e965/xlsx` 0.20.3, pinned exactly. It is SheetJS Community Edition 0.20.3 republished unchanged on
 * the npm registry (no dependencies). The `xlsx` package on npm stops at 0.18.5, which carries the
 * prototype-pollution advisory CVE-2023-30533 (fixed in 0.19.3) and the ReDoS advisory CVE-2024-22363 (fixed in
 * 0.20.2); SheetJS publishes later versions only on its own CDN, which this project cannot install from. The
 * alternatives read only .xlsx (exceljs, read-excel-file) or wrap the vulnerable `xlsx` (node-xlsx), and `cfb`
 * alone is a container reader: a hand-written BIFF8 record parser would be far less tested than SheetJS, the
 * reference reader of legacy .xls (shared strings, CONTINUE records, MERGEDCELLS, codepages).
 *
 * Guards, because the file is untrusted input: a size limit before anything is parsed, a check of the file's
 * signature (an OLE2 compound file or a ZIP package; SheetJS would otherwise read any text as CSV), a row limit
 * per sheet (SheetJS's `sheetRows` stops reading past it), no formulas, styles, HTML or VBA read, and cell text
 * never used as an object key (everything keyed by cell text lives in a Map).
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';

XLSX.set_cptable(cptable);

/** A spreadsheet that is refused: reported as one Chinese line, exit code 2 (usage). */
export class SpreadsheetError extends Error { }

export interface ReadLimits {
    /** Largest file accepted, in bytes. */
    readonly maxBytes: number;
    /** Most rows accepted in one sheet. */
    readonly maxRows: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 10_000 };

/** A merged range, 0-based and inclusive. */
export interface MergedRange {
    readonly top: number;
    readonly left: number;
    readonly bottom: number;
    readonly right: number;
}

/** One sheet as text: rows and columns 0-based; `row + 1` and `columnName(col)` are what Excel shows. */
export class SheetGrid {
    private readonly cells = new Map<number, string>();
    private readonly covering = new Map<number, MergedRange>();

    constructor(
        readonly name: string,
        readonly rowCount: number,
        readonly columnCount: number,
        readonly merges: readonly MergedRange[]
    ) {
        for (const merge of merges) {
            for (let r = merge.top; r <= merge.bottom; r++) {
                for (let c = merge.left; c <= merge.right; c++) {
                    this.covering.set(this.key(r, c), merge);
                }
            }
        }
    }

    private key(row: number, col: number): number {
        return row * 65_536 + col;
    }

    set(row: number, col: number, text: string): void {
        if (text !== '') this.cells.set(this.key(row, col), text);
    }

    /** The text stored in the cell itself (a covered cell of a merged range may still hold text). */
    raw(row: number, col: number): string {
        return this.cells.get(this.key(row, col)) ?? '';
    }

    /** The merged range the cell belongs to, if any. */
    mergeAt(row: number, col: number): MergedRange | undefined {
        return this.covering.get(this.key(row, col));
    }

    /** True when the cell lies inside a merged range but is not its top-left cell: Excel does not show it. */
    isCovered(row: number, col: number): boolean {
        const merge = this.mergeAt(row, col);
        return merge !== undefined && (merge.top !== row || merge.left !== col);
    }

    /** The text Excel shows at the cell: the top-left text of its merged range, or its own text. */
    shown(row: number, col: number): string {
        const merge = this.mergeAt(row, col);
        return merge ? this.raw(merge.top, merge.left) : this.raw(row, col);
    }

    /** Every non-empty stored cell, in reading order. */
    *filled(): Iterable<{ row: number; col: number; text: string }> {
        for (let r = 0; r < this.rowCount; r++) {
            for (let c = 0; c < this.columnCount; c++) {
                const text = this.raw(r, c);
                if (text !== '') yield { row: r, col: c, text };
            }
        }
    }
}

export function columnName(col: number): string {
    return XLSX.utils.encode_col(col);
}

export function cellName(row: number, col: number): string {
    return `${columnName(col)}${row + 1}`;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
    return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

function cellText(cell: XLSX.CellObject | undefined): string {
    if (!cell || cell.t === 'z' || cell.t === 'e') return '';
    const text = cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
    return text.replace(/\r\n?/g, '\n').trim();
}

/** Reads every sheet of a workbook; throws SpreadsheetError (in Chinese) for a file that is refused. */
export function readWorkbook(bytes: Uint8Array, fileLabel: string, limits: ReadLimits = DEFAULT_LIMITS): SheetGrid[] {
    if (bytes.length > limits.maxBytes) {
        throw new SpreadsheetError(`文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB 的上限，拒绝导入：${fileLabel}`);
    }
    if (!startsWith(bytes, OLE2) && !startsWith(bytes, ZIP)) {
        throw new SpreadsheetError(`不是 Excel 表格文件（.xls 或 .xlsx），无法导入：${fileLabel}`);
    }
    let workbook: XLSX.WorkBook;
    try {
        workbook = XLSX.read(bytes, {
            type: 'buffer', dense: true, sheetRows: limits.maxRows + 1,
            cellFormula: false, cellHTML: false, cellStyles: false, cellDates: false, bookVBA: false, WTF: false
        });
    } catch (error) {
        throw new SpreadsheetError(`无法读取表格（文件损坏或不是 Excel 工作簿）：${fileLabel}（${error instanceof Error ? error.message : String(error)}）`);
    }
    if (!Array.isArray(workbook.SheetNames) || workbook.SheetNames.length === 0) {
        throw new SpreadsheetError(`表格中没有工作表：${fileLabel}`);
    }
    const grids: SheetGrid[] = [];
    for (const name of workbook.SheetNames) {
        const sheet = workbook.Sheets[name];
        if (!sheet) continue;
        const full = sheet['!fullref'] ?? sheet['!ref'];
        const range = full ? XLSX.utils.decode_range(full) : undefined;
        const rowCount = range ? range.e.r + 1 : 0;
        if (rowCount > limits.maxRows) {
            throw new SpreadsheetError(`工作表「${name}」有 ${rowCount} 行，超过 ${limits.maxRows} 行的上限，拒绝导入：${fileLabel}`);
        }
        const columnCount = range ? range.e.c + 1 : 0;
        const merges = (sheet['!merges'] ?? []).map(m => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
        const grid = new SheetGrid(name, rowCount, columnCount, merges);
        const data = sheet['!data'] ?? [];
        for (let r = 0; r < Math.min(data.length, rowCount); r++) {
            const row = data[r];
            if (!row) continue;
            for (let c = 0; c < Math.min(row.length, columnCount); c++) {
                grid.set(r, c, cellText(row[c]));
            }
        }
        grids.push(grid);
    }
    return grids;
}
