import { DefaultLexer, type LexerResult, type LexingDiagnostic, type TokenizeOptions } from 'langium';
import { canonicalText } from '../text/canonical.js';

type IToken = LexerResult['tokens'][number];

/**
 * How deep 同时满足 / 满足其一 groups may nest. Real lists nest two or three levels; the parser descends
 * recursively into every group (about 30 frames per level), and around 250 levels exhausted Node's default
 * stack, which left a file with no diagnostics at all. The limit is far above real use and far below that.
 */
export const MAX_CONDITION_DEPTH = 32;

/**
 * Langium inserts the hidden tokens (comments) before a token into the CST with one `splice(…, ...nodes)`,
 * which passes every node as a call argument: a run of about 120,000 comments between two tokens exceeded
 * V8's argument limit ("Maximum call stack size exceeded" in CstNodeBuilder.insertChildren). Runs longer
 * than this are merged into fewer, longer comment tokens (the text and positions are unchanged).
 */
const MAX_HIDDEN_RUN = 10_000;

/** A lexing diagnostic that carries its own Chidu code (translated by ChiduDocumentValidator). */
export interface CodedLexingDiagnostic extends LexingDiagnostic {
    readonly chiduCode: 'CD001' | 'CD110' | 'CD111';
}

export function isCodedLexingDiagnostic(diagnostic: LexingDiagnostic): diagnostic is CodedLexingDiagnostic {
    return typeof (diagnostic as Partial<CodedLexingDiagnostic>).chiduCode === 'string';
}

/**
 * Lexes the canonical form of the text (half-width punctuation and digits, simplified characters), which has
 * the same length as what the user wrote: token offsets stay valid, token images and values are canonical,
 * so a 繁體 file (罰款、從重) reads exactly like its 简体 twin.
 *
 * Two guards keep pathological input from exhausting the stack (every file must get its diagnostics):
 * condition groups nested deeper than MAX_CONDITION_DEPTH are cut out of the token stream with a located
 * CD110 error, and very long runs of comments are merged. Quoted text and citations holding control
 * characters or bidirectional controls get a CD111 error per character.
 */
export class ChiduLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const canonical = canonicalText(text);
        const unclosed = unclosedBlockComment(canonical);
        let lexed = unclosed === undefined ? canonical : canonical.slice(0, unclosed.offset);
        let result = super.tokenize(lexed, options);
        const diagnostics: CodedLexingDiagnostic[] = [];
        // A 「 left open runs to the next 」 lines later, swallowing the fields between: close it at its line's end.
        for (let pass = 0; pass < MAX_QUOTE_REPAIRS; pass++) {
            const repair = runawayQuotes(result.tokens, lexed);
            if (repair.openings.length === 0) {
                break;
            }
            for (const opening of repair.openings) {
                diagnostics.push({
                    chiduCode: 'CD001', severity: 'error', offset: opening.startOffset, length: 1,
                    line: opening.startLine ?? 1, column: opening.startColumn ?? 1,
                    message: '引号「没有结束：本行末尾之前缺少「」」（按在行末结束读取）'
                });
            }
            lexed = repair.text;
            result = super.tokenize(lexed, options);
        }
        if (unclosed !== undefined) {
            diagnostics.push({
                chiduCode: 'CD001', severity: 'error', offset: unclosed.offset, length: 2, line: unclosed.line, column: unclosed.column,
                message: '块注释「/*」没有结束（缺少「*/」）：从这里到文件末尾都未被读取'
            });
        }
        const tokens = limitConditionDepth(result.tokens, diagnostics);
        findInvisibleCharacters(tokens, diagnostics);
        const hidden = mergeLongHiddenRuns(result.hidden, tokens, canonical);
        if (diagnostics.length === 0 && tokens === result.tokens && hidden === result.hidden) {
            return result;
        }
        const report = { ...result.report, diagnostics: [...(result.report?.diagnostics ?? []), ...diagnostics] };
        return { ...result, tokens, hidden, report };
    }
}

const CONDITION_MODES = new Set(['同时满足', '满足其一']);

const MAX_QUOTE_REPAIRS = 8;

/**
 * Where to write the missing 」 on the line [start, end): a space before a final brace (「甲 { → 「甲」{), else a
 * trailing space, else the line's last character; undefined when the mark is the line's last character.
 */
function closingPosition(text: string, start: number, end: number): number | undefined {
    let last = end - 1;
    while (last > start && /[ \t]/.test(text[last]!)) last--;
    if ((text[last] === '{' || text[last] === '}') && last - 1 > start && /[ \t]/.test(text[last - 1]!)) {
        return last - 1;
    }
    if (last < end - 1) {
        return end - 1;
    }
    return last > start ? last : undefined;
}

/**
 * Quoted text that runs past the end of its line into text that opens another 「: its 「 was left open (a 「…」
 * can span lines, but not one that holds another opening mark). The text returned has the last character of that
 * line replaced by 」, which keeps every offset; the tokens after it then read as written.
 */
