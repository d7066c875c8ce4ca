import {
    type AstNode, type CstNode, type GrammarAST as GrammarTypes, type LangiumDocument, GrammarAST, GrammarUtils, isCompositeCstNode
} from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/** Separators between list elements: no space before; after 、 and ，none either. */
const TIGHT_SEPARATORS = new Set(['、', '，', '；']);
const SEPARATORS = new Set(['、', '，', ',', ';', '；']);

/** The root of a document of any kind: its header block is followed by its items, entries or matters. */
function isDocumentRoot(node: AstNode): boolean {
    return ast.isBenchmark(node) || ast.isExemptionList(node) || ast.isMatterCatalogue(node);
}

/** Nodes written without inner spaces: 十万元以上二十万元以下, 百分之五, 3年. */
function isTight(node: AstNode): boolean {
    return ast.isQuantity(node) || ast.isDuration(node) || ast.isBound(node) || ast.isRange(node) || ast.isBoundaryRule(node);
}

/**
 * The canonical layout: header fields one per line, a blank line between items, every statement of an item,
 * tier, 法定处罚 or escalation block on its own line, block bodies indented 4 spaces, one space between words,
 * amounts written without inner spaces (`罚款 十万元以上二十万元以下`), list separators tight (`3-1、3-5`).
 * Comments are kept and re-indented; a comment stays attached to the statement below it.
 *
 * The rules are derived from the grammar: a statement is what starts an alternative of a `( … )*` loop between
 * braces, so blocks added to the grammar later are laid out the same way.
 */
export class ChiduFormatter extends AbstractFormatter {
    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        // The canonical layout indents with 4 spaces whatever the editor's tab settings.
        try {
            return super.doDocumentFormat(document, { ...options, tabSize: 4, insertSpaces: true }, range);
        } catch (error) {
            console.error('Chidu formatting failed:', error);
            return [];
        }
    }

    protected format(node: AstNode): void {
        const cst = node.$cstNode;
        if (!cst || !isCompositeCstNode(cst)) {
            return;
        }
        const formatter = this.getNodeFormatter(node);
        const children = flatten(cst, node);
        const open = children.findIndex(c => keywordOf(c) === '{');
        const close = open >= 0 ? findClose(children, open) : -1;
        // A block that follows a statement keyword (法定处罚 { … }) is indented from that keyword's line, which the
        // base class does not carry over: its body needs one more level.
        const extra = open >= 0 && followsLeafStatement(cst) ? 1 : 0;
        const layout: Layout = { open, close, extra };
        let previous: CstNode | undefined;
        let previousIndex = -1;
        for (let i = 0; i < children.length; i++) {
            const child = children[i];
            const region = formatter.cst([child]);
            const inBlock = open >= 0 && i > open && (close < 0 || i < close);
            if (child.hidden) {
                // A comment on a line of its own follows the block's indentation (trailing comments stay put).
                if (inBlock && startsLine(child)) {
                    region.prepend(lineBreak(1 + extra));
                } else if (isDocumentRoot(node) && close >= 0 && i > close && startsLine(child) && startsCommentRun(children, i)) {
                    region.prepend(Formatting.newLines(2));
                }
                continue;
            }
            if (previous === undefined) {
                previous = child;
                previousIndex = i;
                continue;
            }
            region.prepend(this.spacing(node, previous, child, layout, {
                inBlock, afterOpen: previousIndex === open, isClose: i === close, afterBlock: close >= 0 && i > close
            }));
            previous = child;
            previousIndex = i;
        }
    }

    private spacing(node: AstNode, previous: CstNode, child: CstNode, layout: Layout,
        at: { inBlock: boolean; afterOpen: boolean; isClose: boolean; afterBlock: boolean }): FormattingAction {
        const keyword = keywordOf(child);
        const previousKeyword = keywordOf(previous);
        if (keyword === '{') {
            return Formatting.oneSpace();
        }
        if (at.isClose) {
            return layout.close === layout.open + 1 ? Formatting.oneSpace() : lineBreak(layout.extra);
        }
        if (at.afterBlock && isDocumentRoot(node)) {
            // items, entries, matters, adoptions and imports after the header: one blank line between them
            return keyword && SEPARATORS.has(keyword) ? Formatting.noSpace() : Formatting.newLines(2);
        }
        if (at.inBlock && (at.afterOpen || startsStatement(child))) {
            return keyword === ';' ? Formatting.noSpace() : lineBreak(1 + layout.extra);
        }
        if (keyword && SEPARATORS.has(keyword)) {
            return Formatting.noSpace();
        }
        if (previousKeyword && TIGHT_SEPARATORS.has(previousKeyword)) {
            return Formatting.noSpace();
        }
        if (keyword === '：' || keyword === '时') {
            return Formatting.noSpace();
        }
        if (ast.isBound(node) && isInclusion(child)) {
            return Formatting.oneSpace();
        }
        if (ast.isRange(node)) {
            // between two bounds: tight, unless the first ends with 含本数 / 不含本数
            const first = previous.astNode;
            return ast.isBound(first) && first.inclusion !== undefined ? Formatting.oneSpace() : Formatting.noSpace();
        }
        if (ast.isBoundaryRule(node)) {
            return keyword === '以下' ? Formatting.oneSpace() : Formatting.noSpace();
        }
        if (isTight(node)) {
            return Formatting.noSpace();
        }
        if (ast.isTier(node) && GrammarUtils.findAssignment(child)?.feature === 'conditions' && !keywordOf(previous)) {
            // A long list of 情形 may wrap: a line break the author made is kept, as a hanging indent.
            return { options: {}, moves: [{ characters: 1 }, { lines: 1, tabs: 2 + layout.extra }] };
        }
        return Formatting.oneSpace();
    }

    /**
     * Line breaks around comments: before a comment on its own line (which the base class only re-indents), and
     * never a blank line between a comment and the statement it heads.
     */
    protected override createTextEdit(a: CstNode | undefined, b: CstNode, formatting: FormattingAction, context: FormattingContext): TextEdit[] {
        const wantsLines = formatting.moves.some(m => m.lines !== undefined);
        if (b.hidden && a && wantsLines) {
            const aEnd = a.range.end;
            const bStart = b.range.start;
            if (aEnd.line === bStart.line) {
                return [];
            }
            const move = formatting.moves[0];
            const existing = bStart.line - aEnd.line;
            const lines = Math.max(move.lines ?? 1, Math.min(existing, 2));
            const indentation = context.indentation + (move.tabs ?? 0);
            const newText = `${'\n'.repeat(lines)}${' '.repeat(indentation * (context.options.insertSpaces ? context.options.tabSize : 1))}`;
            return [{ range: { start: aEnd, end: bStart }, newText }];
        }
        if (a?.hidden && wantsLines && standsAlone(a, context)) {
            formatting = { options: formatting.options, moves: formatting.moves.map(m => m.lines !== undefined ? { ...m, lines: 1 } : m) };
        }
        return super.createTextEdit(a, b, formatting, context);
    }
}

