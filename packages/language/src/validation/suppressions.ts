import { type AstNode, CstUtils, type LangiumDocument, type Lexer } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DIAGNOSTICS, type DiagnosticCode, PLACEHOLDER_REASON, SUPPRESSION_CODES, type SuppressedInfo, isDiagnosticCode } from './diagnostic-codes.js';

/**
 * Suppressions written where the finding is, as a line comment:
 *
 *     // 尺度：忽略 CD502 「2020 年版原文如此，待修订时调整」        on its own line: the next line of code
 *     阶次 4 { 罚款 四万元以上五万元以下 }  // 尺度：忽略 CD502 「…」   at the end of a line: that line
 *     // 尺度：忽略本项 CD502、CD501 「…」                           above a 事项 / 阶次 / 条目: all of it
 *
 * A finding is suppressed when its code is listed and it starts on a covered line. It stays in the
 * document's diagnostics (editor, CLI and build read the same list) as a hint whose `data.suppressed` holds
 * the reason, its own severity and message; it no longer counts for exit codes. Only warnings and hints can
 * be suppressed: an error means the result would be unlawful or contradicts the upper document, which a
 * comment cannot change (CD122). A suppression without a reason suppresses nothing (CD120); one that matches
 * nothing is stale (CD121); one that cannot be read or names an unknown code is reported (CD123).
 */

const OWN_CODES = SUPPRESSION_CODES;

interface Suppression {
    /** The comment (the whole `// …`), for diagnostics about the suppression. */
    readonly range: Range;
    readonly codes: readonly string[];
    readonly reason: string | undefined;
    /** Lines (0-based, inclusive) whose findings it covers; undefined when it covers nothing. */
    readonly lines: { readonly first: number; readonly last: number } | undefined;
    readonly problem?: string;
}

const MARKER = /^\/\/\s*尺度\s*[:：]\s*忽略/;
const FORM = /^\/\/\s*尺度\s*[:：]\s*忽略(本项)?\s*((?:CD\d{3}\s*[、,，]?\s*)*)(.*)$/;
const REASON = /^(?:「([^」]*)」|“([^”]*)”|"([^"]*)")\s*$/;

function codeOf(diagnostic: Diagnostic): string {
    return String(diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code ?? '');
}

/** The suppression comments of a document, read from the hidden tokens of the document's own lexer. */
function readSuppressions(document: LangiumDocument, lexer: Lexer): Suppression[] {
    const text = document.textDocument.getText();
    if (!text.includes('忽略')) {
        return [];
    }
    const lines = text.split(/\r\n|\r|\n/);
    const result: Suppression[] = [];
    for (const token of lexer.tokenize(text).hidden) {
        if (token.tokenType.name !== 'SL_COMMENT') continue;
        const comment = text.slice(token.startOffset, (token.endOffset ?? token.startOffset) + 1);
        if (!MARKER.test(comment)) continue;
        const start = document.textDocument.positionAt(token.startOffset);
        const range = { start, end: document.textDocument.positionAt(token.startOffset + comment.length) };
        const form = FORM.exec(comment.trimEnd());
        const codes = [...(form?.[2] ?? '').matchAll(/CD\d{3}/g)].map(m => m[0]);
        const rest = (form?.[3] ?? '').trim();
        const reasonMatch = REASON.exec(rest);
        const reasonText = reasonMatch ? (reasonMatch[1] ?? reasonMatch[2] ?? reasonMatch[3] ?? '').trim() : undefined;
        const reason = reasonText && reasonText !== PLACEHOLDER_REASON ? reasonText : undefined;
        const trailing = lines[start.line]!.slice(0, start.character).trim() !== '';
        const wholeNode = form?.[1] !== undefined;
        let problem: string | undefined;
        if (codes.length === 0) {
            problem = '忽略注释须写明要忽略的诊断代码，如：// 尺度：忽略 CD502 「理由」';
        } else if (rest !== '' && !reasonMatch) {
            problem = `忽略注释的理由须写在「」内，且其后不能再有文字：${rest}`;
        } else if (wholeNode && trailing) {
            problem = '「忽略本项」须单独成行，写在事项、阶次或条目的上一行';
        }
        const target = trailing ? start.line : nextCodeLine(lines, start.line + 1);
        let covered = target === undefined ? undefined : { first: target, last: target };
        if (wholeNode && covered && !trailing) {
            const node = outermostNodeStartingOn(document, lines, covered.first);
            covered = node?.$cstNode ? { first: covered.first, last: node.$cstNode.range.end.line } : covered;
        }
        result.push({ range, codes, reason, lines: problem ? undefined : covered, problem });
    }
    return result;
}

