/*
 * From sheet grids to the text of one benchmark document, and the list of every cell that did not become
 * structure (kept as 备注 or as a // comment at its place).
 */
import { type ColumnRole, type DocumentHeader, type Mapping, type SheetLayout, layoutOf } from './mapping.js';
import { type SheetGrid, cellName, columnName } from './spreadsheet.js';
import { isCitationList, isItemCode, isTierName, literal, readBasis, readStandard } from './standard.js';

/** How a cell that is not (wholly) structure was kept. */
export type UnusedKind = 'note' | 'partial' | 'unparsed-amount' | 'hidden' | 'comment';

export interface UnusedCell {
    readonly sheet: string;
    /** 1-based row, as Excel shows it. */
    readonly row: number;
    readonly column: string;
    readonly cell: string;
    /** The header of the column (or the column letter). */
    readonly header: string;
    readonly kind: UnusedKind;
    /** 备注 or 注释 (a // comment), and where. */
    readonly keptAs: string;
    readonly reason: string;
    /** The text that is not structure (for 'partial': only that part). */
    readonly text: string;
    /** For 'unparsed-amount': the clauses that look like an amount but did not parse. */
    readonly amounts?: readonly string[];
}

export interface SheetSummary {
    readonly sheet: string;
    readonly imported: boolean;
    readonly reason?: string;
    readonly headerRow?: number;
    readonly columns?: ReadonlyArray<{ readonly role: ColumnRole; readonly column: string; readonly header: string }>;
    readonly items: number;
    readonly tiers: number;
    readonly conditions: number;
    readonly filledCells: number;
}

export interface Generated {
    readonly text: string;
    readonly sheets: readonly SheetSummary[];
    readonly unused: readonly UnusedCell[];
    readonly items: number;
    readonly tiers: number;
}

interface TierDraft {
    name: string;
    conditions: string[];
    parts: string[] | undefined;
    notes: string[];
    comments: string[];
}

interface ItemDraft {
    code: string;
    firstRow: number;
    lastRow: number;
    lines: string[];
    tiers: TierDraft[];
    notes: string[];
    comments: string[];
}

function oneLine(text: string): string {
    return text.split('\n').map(l => l.trim()).filter(l => l !== '')
        .reduce((joined, line) => joined === '' ? line : /[；;。，,：:]$/.test(joined) ? joined + line : `${joined}；${line}`, '');
}

function commentLines(text: string, prefix: string): string[] {
    const lines = text.split('\n').map(l => l.trim()).filter(l => l !== '');
    return lines.map((line, i) => `// ${i === 0 ? prefix : ''}${line}`);
}

function headerLines(header: DocumentHeader): string[] {
    const lines: string[] = [];
    if (header.issuer) lines.push(`制定机关 ${literal(header.issuer)}`);
    if (header.level) lines.push(`层级 ${header.level}`);
    if (header.docNumber) lines.push(`文号 ${literal(header.docNumber)}`);
    if (header.effectiveFrom) lines.push(`施行日期 ${header.effectiveFrom}`);
    if (header.effectiveTo) lines.push(`废止日期 ${header.effectiveTo}`);
    if (header.validFor) lines.push(`有效期 ${header.validFor}`);
    if (header.domain) lines.push(`领域 ${literal(header.domain)}`);
    if (header.parents && header.parents.length > 0) lines.push(`上级 ${header.parents.map(literal).join('、')}`);
    if (header.boundary) lines.push(`边界 ${header.boundary}`);
    if (header.hitPolicy) lines.push(`竞合 ${header.hitPolicy}`);
    return lines;
}

class SheetImporter {
    readonly items: ItemDraft[] = [];
    readonly leading: string[] = [];
    conditions = 0;
    private item: ItemDraft | undefined;
    private tier: TierDraft | undefined;
    private tierMergeBottom = -1;

    constructor(
        private readonly grid: SheetGrid,
        private readonly layout: SheetLayout,
        private readonly mapping: Mapping,
        private readonly unused: UnusedCell[]
    ) { }

    private col(role: ColumnRole): number | undefined {
        return this.layout.columns.get(role);
    }

    private header(col: number): string {
        const text = this.grid.shown(this.layout.headerRow, col).replace(/\s+/g, '');
        return text || `${columnName(col)}列`;
    }

    private report(row: number, col: number, kind: UnusedKind, keptAs: string, reason: string, text: string, amounts?: readonly string[]): void {
        this.unused.push({
            sheet: this.grid.name, row: row + 1, column: columnName(col), cell: cellName(row, col), header: this.header(col),
            kind, keptAs, reason, text, ...(amounts && amounts.length > 0 ? { amounts } : {})
        });
    }

