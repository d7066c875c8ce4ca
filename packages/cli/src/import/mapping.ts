/*
 * The mapping: how a spreadsheet's layout maps to the language, as a JSON file a user can write for another
 * table (documented in docs/导入表格.md). Everything keyed by text from the file (header words, codes) is read
 * into Maps; nothing from the file becomes an object key.
 */
import { type SheetGrid, columnName } from './spreadsheet.js';

/** What a column holds. */
export type ColumnRole = 'code' | 'violation' | 'violated' | 'basis' | 'tier' | 'condition' | 'standard' | 'note';

export const COLUMN_ROLES: readonly ColumnRole[] = ['code', 'violation', 'violated', 'basis', 'tier', 'condition', 'standard', 'note'];

/** The header words the default mapping recognises, per role (compared without spaces). */
export const DEFAULT_HEADER_WORDS = new Map<ColumnRole, readonly string[]>([
    ['code', ['序号', '编号', '编码', '事项编码', '事项编号', '代码']],
    ['violation', ['违法行为', '违法行为名称', '事项名称', '违法事实']],
    ['violated', ['违反条款', '违法依据', '违反规定']],
    ['basis', ['处罚依据', '法律依据', '法律条款', '依据']],
    ['tier', ['阶次', '类别', '档次', '裁量阶次', '裁量等级', '裁量档次', '等级']],
    ['condition', ['情形', '裁量情节', '违法情节', '适用条件', '违法程度', '具体情形']],
    ['standard', ['裁量标准', '处罚标准', '处罚裁量标准', '处罚幅度', '裁量幅度']],
    ['note', ['备注', '说明']]
]);

/** The document header the table does not hold (from the mapping file or the command line). */
export interface DocumentHeader {
    name?: string;
    issuer?: string;
    level?: string;
    docNumber?: string;
    effectiveFrom?: string;
    effectiveTo?: string;
    validFor?: string;
    domain?: string;
    parents?: string[];
    boundary?: string;
    hitPolicy?: string;
}

export interface Mapping {
    /** Sheets to import, by name; undefined = every sheet in which a header row is found. */
    readonly sheets?: readonly string[];
    /** Sheets to skip, by name. */
    readonly excludeSheets: readonly string[];
    /** 1-based header row; undefined = detected by header words within the first rows. */
    readonly headerRow?: number;
    /** Per role: header words (any of them) or a column letter such as "C". */
    readonly columns: ReadonlyMap<ColumnRole, readonly string[]>;
    /** Upper item codes by item code (细化). */
    readonly refines: ReadonlyMap<string, string>;
    readonly document: DocumentHeader;
}

export class MappingError extends Error { }

const ROLE_SET = new Set<string>(COLUMN_ROLES);
const TOP_KEYS = new Set(['sheets', 'excludeSheets', 'headerRow', 'columns', 'refines', 'document']);
const DOCUMENT_KEYS = new Set(['name', 'issuer', 'level', 'docNumber', 'effectiveFrom', 'effectiveTo', 'validFor', 'domain', 'parents', 'boundary', 'hitPolicy']);

export function defaultMapping(): Mapping {
    return { excludeSheets: [], columns: new Map(DEFAULT_HEADER_WORDS), refines: new Map(), document: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown, where: string): string[] {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every(v => typeof v === 'string')) return value as string[];
    throw new MappingError(`映射文件中「${where}」须为文字或文字列表`);
}