/** The first line from `from` on that holds something other than blanks and line comments. */
function nextCodeLine(lines: readonly string[], from: number): number | undefined {
    for (let line = from; line < lines.length; line++) {
        const trimmed = lines[line]!.trim();
        if (trimmed !== '' && !trimmed.startsWith('//')) return line;
    }
    return undefined;
}

/** The outermost AST node that starts on the line (a 事项, 阶次, 条目 or the document header written there). */
function outermostNodeStartingOn(document: LangiumDocument, lines: readonly string[], line: number): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const column = lines[line]!.length - lines[line]!.trimStart().length;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt({ line, character: column }));
    let found: AstNode | undefined;
    for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
        if (node.$cstNode?.range.start.line === line) found = node;
    }
    return found;
}

/**
 * Applies the document's suppressions to its diagnostics: suppressed findings become hints carrying
 * `data.suppressed`, and (when `own`) the suppressions' own problems are added. `complete` says whether every
 * check ran on a document that parsed, so that a suppression matching nothing is really stale.
 */
export function applySuppressions(document: LangiumDocument, lexer: Lexer, diagnostics: readonly Diagnostic[],
    run: { readonly own: boolean; readonly complete: boolean }, source: string): Diagnostic[] {
    const complete = run.complete;
    const suppressions = readSuppressions(document, lexer);
    if (suppressions.length === 0) {
        return [...diagnostics];
    }
    const used = suppressions.map(() => new Set<string>());
    const result = diagnostics.map(diagnostic => {
        const code = codeOf(diagnostic);
        if (OWN_CODES.has(code)) return diagnostic;
        const line = diagnostic.range.start.line;
        const index = suppressions.findIndex(s => s.lines && s.codes.includes(code) && line >= s.lines.first && line <= s.lines.last);
        if (index < 0) return diagnostic;
        const suppression = suppressions[index]!;
        used[index]!.add(code);
        const severity = diagnostic.severity ?? 1;
        if (!suppression.reason || severity === 1) return diagnostic;
        const suppressed: SuppressedInfo = { reason: suppression.reason, severity: severity === 2 ? 'warning' : 'info', message: String(diagnostic.message) };
        return {
            ...diagnostic, severity: 4 as const, message: `已忽略（${suppression.reason}）：${suppressed.message}`,
            data: { ...(diagnostic.data as object | undefined), code, suppressed }
        };
    });
    const own = (code: DiagnosticCode, range: Range, message: string): Diagnostic =>
        ({ severity: DIAGNOSTICS[code].severity === 'error' ? 1 : 2, range, message, code, data: { code }, source });
    if (!run.own) {
        return result;
    }
    suppressions.forEach((suppression, index) => {
        if (suppression.problem) {
            result.push(own('CD123', suppression.range, suppression.problem));
            return;
        }
        const valid: string[] = [];
        for (const code of suppression.codes) {
            if (!isDiagnosticCode(code)) {
                result.push(own('CD123', suppression.range, `没有诊断代码 ${code}：请对照诊断代码目录（docs/diagnostics.md）改正`));
            } else if (OWN_CODES.has(code)) {
                result.push(own('CD123', suppression.range, `${code} 是关于忽略注释本身的诊断，不能忽略：请改正忽略注释`));
            } else if (DIAGNOSTICS[code].severity === 'error') {
                result.push(own('CD122', suppression.range,
                    `${code}（${DIAGNOSTICS[code].title}）是错误，不能忽略：错误表示处理结果将违法或与上级文件相抵触，须改正文件`));
            } else {
                valid.push(code);
            }
        }
        if (valid.length === 0) return;
        if (!suppression.reason) {
            result.push(own('CD120', suppression.range, `忽略 ${valid.join('、')} 须写明理由，如：// 尺度：忽略 ${valid[0]} 「理由」；没有理由的忽略不生效`));
            return;
        }
        const stale = valid.filter(code => !used[index]!.has(code));
        if (complete && stale.length > 0) {
            const where = !suppression.lines ? '其后没有内容'
                : suppression.lines.first === suppression.lines.last ? `第 ${suppression.lines.first + 1} 行没有 ${stale.join('、')} 诊断`
                    : `第 ${suppression.lines.first + 1}–${suppression.lines.last + 1} 行没有 ${stale.join('、')} 诊断`;
            result.push(own('CD121', suppression.range, `忽略注释已过时：${where}，请删除此注释（或删去其中的 ${stale.join('、')}）`));
        }
    });
    return result;
}