    /** The cell's own text when it is what Excel shows there (top-left of a merge or unmerged), else ''. */
    private own(row: number, col: number | undefined): string {
        if (col === undefined || this.grid.isCovered(row, col)) return '';
        return this.grid.raw(row, col);
    }

    private commentCell(row: number, col: number, reason: string): string[] {
        const text = this.grid.raw(row, col);
        this.report(row, col, 'comment', '注释', reason, text);
        return commentLines(text, `${cellName(row, col)}：`);
    }

    run(): void {
        const { grid, layout } = this;
        for (let row = 0; row < layout.headerRow; row++) {
            for (let col = 0; col < grid.columnCount; col++) {
                if (grid.raw(row, col) !== '' && !grid.isCovered(row, col)) {
                    this.leading.push(...this.commentCell(row, col, '表头之上的标题行，不是结构'));
                }
            }
        }
        for (let row = layout.headerRow + 1; row < grid.rowCount; row++) {
            this.readRow(row);
        }
        this.closeItem();
    }

    private readRow(row: number): void {
        const { grid } = this;
        const codeCol = this.col('code')!;
        const code = this.own(row, codeCol);
        if (code !== '') {
            this.closeItem();
            this.openItem(row, code);
        }
        const item = this.item;
        // Cells that Excel does not show: text left under a merged range.
        for (let col = 0; col < grid.columnCount; col++) {
            if (grid.isCovered(row, col) && grid.raw(row, col) !== '') {
                const merge = grid.mergeAt(row, col)!;
                const reason = `被合并单元格 ${cellName(merge.top, merge.left)}:${cellName(merge.bottom, merge.right)} 遮住的内容（Excel 中不显示）`;
                const text = grid.raw(row, col);
                this.report(row, col, 'hidden', '注释', reason, text);
                const lines = commentLines(text, `${cellName(row, col)}（被合并单元格遮住）：`);
                if (item) (this.tier?.comments ?? item.comments).push(...lines);
                else this.leading.push(...lines);
            }
        }
        if (!item) {
            for (let col = 0; col < grid.columnCount; col++) {
                if (this.own(row, col) !== '') this.leading.push(...this.commentCell(row, col, '不属于任何事项的行（编码列为空）'));
            }
            return;
        }
        item.lastRow = row;
        this.readTierCells(row, item);
    }

    private openItem(row: number, rawCode: string): void {
        const grid = this.grid;
        const codeCol = this.col('code')!;
        let code = rawCode.replace(/\s+/g, '');
        const item: ItemDraft = { code, firstRow: row, lastRow: row, lines: [], tiers: [], notes: [], comments: [] };
        if (!isItemCode(code)) {
            code = `R${row + 1}`;
            item.code = code;
            item.notes.push(`原表编码：${rawCode}`);
            this.report(row, codeCol, 'partial', '备注（事项）', `编码不是有效的事项编码（须为 ASCII，如 3-2），以行号 ${code} 代替`, rawCode);
        }
        const violationCol = this.col('violation');
        const violation = violationCol === undefined ? '' : oneLine(grid.shown(row, violationCol));
        const refines = this.mapping.refines.get(code);
        item.lines.push(`事项 ${code}${violation ? ` ${literal(violation)}` : ''}${refines ? ` 细化 ${refines}` : ''} {`);
        const violatedCol = this.col('violated');
        if (violatedCol !== undefined) {
            const violated = grid.shown(row, violatedCol).replace(/\s+/g, '');
            if (violated !== '' && isCitationList(violated)) {
                item.lines.push(`违反条款 ${violated}`);
            } else if (violated !== '') {
                item.notes.push(`${this.header(violatedCol)}：${oneLine(grid.shown(row, violatedCol))}`);
                const merge = grid.mergeAt(row, violatedCol);
                this.report(merge?.top ?? row, merge?.left ?? violatedCol, 'note', '备注（事项）', '不是可识别的条款引用', grid.shown(row, violatedCol));
            }
        }
        const basisCol = this.col('basis');
        if (basisCol !== undefined) {
            const basisText = grid.shown(row, basisCol);
            const merge = grid.mergeAt(row, basisCol);
            const at = { row: merge?.top ?? row, col: merge?.left ?? basisCol };
            // A basis cell merged over several items is read for each of them; reported once, at its first item.
            const firstUse = at.row === row || !this.items.some(i => i.firstRow >= at.row);
            if (basisText !== '') {
                const basis = readBasis(basisText);
                if (basis.citation) item.lines.push(`处罚依据 ${basis.citation}`);
                if (basis.rest !== '') {
                    item.comments.push(...commentLines(basis.rest, `${this.header(basisCol)}（条文原文）：`));
                    if (firstUse) {
                        this.report(at.row, at.col, basis.citation ? 'partial' : 'comment', '注释（事项之前）',
                            basis.citation ? '引用已录为「处罚依据」，其后的条文原文录为注释' : '没有可识别的条款引用，整格录为注释', basis.rest);
                    }
                }
            }
        }
        this.item = item;
        this.tier = undefined;
        this.tierMergeBottom = -1;
    }

