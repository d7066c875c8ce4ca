import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import pc from 'picocolors';
import stringWidth from 'string-width';
import type { Diagnostic } from 'vscode-languageserver-types';
import { suppressionOf } from '@chidu/language/core';
import type { FileProblem } from './workspace.js';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/**
 * One diagnostic, 1-based positions, as `--format json` prints it. A finding suppressed by a
 * `// 尺度：忽略` comment keeps its own severity and message and carries `suppressed: { reason }`; it does
 * not count for the exit code.
 */
export interface ReportedDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: SeverityName;
    readonly code: string;
    readonly message: string;
    readonly suppressed?: { readonly reason: string };
}

const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const SEVERITY_WORDS: Record<SeverityName, string> = { error: '错误', warning: '警告', info: '提示', hint: '提示' };

export function displayPath(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** Every diagnostic of the workspace, sorted; `nameOf` names a file (default: relative to the current directory). */
export function collectDiagnostics(documents: readonly LangiumDocument[], problems: readonly FileProblem[],
    nameOf: (file: string) => string = displayPath): ReportedDiagnostic[] {
    const reported: ReportedDiagnostic[] = problems.map(p => ({
        file: nameOf(p.file), line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: p.code, message: p.message
    }));
    for (const document of documents) {
        for (const d of document.diagnostics ?? []) {
            reported.push(toReported(nameOf(document.uri.fsPath), d));
        }
    }
    return reported.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

function toReported(file: string, d: Diagnostic): ReportedDiagnostic {
    const suppressed = suppressionOf(d);
    const code = String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? 'CD009');
    if (suppressed) {
        return {
            file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            severity: suppressed.severity, code, message: suppressed.message, suppressed: { reason: suppressed.reason }
        };
    }
    return {
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY_NAMES[d.severity ?? 1] ?? 'error',
        code: String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? 'CD009'),
        message: typeof d.message === 'string' ? d.message : String(d.message)
    };
}

export function formatText(d: ReportedDiagnostic): string {
    const word = d.suppressed ? `已忽略的${SEVERITY_WORDS[d.severity]}` : SEVERITY_WORDS[d.severity];
    return `${d.file}:${d.line}:${d.column}: ${word} ${d.code} ${d.message}${d.suppressed ? `（理由：${d.suppressed.reason}）` : ''}`;
}

/** Whether the run fails: any error, or under --strict any warning; suppressed findings do not count. */
export function fails(diagnostics: readonly ReportedDiagnostic[], strict: boolean | undefined): boolean {
    return diagnostics.some(d => !d.suppressed && (d.severity === 'error' || (strict === true && d.severity === 'warning')));
}

/** Which findings the text output prints: errors and warnings, hints with --info, suppressed ones with --info. */
export function shownInText(d: ReportedDiagnostic, info: boolean | undefined): boolean {
    return info === true || (!d.suppressed && (d.severity === 'error' || d.severity === 'warning'));
}

export function summary(diagnostics: readonly ReportedDiagnostic[], files: number): string {
    const active = diagnostics.filter(d => !d.suppressed);
    const errors = active.filter(d => d.severity === 'error').length;
    const warnings = active.filter(d => d.severity === 'warning').length;
    const infos = active.filter(d => d.severity === 'info' || d.severity === 'hint').length;
    const suppressed = diagnostics.length - active.length;
    return `${files} 个文件，${errors} 个错误，${warnings} 个警告，${infos} 个提示${suppressed > 0 ? `，${suppressed} 个已忽略` : ''}`;
}

/** How diagnostics are shown on a terminal: colour, and the source line with a caret under the range. */
export interface PrettyOptions {
    readonly colour: boolean;
    /** The text of a reported file (by its displayed path), or undefined when it cannot be shown. */
    readonly source: (file: string) => string | undefined;
}

/**
 * `file:line:col: 错误 CODE message`, then the line of the source and a caret line under the range (widths in
 * terminal columns: a Chinese character takes two).
 */
export function formatPretty(d: ReportedDiagnostic, options: PrettyOptions): string {
    const c = pc.createColors(options.colour);
    const paint = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
    const head = `${c.bold(`${d.file}:${d.line}:${d.column}:`)} ${paint(c.bold(SEVERITY_WORDS[d.severity]))} ${c.dim(d.code)} ${d.message}`;
    const text = options.source(d.file);
    const line = text?.split(/\r\n|\r|\n/)[d.line - 1];
    if (line === undefined || line.length > 400) {
        return head;
    }
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    const shown = line.replace(/\t/g, ' ');
    const before = stringWidth(shown.slice(0, d.column - 1));
    const endColumn = d.endLine === d.line ? d.endColumn : shown.length + 1;
    const width = Math.max(1, stringWidth(shown.slice(d.column - 1, Math.max(d.column, endColumn) - 1)));
    return `${head}\n${c.dim(`${gutter} |`)} ${shown}\n${c.dim(`${pad} |`)} ${' '.repeat(before)}${paint('^'.repeat(width))}`;
}
