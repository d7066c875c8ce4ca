/*
 * `chidu import`: a benchmark spreadsheet (.xls / .xlsx) → one .chidu file, then the file is validated with
 * the language services (alone, and with the documents given by --with, e.g. the upper benchmark) and an import
 * report (every cell not turned into structure, the counts, the diagnostics by code) is printed and written as
 * <out>/import-report.json. The reader and its guards are described in ./spreadsheet.ts.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type ReportedDiagnostic, collectDiagnostics, displayPath } from '../report.js';
import { UsageError, collectFiles, loadWorkspace } from '../workspace.js';
import { type Generated, generate } from './generate.js';
import { type DocumentHeader, type Mapping, defaultMapping, parseMapping } from './mapping.js';
import { DEFAULT_LIMITS, type ReadLimits, SpreadsheetError, readWorkbook } from './spreadsheet.js';

export { SpreadsheetError } from './spreadsheet.js';
export { MappingError } from './mapping.js';

export interface ImportOptions {
    out: string;
    mapping?: string;
    name?: string;
    issuer?: string;
    level?: string;
    effectiveFrom?: string;
    validFor?: string;
    domain?: string;
    parent?: string[];
    with?: string[];
    force?: boolean;
    date?: string;
}

export interface DiagnosticsSummary {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    /** Count per code, sorted by code, as [code, severity, count]. */
    readonly byCode: ReadonlyArray<{ readonly code: string; readonly severity: string; readonly count: number }>;
}

export interface ImportReport {
    readonly source: string;
    readonly output: string;
    readonly totals: {
        readonly sheets: number;
        readonly sheetsImported: number;
        readonly items: number;
        readonly tiers: number;
        readonly filledCells: number;
        readonly cellsUnused: number;
        readonly unusedByKind: ReadonlyArray<{ readonly kind: string; readonly count: number }>;
    };
    readonly sheets: Generated['sheets'];
    readonly unused: Generated['unused'];
    readonly diagnostics: {
        readonly alone: DiagnosticsSummary;
        readonly withContext?: DiagnosticsSummary & { readonly context: readonly string[] };
    };
}

const LEVELS = new Set(['国家', '国家级', '省', '省级', '市', '市级', '设区的市', '县', '县级', '乡镇', '乡镇级', '街道']);

function summarize(diagnostics: readonly ReportedDiagnostic[]): DiagnosticsSummary {
    const counts = new Map<string, { code: string; severity: string; count: number }>();
    for (const d of diagnostics) {
        const key = `${d.code}|${d.severity}`;
        const entry = counts.get(key) ?? { code: d.code, severity: d.severity, count: 0 };
        entry.count++;
        counts.set(key, entry);
    }
    return {
        errors: diagnostics.filter(d => d.severity === 'error').length,
        warnings: diagnostics.filter(d => d.severity === 'warning').length,
        infos: diagnostics.filter(d => d.severity === 'info' || d.severity === 'hint').length,
        byCode: [...counts.values()].sort((a, b) => a.code.localeCompare(b.code) || a.severity.localeCompare(b.severity))
    };
}

function headerFrom(mapping: Mapping, options: ImportOptions, source: string): DocumentHeader {
    const header: DocumentHeader = { ...mapping.document };
    if (options.name !== undefined) header.name = options.name;
    if (options.issuer !== undefined) header.issuer = options.issuer;
    if (options.level !== undefined) header.level = options.level;
    if (options.effectiveFrom !== undefined) header.effectiveFrom = options.effectiveFrom;
    if (options.validFor !== undefined) header.validFor = options.validFor;
    if (options.domain !== undefined) header.domain = options.domain;
    const parents: unknown = options.parent;
    if (typeof parents === 'string') header.parents = [parents];
    else if (Array.isArray(parents) && parents.length > 0) header.parents = parents.map(String);
    header.name ??= source;
    if (header.level !== undefined && !LEVELS.has(header.level)) {
        throw new UsageError(`层级须为 ${[...LEVELS].join('、')} 之一：${header.level}`);
    }
    for (const [flag, value] of [['--effective-from', header.effectiveFrom], ['document.effectiveTo', header.effectiveTo]] as const) {
        if (value !== undefined && !/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) throw new UsageError(`${flag} 须为 YYYY-MM-DD：${value}`);
    }
    if (header.validFor !== undefined && !/^([0-9]+|[一二两三四五六七八九十]+)(年|个月|月|日|天)$/.test(header.validFor)) {
        throw new UsageError(`有效期须如 3年、6个月：${header.validFor}`);
    }
    if (header.boundary !== undefined && (header.boundary.trim() === '' || !/^(以上\s*(含本数|不含本数))?\s*(以下\s*(含本数|不含本数))?$/.test(header.boundary.trim()))) {
        throw new UsageError(`边界须如「以上含本数 以下含本数」：${header.boundary}`);
    }
    if (header.hitPolicy !== undefined && !['取重', '取轻', '唯一'].includes(header.hitPolicy)) {
        throw new UsageError(`竞合须为 取重、取轻 或 唯一：${header.hitPolicy}`);
    }
    return header;
}

async function exists(file: string): Promise<boolean> {
    try {
        await fs.access(file);
        return true;
    } catch {
        return false;
    }
}