    private readTierCells(row: number, item: ItemDraft): void {
        const tierCol = this.col('tier');
        const standardCol = this.col('standard')!;
        const tierName = this.own(row, tierCol);
        const standard = this.own(row, standardCol);
        const coveredByTier = tierCol !== undefined && row <= this.tierMergeBottom;
        if (tierName !== '' || (standard !== '' && (!this.tier || (this.tier.parts !== undefined && !coveredByTier)))) {
            this.openTier(row, item, tierName);
        }
        const conditionCol = this.col('condition');
        const condition = this.own(row, conditionCol);
        // A condition before any tier number or standard opens a tier of its own (named by its position).
        if (condition !== '' && !this.tier) this.openTier(row, item, '');
        const tier = this.tier;
        if (condition !== '' && tier) {
            tier.conditions.push(oneLine(condition));
            this.conditions++;
        }
        if (standard !== '' && tier) this.readStandardCell(row, standardCol, standard, tier);
        const noteCol = this.col('note');
        const note = this.own(row, noteCol);
        if (note !== '') {
            if (row === item.firstRow || !tier) item.notes.push(oneLine(note));
            else tier.notes.push(oneLine(note));
        }
        for (const [col, header] of this.layout.otherColumns) {
            const text = this.own(row, col);
            if (text === '') continue;
            const target = row === item.firstRow || !tier ? item.notes : tier.notes;
            target.push(`${header}：${oneLine(text)}`);
            this.report(row, col, 'note', row === item.firstRow || !tier ? '备注（事项）' : '备注（阶次）', '该列不属于映射中的任何列角色', text);
        }
        // Code, violation, basis and violated cells inside the item's rows but after its first row.
        for (const role of ['violation', 'basis', 'violated'] as const) {
            const col = this.col(role);
            if (col === undefined || row === item.firstRow) continue;
            const text = this.own(row, col);
            if (text === '') continue;
            item.notes.push(`${this.header(col)}（第 ${row + 1} 行）：${oneLine(text)}`);
            this.report(row, col, 'note', '备注（事项）', '事项首行之后另起的内容（编码列为空，不构成新事项）', text);
        }
    }

    private openTier(row: number, item: ItemDraft, rawName: string): void {
        const tierCol = this.col('tier');
        let name = rawName.replace(/\s+/g, '');
        if (name === '') {
            name = String(item.tiers.length + 1);
        } else if (!isTierName(name)) {
            name = literal(oneLine(rawName));
        }
        const tier: TierDraft = { name, conditions: [], parts: undefined, notes: [], comments: [] };
        item.tiers.push(tier);
        this.tier = tier;
        const merge = tierCol === undefined ? undefined : this.grid.mergeAt(row, tierCol);
        this.tierMergeBottom = merge ? merge.bottom : row;
    }

    private readStandardCell(row: number, col: number, text: string, tier: TierDraft): void {
        const read = readStandard(text);
        const place = '备注（阶次）';
        if (read.parts.length === 0) {
            tier.notes.push(oneLine(text));
            this.report(row, col, read.unparsedAmounts.length > 0 ? 'unparsed-amount' : 'note', place,
                read.unparsedAmounts.length > 0 ? '含金额但无法按处罚标准语法读出，原文录为备注（未作推测）' : '无法读为处罚标准，原文录为备注', text, read.unparsedAmounts);
            return;
        }
        if (tier.parts === undefined) {
            tier.parts = [...read.parts];
        } else if (tier.parts.join('\n') !== read.parts.join('\n')) {
            tier.notes.push(oneLine(text));
            this.report(row, col, 'note', place, '同一阶次中另一格裁量标准与前一格不同，原文录为备注', text);
            return;
        }
        if (read.rest !== '') {
            tier.notes.push(oneLine(read.rest));
            this.report(row, col, read.unparsedAmounts.length > 0 ? 'unparsed-amount' : 'partial', place,
                read.unparsedAmounts.length > 0 ? '处罚已读出；其余文字含金额但无法读出，录为备注（未作推测）' : '处罚已读出；其余文字录为备注',
                read.rest, read.unparsedAmounts);
        }
    }