interface Layout {
    /** Index of the block's `{` among the node's children (-1: no block). */
    readonly open: number;
    readonly close: number;
    /** Extra indentation of the block body. */
    readonly extra: number;
}

/** A line break indented `tabs` levels deeper than the enclosing statement's level. */
function lineBreak(tabs: number): FormattingAction {
    return tabs === 0 ? Formatting.newLine() : { options: {}, moves: [{ tabs, lines: 1 }] };
}

/**
 * True when the statement a block belongs to starts with a leaf (`法定处罚 { … }`, `权重表 { … }`): the base
 * class keeps a statement's indentation only while inside a composite node that starts it.
 */
function followsLeafStatement(cst: CstNode): boolean {
    let current: CstNode = cst;
    while (current.container) {
        if (startsStatement(current)) {
            return false;
        }
        const siblings = current.container.content;
        for (let j = siblings.indexOf(current) - 1; j >= 0; j--) {
            const sibling = siblings[j];
            if (sibling.hidden) continue;
            if (keywordOf(sibling) === '{') return false;
            if (startsStatement(sibling)) return !isCompositeCstNode(sibling);
        }
        current = current.container;
    }
    return false;
}

/** The children of a node's CST, descending into composites of the same AST node (unassigned rule calls). */
function flatten(cst: CstNode, node: AstNode): CstNode[] {
    const out: CstNode[] = [];
    const visit = (current: CstNode) => {
        if (isCompositeCstNode(current)) {
            for (const child of current.content) {
                if (isCompositeCstNode(child) && child.astNode === node && !isDatatypeCall(child)) {
                    visit(child);
                } else {
                    out.push(child);
                }
            }
        }
    };
    visit(cst);
    return out;
}

function isDatatypeCall(cst: CstNode): boolean {
    const source = cst.grammarSource;
    if (!source || !GrammarAST.isRuleCall(source)) {
        return false;
    }
    const rule = source.rule.ref;
    return GrammarAST.isParserRule(rule) && rule.dataType !== undefined;
}

function keywordOf(cst: CstNode): string | undefined {
    const source = cst.grammarSource;
    return source && GrammarAST.isKeyword(source) ? source.value : undefined;
}

function isInclusion(cst: CstNode): boolean {
    const text = cst.text.trim();
    return text === '含本数' || text === '不含本数';
}

/** The brace closing the one at `open`, among the same node's children. */
function findClose(children: CstNode[], open: number): number {
    let depth = 0;
    for (let i = open; i < children.length; i++) {
        const keyword = keywordOf(children[i]);
        if (keyword === '{') depth++;
        if (keyword === '}') {
            depth--;
            if (depth === 0) return i;
        }
    }
    return -1;
}

/** True when a CST child starts an alternative of a `( … )*` / `( … )+` loop: a statement of a block. */
function startsStatement(cst: CstNode): boolean {
    let element: GrammarTypes.AbstractElement | undefined = cst.grammarSource as GrammarTypes.AbstractElement | undefined;
    while (element) {
        if (element.cardinality === '*' || element.cardinality === '+') {
            return GrammarAST.isAlternatives(element);
        }
        const container: AstNode | undefined = element.$container;
        if (GrammarAST.isAssignment(container) || GrammarAST.isCrossReference(container)) {
            element = container;
        } else if (GrammarAST.isGroup(container)) {
            if (container.elements[0] !== element) {
                return false;
            }
            element = container;
        } else if (GrammarAST.isAlternatives(container)) {
            element = container;
        } else {
            return false;
        }
    }
    return false;
}

/** A comment that begins its line. */
function startsLine(cst: CstNode): boolean {
    const text = cst.root.fullText;
    let i = cst.offset - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i--;
    return i < 0 || text[i] === '\n' || text[i] === '\r';
}

/** The first comment of a run of comments (nothing but comments between it and the next statement). */
function startsCommentRun(children: CstNode[], index: number): boolean {
    const before = children[index - 1];
    return before === undefined || !before.hidden;
}

function standsAlone(comment: CstNode, context: FormattingContext): boolean {
    const start = comment.range.start;
    const lineStart = context.document.getText({ start: { line: start.line, character: 0 }, end: start });
    return lineStart.trim().length === 0;
}