export async function runImport(file: string, options: ImportOptions, print: (line: string) => void, limits: ReadLimits = DEFAULT_LIMITS): Promise<ImportReport> {
    let stat;
    try {
        stat = await fs.stat(file);
    } catch {
        throw new UsageError(`表格文件不存在或无法访问：${file}`);
    }
    if (!stat.isFile()) throw new UsageError(`不是文件：${file}`);
    if (stat.size > limits.maxBytes) {
        throw new SpreadsheetError(`文件过大（${(stat.size / 1024 / 1024).toFixed(1)} MB），超过 ${Math.round(limits.maxBytes / 1024 / 1024)} MB 的上限，拒绝导入：${file}`);
    }
    let mapping = defaultMapping();
    if (options.mapping !== undefined) {
        let text: string;
        try {
            text = await fs.readFile(options.mapping, 'utf8');
        } catch {
            throw new UsageError(`映射文件不存在或无法读取：${options.mapping}`);
        }
        mapping = parseMapping(text, options.mapping);
    }
    const source = path.basename(file).replace(/\.(xlsx|xls)$/i, '');
    const header = headerFrom(mapping, options, source);
    const bytes = await fs.readFile(file);
    const grids = readWorkbook(bytes, file, limits);
    const generated = generate(grids, mapping, header, path.basename(file));
    if (generated.items === 0) {
        throw new SpreadsheetError(`没有从表格中读出任何事项（未找到含「序号」「裁量标准」等表头的工作表，可用 --mapping 指定列）：${file}`);
    }

    await fs.mkdir(options.out, { recursive: true });
    const output = path.join(options.out, `${source}.chidu`);
    if (!options.force && await exists(output)) {
        throw new UsageError(`输出文件已存在（加 --force 覆盖）：${output}`);
    }
    await fs.writeFile(output, generated.text, 'utf8');

    const alone = await loadWorkspace([path.resolve(output)], options.date);
    const aloneDiagnostics = collectDiagnostics(alone.documents, alone.fileProblems);
    let withContext: ImportReport['diagnostics']['withContext'];
    const withPaths: unknown = options.with;
    const contextPaths = typeof withPaths === 'string' ? [withPaths] : Array.isArray(withPaths) ? withPaths.map(String) : [];
    if (contextPaths.length > 0) {
        const context = (await collectFiles(contextPaths)).files.filter(f => f !== path.resolve(output));
        const loaded = await loadWorkspace([...context, path.resolve(output)], options.date);
        const own = loaded.documents.filter(d => d.uri.fsPath === path.resolve(output));
        withContext = { ...summarize(collectDiagnostics(own, [])), context: context.map(displayPath) };
    }
    const kinds = new Map<string, number>();
    for (const cell of generated.unused) kinds.set(cell.kind, (kinds.get(cell.kind) ?? 0) + 1);
    const report: ImportReport = {
        source: displayPath(path.resolve(file)),
        output: displayPath(path.resolve(output)),
        totals: {
            sheets: grids.length,
            sheetsImported: generated.sheets.filter(s => s.imported).length,
            items: generated.items,
            tiers: generated.tiers,
            filledCells: generated.sheets.reduce((n, s) => n + s.filledCells, 0),
            cellsUnused: generated.unused.length,
            unusedByKind: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind))
        },
        sheets: generated.sheets,
        unused: generated.unused,
        diagnostics: { alone: summarize(aloneDiagnostics), ...(withContext ? { withContext } : {}) }
    };
    await fs.writeFile(path.join(options.out, 'import-report.json'), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
    printReport(report, print);
    return report;
}

const KIND_LABELS = new Map([
    ['note', '整格录为备注'], ['partial', '部分录为备注或注释'], ['unparsed-amount', '含无法读出的金额（录为备注）'],
    ['hidden', '被合并单元格遮住（录为注释）'], ['comment', '录为注释']
]);

function printReport(report: ImportReport, print: (line: string) => void): void {
    const t = report.totals;
    print(`已导入 ${report.source} → ${report.output}`);
    print(`工作表 ${t.sheets} 张（导入 ${t.sheetsImported} 张），事项 ${t.items} 项，阶次 ${t.tiers} 个；非空单元格 ${t.filledCells} 个，其中未能转为结构 ${t.cellsUnused} 个：`
        + t.unusedByKind.map(k => `${KIND_LABELS.get(k.kind) ?? k.kind} ${k.count}`).join('，'));
    for (const sheet of report.sheets) {
        print(`  工作表「${sheet.sheet}」：${sheet.imported ? `表头第 ${sheet.headerRow} 行，事项 ${sheet.items}，阶次 ${sheet.tiers}` : `未导入（${sheet.reason}）`}`);
    }
    for (const cell of report.unused) {
        const text = cell.text.replace(/\s+/g, ' ');
        print(`  ${cell.sheet}!${cell.cell}（${cell.header}）${cell.reason} → ${cell.keptAs}：${text.length > 60 ? `${text.slice(0, 60)}…` : text}`);
    }
    const line = (s: DiagnosticsSummary) => `错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}` + (s.byCode.length > 0 ? `（${s.byCode.map(c => `${c.code}×${c.count}`).join('、')}）` : '');
    print(`单独校验：${line(report.diagnostics.alone)}`);
    if (report.diagnostics.withContext) print(`与 ${report.diagnostics.withContext.context.join('、')} 一起校验：${line(report.diagnostics.withContext)}`);
    print(`报告已写入 ${path.join(path.dirname(report.output), 'import-report.json')}`);
}