    private closeItem(): void {
        const item = this.item;
        if (!item) return;
        this.items.push(item);
        this.item = undefined;
        this.tier = undefined;
    }
}

function renderItem(item: ItemDraft, sheet: string): string[] {
    const out: string[] = [];
    out.push(`// ${item.code}\u3000工作表「${sheet}」第 ${item.firstRow + 1}${item.lastRow > item.firstRow ? `–${item.lastRow + 1}` : ''} 行`);
    out.push(...item.comments);
    out.push(item.lines[0]!);
    for (const line of item.lines.slice(1)) out.push(`    ${line}`);
    for (const tier of item.tiers) {
        out.push(`    阶次 ${tier.name} {`);
        for (const comment of tier.comments) out.push(`        ${comment}`);
        tier.conditions.forEach((condition, i) => out.push(`${i === 0 ? '        情形 ' : '             '}${literal(condition)}`));
        for (const part of tier.parts ?? []) out.push(`        ${part}`);
        for (const note of tier.notes) out.push(`        备注 ${literal(note)}`);
        out.push('    }');
    }
    for (const note of item.notes) out.push(`    备注 ${literal(note)}`);
    out.push('}');
    return out;
}

/** Builds the document text for the selected sheets of a workbook. */
export function generate(grids: readonly SheetGrid[], mapping: Mapping, header: DocumentHeader, source: string): Generated {
    const unused: UnusedCell[] = [];
    const sheets: SheetSummary[] = [];
    const body: string[] = [];
    let items = 0;
    let tiers = 0;
    const wanted = mapping.sheets ? new Set(mapping.sheets) : undefined;
    const excluded = new Set(mapping.excludeSheets);
    for (const grid of grids) {
        const filledCells = [...grid.filled()].length;
        const skip = (reason: string) => {
            sheets.push({ sheet: grid.name, imported: false, reason, items: 0, tiers: 0, conditions: 0, filledCells });
            if (filledCells === 0) return;
            body.push('', `// 工作表「${grid.name}」未导入：${reason}`);
            for (const cell of grid.filled()) {
                unused.push({
                    sheet: grid.name, row: cell.row + 1, column: columnName(cell.col), cell: cellName(cell.row, cell.col),
                    header: `${columnName(cell.col)}列`, kind: 'comment', keptAs: '注释', reason: `工作表未导入：${reason}`, text: cell.text
                });
                body.push(...commentLines(cell.text, `${cellName(cell.row, cell.col)}：`));
            }
        };
        if (excluded.has(grid.name) || (wanted && !wanted.has(grid.name))) {
            skip('映射未选择该工作表');
            continue;
        }
        if (filledCells === 0) {
            sheets.push({ sheet: grid.name, imported: false, reason: '空工作表', items: 0, tiers: 0, conditions: 0, filledCells });
            continue;
        }
        const layout = layoutOf(grid, mapping);
        if (typeof layout === 'string') {
            skip(layout);
            continue;
        }
        const importer = new SheetImporter(grid, layout, mapping, unused);
        importer.run();
        const sheetTiers = importer.items.reduce((n, i) => n + i.tiers.length, 0);
        items += importer.items.length;
        tiers += sheetTiers;
        sheets.push({
            sheet: grid.name, imported: true, headerRow: layout.headerRow + 1,
            columns: [...layout.columns].map(([role, col]) => ({ role, column: columnName(col), header: grid.shown(layout.headerRow, col).replace(/\s+/g, '') })),
            items: importer.items.length, tiers: sheetTiers, conditions: importer.conditions, filledCells
        });
        body.push('', `// ==== 工作表「${grid.name}」 ====`);
        body.push(...importer.leading);
        for (const item of importer.items) body.push('', ...renderItem(item, grid.name));
    }
    const name = header.name ?? source;
    const text = [
        `// 由 chidu import 从「${source}」生成；未能转为结构的单元格录为「备注」或注释，并列在 import-report.json 中。`,
        '',
        `基准 ${literal(name)} {`,
        ...headerLines(header).map(line => `    ${line}`),
        '}',
        ...body,
        ''
    ].join('\n');
    return { text, sheets, unused, items, tiers };
}