function runawayQuotes(tokens: readonly IToken[], text: string): { text: string; openings: IToken[] } {
    const openings: IToken[] = [];
    let repaired = text;
    for (const token of tokens) {
        if (token.tokenType.name !== 'STRING' || !token.image.startsWith('「')) continue;
        const newline = token.image.indexOf('\n');
        const inner = token.image.indexOf('「', 1);
        if (newline < 0 || inner < 0 || inner < newline) continue;
        let end = token.startOffset + newline;
        if (repaired[end - 1] === '\r') end--;
        const at = closingPosition(repaired, token.startOffset, end);
        if (at === undefined) continue; // nothing after the mark on its line
        repaired = `${repaired.slice(0, at)}」${repaired.slice(at + 1)}`;
        openings.push(token);
    }
    return { text: repaired, openings };
}

/**
 * How deep braces of any kind may nest. The deepest real construct (document, item, tier, penalty block,
 * escalation, and condition groups inside an entry) stays far below it; beyond it a `{` can only come from
 * broken input, where the parser's recovery descends once per brace (3,000 × `若「x」 {` inside a condition
 * group overflowed the stack in chevrotain's recovery).
 */
export const MAX_BRACE_DEPTH = MAX_CONDITION_DEPTH + 32;

/**
 * Removes every condition group that would open deeper than MAX_CONDITION_DEPTH, and every brace that would
 * open deeper than MAX_BRACE_DEPTH (from its mode keyword or brace to its closing brace, or to the end of the
 * file when it is not closed), and reports each at its first token. A mode keyword opens a group even without
 * its `{`: the parser's error recovery inserts the brace and descends (50,000 × 「同时满足」 without braces
 * overflowed the stack inside chevrotain's recovery), so such a group is counted as open until the next `}`.
 * Returns the input array itself when nothing was removed.
 */
function limitConditionDepth(tokens: IToken[], diagnostics: CodedLexingDiagnostic[]): IToken[] {
    // 不属于 opens a group only before its brace: after a fact's name it tests a value (「区域」 不属于 「…」).
    const isMode = (i: number) => i < tokens.length
        && (CONDITION_MODES.has(tokens[i].tokenType.name) || (tokens[i].tokenType.name === '不属于' && isOpen(i + 1)));
    const isOpen = (i: number) => i < tokens.length && tokens[i].tokenType.name === '{';
    // One entry per open brace or group: whether it is a condition group.
    const open: boolean[] = [];
    let depth = 0;
    let kept: IToken[] | undefined;
    /** Reports the group or brace opening at i and returns the index of its closing brace (or the last token). */
    const cut = (i: number, message: string): number => {
        const token = tokens[i];
        diagnostics.push({
            chiduCode: 'CD110', severity: 'error', offset: token.startOffset, length: token.image.length,
            line: token.startLine ?? 1, column: token.startColumn ?? 1, message
        });
        kept ??= tokens.slice(0, i);
        // Skip to the end of this group (nested groups and braces counted the same way).
        let inner = 1;
        let j = isMode(i) && isOpen(i + 1) ? i + 2 : i + 1;
        for (; j < tokens.length; j++) {
            if (isMode(j)) {
                inner++;
                if (isOpen(j + 1)) j++;
            } else if (isOpen(j)) {
                inner++;
            } else if (tokens[j].tokenType.name === '}' && --inner === 0) {
                break;
            }
        }
        return j;
    };
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const name = token.tokenType.name;
        if (isMode(i)) {
            if (depth >= MAX_CONDITION_DEPTH || open.length >= MAX_BRACE_DEPTH) {
                i = cut(i, `条件组嵌套超过 ${MAX_CONDITION_DEPTH} 层：此处的「${token.image}」组及其内容未被读取`);
                continue;
            }
            open.push(true);
            depth++;
            kept?.push(token);
            if (isOpen(i + 1)) {
                i++;
                kept?.push(tokens[i]); // the group's own brace
            }
            continue;
        }
        if (name === '{') {
            if (open.length >= MAX_BRACE_DEPTH) {
                i = cut(i, `花括号嵌套超过 ${MAX_BRACE_DEPTH} 层：此处的「{」及其内容未被读取`);
                continue;
            }
            open.push(false);
        } else if (name === '}' && open.length > 0) {
            if (open.pop()) depth--;
        }
        kept?.push(token);
    }
    return kept ?? tokens;
}

/**
 * Where a block comment opens that nothing closes: a `/*` outside quotes, citations and line comments with no
 * `*\/` anywhere after it. The lexer would try every token at every following character (a 200 KB tail took
 * seconds) and report each as unknown; instead the text before it is lexed and one error names the opening.
 * Quotes are skipped the way the lexer reads them (「…」 and “…” across lines, "…" and 《…》 within one line);
 * an opening mark without its closing one is an ordinary character, as it is for the lexer.
 */