/** Reads a mapping file's JSON text; roles it does not name keep the default header words. */
export function parseMapping(text: string, label: string): Mapping {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new MappingError(`映射文件不是有效的 JSON：${label}（${error instanceof Error ? error.message : String(error)}）`);
    }
    if (!isRecord(json)) throw new MappingError(`映射文件须为一个 JSON 对象：${label}`);
    for (const key of Object.keys(json)) {
        if (!TOP_KEYS.has(key)) throw new MappingError(`映射文件中有不认识的项「${key}」（可用：${[...TOP_KEYS].join('、')}）：${label}`);
    }
    const columns = new Map(DEFAULT_HEADER_WORDS);
    if (json.columns !== undefined) {
        if (!isRecord(json.columns)) throw new MappingError(`映射文件中「columns」须为对象：${label}`);
        for (const [role, words] of Object.entries(json.columns)) {
            if (!ROLE_SET.has(role)) throw new MappingError(`映射文件「columns」中有不认识的列角色「${role}」（可用：${COLUMN_ROLES.join('、')}）`);
            columns.set(role as ColumnRole, strings(words, `columns.${role}`));
        }
    }
    let headerRow: number | undefined;
    if (json.headerRow !== undefined) {
        if (typeof json.headerRow !== 'number' || !Number.isInteger(json.headerRow) || json.headerRow < 1) {
            throw new MappingError('映射文件中「headerRow」须为正整数（表头所在行号，从 1 起）');
        }
        headerRow = json.headerRow;
    }
    const refines = new Map<string, string>();
    if (json.refines !== undefined) {
        if (!isRecord(json.refines)) throw new MappingError('映射文件中「refines」须为对象（本级编码 → 上级编码）');
        for (const [code, upper] of Object.entries(json.refines)) {
            if (typeof upper !== 'string') throw new MappingError(`映射文件「refines」中「${code}」的上级编码须为文字`);
            refines.set(code, upper);
        }
    }
    const document: DocumentHeader = {};
    if (json.document !== undefined) {
        if (!isRecord(json.document)) throw new MappingError('映射文件中「document」须为对象');
        for (const [key, value] of Object.entries(json.document)) {
            if (!DOCUMENT_KEYS.has(key)) throw new MappingError(`映射文件「document」中有不认识的项「${key}」（可用：${[...DOCUMENT_KEYS].join('、')}）`);
            if (key === 'parents') {
                document.parents = strings(value, 'document.parents');
            } else if (typeof value === 'string') {
                document[key as Exclude<keyof DocumentHeader, 'parents'>] = value;
            } else {
                throw new MappingError(`映射文件「document.${key}」须为文字`);
            }
        }
    }
    return {
        sheets: json.sheets === undefined ? undefined : strings(json.sheets, 'sheets'),
        excludeSheets: json.excludeSheets === undefined ? [] : strings(json.excludeSheets, 'excludeSheets'),
        headerRow, columns, refines, document
    };
}

/** The columns found for one sheet: role → column index, and the header row (0-based). */
export interface SheetLayout {
    readonly headerRow: number;
    readonly columns: ReadonlyMap<ColumnRole, number>;
    /** Header text of the columns that hold no role (their cells become notes). */
    readonly otherColumns: ReadonlyMap<number, string>;
}

const HEADER_SCAN_ROWS = 10;

function squeeze(text: string): string {
    return text.replace(/\s+/g, '');
}

function isColumnLetter(word: string): boolean {
    return /^[A-Z]{1,2}$/.test(word);
}

function matchHeaderRow(grid: SheetGrid, row: number, mapping: Mapping): Map<ColumnRole, number> {
    const found = new Map<ColumnRole, number>();
    for (const [role, words] of mapping.columns) {
        for (const word of words) {
            if (isColumnLetter(word)) {
                const col = word.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
                if (col < grid.columnCount) found.set(role, col);
                break;
            }
            let hit = -1;
            for (let c = 0; c < grid.columnCount && hit < 0; c++) {
                if (squeeze(grid.shown(row, c)) === squeeze(word) && !grid.isCovered(row, c)) hit = c;
            }
            if (hit >= 0 && ![...found.values()].includes(hit)) {
                found.set(role, hit);
                break;
            }
        }
    }
    return found;
}

/**
 * Finds the header row and the columns of a sheet, or explains why not. A sheet needs at least the code,
 * the tier and the standard (or the condition) columns to be imported.
 */
export function layoutOf(grid: SheetGrid, mapping: Mapping): SheetLayout | string {
    const rows = mapping.headerRow !== undefined ? [mapping.headerRow - 1] : [...Array(Math.min(HEADER_SCAN_ROWS, grid.rowCount)).keys()];
    let best: { row: number; columns: Map<ColumnRole, number> } | undefined;
    for (const row of rows) {
        if (row >= grid.rowCount) continue;
        const columns = matchHeaderRow(grid, row, mapping);
        if (!best || columns.size > best.columns.size) best = { row, columns };
    }
    if (!best || best.columns.size < 3) return '未找到表头行（至少须认出三列，如 序号、违法行为、裁量标准）';
    const missing = (['code', 'standard'] as const).filter(role => !best.columns.has(role));
    if (missing.length > 0) return `表头缺少必需的列：${missing.map(r => ROLE_LABELS.get(r)).join('、')}`;
    const used = new Set(best.columns.values());
    const otherColumns = new Map<number, string>();
    for (let c = 0; c < grid.columnCount; c++) {
        if (!used.has(c)) otherColumns.set(c, squeeze(grid.shown(best.row, c)) || `${columnName(c)}列`);
    }
    return { headerRow: best.row, columns: best.columns, otherColumns };
}

export const ROLE_LABELS = new Map<ColumnRole, string>([
    ['code', '编码（code）'], ['violation', '违法行为（violation）'], ['violated', '违反条款（violated）'],
    ['basis', '处罚依据（basis）'], ['tier', '阶次（tier）'], ['condition', '情形（condition）'],
    ['standard', '裁量标准（standard）'], ['note', '备注（note）']
]);