function unclosedBlockComment(text: string): { offset: number; line: number; column: number } | undefined {
    const open = text.indexOf('/*');
    if (open < 0 || text.indexOf('*/', open + 2) >= 0 && text.lastIndexOf('/*') < text.lastIndexOf('*/')) {
        return undefined; // the common case: no block comment, or the last one is closed
    }
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') {
            line++;
            lineStart = i + 1;
            continue;
        }
        const close = c === '「' ? '」' : c === '“' ? '”' : c === '"' ? '"' : c === '《' ? '》' : undefined;
        if (close) {
            const end = text.indexOf(close, i + 1);
            const newline = text.indexOf('\n', i + 1);
            const oneLine = c === '"' || c === '《';
            if (end > i && !(oneLine && newline >= 0 && newline < end) && !(c === '《' && text.lastIndexOf('《', end) !== i)) {
                for (let k = i + 1; k < end; k++) {
                    if (text[k] === '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end;
            }
            continue;
        }
        if (c === '/' && text[i + 1] === '/') {
            const newline = text.indexOf('\n', i);
            if (newline < 0) return undefined;
            i = newline - 1;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0) {
                return { offset: i, line, column: i - lineStart + 1 };
            }
            for (let k = i + 2; k < end; k++) {
                if (text[k] === '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            i = end + 1;
        }
    }
    return undefined;
}

/**
 * Merges each run of more than MAX_HIDDEN_RUN hidden tokens that stand between the same two visible tokens
 * into at most MAX_HIDDEN_RUN tokens, each spanning consecutive comments (and the space between them).
 */
function mergeLongHiddenRuns(hidden: IToken[], tokens: readonly IToken[], text: string): IToken[] {
    if (hidden.length <= MAX_HIDDEN_RUN) {
        return hidden;
    }
    const result: IToken[] = [];
    let next = 0; // index of the first visible token after the current hidden token
    let i = 0;
    while (i < hidden.length) {
        while (next < tokens.length && tokens[next].startOffset < hidden[i].startOffset) next++;
        const limit = next < tokens.length ? tokens[next].startOffset : Infinity;
        let end = i;
        while (end < hidden.length && hidden[end].startOffset < limit) end++;
        const run = end - i;
        if (run <= MAX_HIDDEN_RUN) {
            for (let k = i; k < end; k++) result.push(hidden[k]);
        } else {
            const size = Math.ceil(run / MAX_HIDDEN_RUN);
            for (let k = i; k < end; k += size) {
                const first = hidden[k];
                const last = hidden[Math.min(k + size, end) - 1];
                result.push({
                    ...first,
                    image: text.slice(first.startOffset, (last.endOffset ?? last.startOffset) + 1),
                    endOffset: last.endOffset, endLine: last.endLine, endColumn: last.endColumn
                });
            }
        }
        i = end;
    }
    return result;
}

/**
 * Characters that must not stand inside a name, a condition or a citation: C0/C1 control characters (tab and
 * line breaks aside) and the Unicode bidirectional controls (embeddings and overrides U+202A–U+202E, isolates
 * U+2066–U+2069, the marks U+200E, U+200F, U+061C). They are invisible, and the bidirectional ones reorder
 * what a reader sees (CVE-2021-42574, "Trojan Source"): 「首次违法」 could display as something else than it is.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const BIDI_NAMES: Readonly<Record<number, string>> = {
    0x061C: 'ARABIC LETTER MARK', 0x200E: 'LEFT-TO-RIGHT MARK', 0x200F: 'RIGHT-TO-LEFT MARK',
    0x202A: 'LEFT-TO-RIGHT EMBEDDING', 0x202B: 'RIGHT-TO-LEFT EMBEDDING', 0x202C: 'POP DIRECTIONAL FORMATTING',
    0x202D: 'LEFT-TO-RIGHT OVERRIDE', 0x202E: 'RIGHT-TO-LEFT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
    0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE'
};

const CHECKED_TOKENS = new Set(['STRING', 'CITATION']);

function findInvisibleCharacters(tokens: readonly IToken[], diagnostics: CodedLexingDiagnostic[]): void {
    for (const token of tokens) {
        if (!CHECKED_TOKENS.has(token.tokenType.name) || !INVISIBLE.test(token.image)) {
            continue;
        }
        INVISIBLE.lastIndex = 0;
        for (const match of token.image.matchAll(INVISIBLE)) {
            const index = match.index ?? 0;
            const before = token.image.slice(0, index);
            const lineBreaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
            const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
            const code = match[0].charCodeAt(0);
            const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
            const bidi = Object.prototype.hasOwnProperty.call(BIDI_NAMES, code) ? BIDI_NAMES[code] : undefined;
            diagnostics.push({
                chiduCode: 'CD111', severity: 'error', offset: token.startOffset + index, length: 1,
                line: (token.startLine ?? 1) + lineBreaks,
                column: lineBreaks === 0 ? (token.startColumn ?? 1) + index : index - lineStart + 1,
                message: bidi
                    ? `文字中有不可见的双向控制符 ${hex}（${bidi}）：它改变文字的显示顺序，读者看到的与 Chidu 读取的不同；请删除`
                    : `文字中有不可见的控制字符 ${hex}：请删除`
            });
        }
    }
}
