import { type AstNode, type LangiumDocument, type MaybePromise, AstUtils, CstUtils, GrammarUtils } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import {
    type CodeAction, type CodeActionParams, CodeActionKind, type Command, type Diagnostic, type TextEdit
} from 'vscode-languageserver';
import type { Decimal } from 'decimal.js';
import {
    type BoundarySemantics, type ClampFix, type Dimension, type Endpoint, type Interval, LEVEL_RANK, type Level, checkContainment,
    intervalFromData, isDimension, toChineseInteger, typedFromText
} from '../domain/index.js';
import * as ast from '../generated/ast.js';
import { documentLabel, documentOf, levelOf, tierStandard } from '../model/document-model.js';
import { parentsOf } from '../scoping/item-index.js';
import { DIAGNOSTICS, PLACEHOLDER_REASON, SUPPRESSION_CODES, isDiagnosticCode, suppressionOf } from '../validation/diagnostic-codes.js';
import { displayInterval, leafAt, sanctionAnchor, tierNameText } from './lsp-support.js';

/**
 * Quick fixes, chosen by the diagnostic's code (`diagnostic.data.code`):
 * - CD401 / CD402 / CD303: clamp the offending bound to the upper tier, the upper item or the statutory range
 *   (the range text is rewritten, in the numerals the author used);
 * - CD209: add `细化 「上级阶次」`, one action per candidate upper tier, the ones that contain the tier first;
 * - CD101: add the missing header fields;
 * - CD106: write full-width characters half-width (this one, or all of them in the file);
 * - CD316: add the missing 责令改正 / 批评教育 to a 不予处罚 tier;
 * - every warning (not an error, which cannot be suppressed, nor one already suppressed): insert a
 *   suppression comment `// 尺度：忽略 CODE 「待填写理由」` above the finding's line (CD120 until the reason is written).
 */
export class ChiduCodeActionProvider implements CodeActionProvider {
    constructor(_services: LangiumServices) { }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                actions.push(...this.actionsFor(document, diagnostic));
            } catch (error) {
                console.error('Chidu code action failed:', error);
            }
        }
        try {
            actions.push(...this.typeCondition(document, params));
        } catch (error) {
            console.error('Chidu code action failed:', error);
        }
        return actions;
    }

    protected actionsFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        return [...this.fixesFor(document, diagnostic), ...this.suppress(document, diagnostic)];
    }

    private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const code = String((diagnostic.data as { code?: unknown } | undefined)?.code ?? diagnostic.code ?? '');
        switch (code) {
            case 'CD401':
            case 'CD402':
            case 'CD303':
                return this.clamp(document, diagnostic);
            case 'CD209':
                return this.addTierMapping(document, diagnostic);
            case 'CD101':
                return this.addHeaderFields(document, diagnostic);
            case 'CD106':
                return this.halfWidth(document, diagnostic);
            case 'CD316':
                return this.addMeasures(document, diagnostic);
            default:
                return [];
        }
    }

    /**
     * On a free-text condition that is a quantity and its range (「违法所得不超过五万元」): rewrite it as the typed
     * condition 指标 「违法所得」 不超过五万元, which the checker compares by meaning and the build exports as data.
     */
    private typeCondition(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const root = document.parseResult.value.$cstNode;
        const offset = document.textDocument.offsetAt(params.range.start);
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
        const node = leaf?.astNode;
        if (!ast.isTextCondition(node) || !node.$cstNode || typeof node.text !== 'string') {
            return [];
        }
        const typed = typedFromText(node.text);
        if (!typed) {
            return [];
        }
        const newText = `指标 「${typed.fact}」 ${typed.range}`;
        return [{
            title: `改写为类型化条件：${newText}`,
            kind: CodeActionKind.RefactorRewrite,
            edit: { changes: { [document.textDocument.uri]: [{ range: node.$cstNode.range, newText }] } }
        }];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Suppression comment for a warning or hint (validation/suppressions.ts)
    // ---------------------------------------------------------------------------------------------------------

    private suppress(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const code = String((diagnostic.data as { code?: unknown } | undefined)?.code ?? diagnostic.code ?? '');
        if (!isDiagnosticCode(code) || DIAGNOSTICS[code].severity !== 'warning' || SUPPRESSION_CODES.has(code)
            || diagnostic.severity !== 2 || suppressionOf(diagnostic)) {
            return [];
        }
        const line = diagnostic.range.start.line;
        const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
        const indent = /^[ \t\u3000]*/.exec(text)?.[0] ?? '';
        return [{
            title: `忽略此处的 ${code}（须填写理由）`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: {
                changes: {
                    [document.textDocument.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// 尺度：忽略 ${code} 「${PLACEHOLDER_REASON}」\n` }]
                }
            }
        }];
    }

    // ---------------------------------------------------------------------------------------------------------
    // CD401 / CD402 / CD303: clamp a range
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Applies the validator's verdict: the diagnostic's data holds the interval as read, the clamp target and the
     * boundary rule (validation/messages.ts `clampData`); the fix only writes the target in the author's words.
     */
    private clamp(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const fix = (diagnostic.data as { fix?: Partial<ClampFix> } | undefined)?.fix;
        const original = intervalFromData(fix?.original);
        const clamped = intervalFromData(fix?.clamp);
        const semantics = fix?.semantics;
        const anchor = this.anchorAt(document, diagnostic);
        const range = anchor ? rangeNodeOf(anchor) : undefined;
        if (!fix || !original || !clamped || !semantics || !range?.$cstNode || !isDimension(fix.dimension)) {
            return [];
        }
        const text = writeRange(range, original, clamped, fix.dimension, semantics);
        if (!text || text === range.$cstNode.text) {
            return [];
        }
        return [{
            title: `把幅度收回${fix.against ?? ''}之内：「${text}」 ${displayInterval(clamped, fix.dimension)}`,
            kind: CodeActionKind.QuickFix,
            isPreferred: true,
            diagnostics: [diagnostic],
            edit: { changes: { [document.textDocument.uri]: [{ range: range.$cstNode.range, newText: text }] } }
        }];
    }

    private anchorAt(document: LangiumDocument, diagnostic: Diagnostic): AstNode | undefined {
        const start = document.textDocument.offsetAt(diagnostic.range.start);
        const end = document.textDocument.offsetAt(diagnostic.range.end);
        const leaf = leafAt(document, start);
        let node: AstNode | undefined = leaf?.astNode;
        // The diagnostic covers the component's source node exactly: find it among the containers.
        while (node) {
            const cst = node.$cstNode;
            if (cst && cst.offset === start && cst.end === end && sanctionAnchor(node) === node) {
                return node;
            }
            node = node.$container;
        }
        return leaf ? sanctionAnchor(leaf.astNode) : undefined;
    }

    // ---------------------------------------------------------------------------------------------------------
    // CD209: name the refined upper tier
    // ---------------------------------------------------------------------------------------------------------

    private addTierMapping(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const leaf = leafAt(document, document.textDocument.offsetAt(diagnostic.range.start));
        const tier = leaf ? AstUtils.getContainerOfType(leaf.astNode, ast.isTier) : undefined;
        const upper = tier?.$container?.refines?.ref;
        if (!tier || !upper || !tier.$cstNode) {
            return [];
        }
        const open = GrammarUtils.findNodeForKeyword(tier.$cstNode, '{');
        if (!open) {
            return [];
        }
        const text = document.textDocument.getText();
        const own = tierStandard(tier).components;
        // Upper tiers that contain this tier come first (the first is preferred).
        const ranked = upper.tiers
            .filter(t => t.name !== undefined)
            .map(t => ({ tier: t, fits: own.length > 0 && checkContainment<AstNode, AstNode>(own, tierStandard(t).components).length === 0 }))
            .sort((a, b) => Number(b.fits) - Number(a.fits));
        const next = nextTokenStart(text, open.end);
        const sameLine = !text.slice(open.end, next).includes('\n');
        let insertText: (name: string) => string;
        if (sameLine) {
            insertText = name => ` 细化 ${name}`;
        } else {
            const lineStart = text.lastIndexOf('\n', next - 1) + 1;
            const indent = text.slice(lineStart, next);
            insertText = name => `\n${/^\s*$/.test(indent) ? indent : '    '}细化 ${name}`;
        }
        const position = document.textDocument.positionAt(open.end);
        return ranked.map(({ tier: candidate, fits }, index) => {
            const name = tierNameText(candidate.name);
            const interval = tierStandard(candidate).components.filter(c => c.interval)
                .map(c => displayInterval(c.interval!, c.dimension ?? 'yuan')).join('；');
            const edit: TextEdit = { range: { start: position, end: position }, newText: insertText(name) };
            return {
                title: `细化上级（${documentLabel(documentOf(upper))}）阶次${name.startsWith('「') ? name : `「${name}」`}${interval ? ` ${interval}` : ''}`,
                kind: CodeActionKind.QuickFix,
                isPreferred: index === 0 && fits,
                diagnostics: [diagnostic],
                edit: { changes: { [document.textDocument.uri]: [edit] } }
            };
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // CD101: missing header fields
    // ---------------------------------------------------------------------------------------------------------

    private addHeaderFields(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const benchmark = document.parseResult?.value;
        if (!ast.isBenchmark(benchmark) || !benchmark.$cstNode) {
            return [];
        }
        const close = GrammarUtils.findNodeForKeyword(benchmark.$cstNode, '}');
        if (!close) {
            return [];
        }
        const lines: string[] = [];
        if (benchmark.issuer.length === 0) {
            lines.push('制定机关 「（请填写制定机关）」');
        }
        if (benchmark.level.length === 0) {
            lines.push(`层级 ${guessLevel(benchmark)}`);
        }
        if (benchmark.effectiveFrom.length === 0) {
            lines.push(`施行日期 ${new Date().toISOString().slice(0, 10)}`);
        }
        if (lines.length === 0) {
            return [];
        }
        const text = document.textDocument.getText();
        const lineStart = text.lastIndexOf('\n', close.offset - 1) + 1;
        const before = text.slice(lineStart, close.offset);
        let newText: string;
        let at: number;
        if (/^\s*$/.test(before)) {
            // `}` on its own line: add the fields on lines above it, indented one level deeper
            at = lineStart;
            newText = lines.map(l => `${before}    ${l}\n`).join('');
        } else {
            at = close.offset;
            newText = lines.map(l => `\n    ${l}`).join('') + '\n';
        }
        const position = document.textDocument.positionAt(at);
        return [{
            title: `补全基准头部：${lines.map(l => l.split(' ')[0]).join('、')}`,
            kind: CodeActionKind.QuickFix,
            isPreferred: true,
            diagnostics: [diagnostic],
            edit: { changes: { [document.textDocument.uri]: [{ range: { start: position, end: position }, newText }] } }
        }];
    }

    // ---------------------------------------------------------------------------------------------------------
    // CD106: full-width characters
    // ---------------------------------------------------------------------------------------------------------

    private halfWidth(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const replacementOf = (d: Diagnostic) => (d.data as { replacement?: unknown } | undefined)?.replacement;
        const replacement = replacementOf(diagnostic);
        if (typeof replacement !== 'string') {
            return [];
        }
        const uri = document.textDocument.uri;
        const actions: CodeAction[] = [{
            title: `改为半角「${replacement}」`,
            kind: CodeActionKind.QuickFix,
            isPreferred: true,
            diagnostics: [diagnostic],
            edit: { changes: { [uri]: [{ range: diagnostic.range, newText: replacement }] } }
        }];
        const all = (document.diagnostics ?? []).filter(d => d.code === 'CD106' && typeof replacementOf(d) === 'string');
        if (all.length > 1) {
            actions.push({
                title: `把本文件的全角字符全部改为半角（${all.length} 处）`,
                kind: CodeActionKind.QuickFix,
                diagnostics: all,
                edit: { changes: { [uri]: all.map(d => ({ range: d.range, newText: replacementOf(d) as string })) } }
            });
        }
        return actions;
    }

    // ---------------------------------------------------------------------------------------------------------
    // CD316: 不予处罚 without 责令改正 / 批评教育
    // ---------------------------------------------------------------------------------------------------------

    private addMeasures(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const leaf = leafAt(document, document.textDocument.offsetAt(diagnostic.range.start));
        const tier = leaf ? AstUtils.getContainerOfType(leaf.astNode, ast.isTier) : undefined;
        if (!tier?.$cstNode) {
            return [];
        }
        const words = tierStandard(tier).measures.map(m => m.word);
        const missing = [
            words.some(w => w === '责令改正' || w === '责令限期改正') ? undefined : '责令改正',
            words.some(w => w === '教育' || w === '批评教育') ? undefined : '批评教育'
        ].filter((m): m is string => m !== undefined);
        const close = GrammarUtils.findNodesForKeyword(tier.$cstNode, '}').at(-1);
        if (missing.length === 0 || !close) {
            return [];
        }
        const text = document.textDocument.getText();
        const lineStart = text.lastIndexOf('\n', close.offset - 1) + 1;
        const before = text.slice(lineStart, close.offset);
        let at: number;
        let newText: string;
        if (/^\s*$/.test(before)) {
            // `}` on its own line: one statement per line, indented like the tier body
            at = lineStart;
            newText = missing.map(word => `${before}    ${word}\n`).join('');
        } else {
            at = close.offset;
            newText = `${/\s$/.test(before) ? '' : ' '}${missing.join(' ')} `;
        }
        const position = document.textDocument.positionAt(at);
        return [{
            title: `补上${missing.join('、')}`,
            kind: CodeActionKind.QuickFix,
            isPreferred: true,
            diagnostics: [diagnostic],
            edit: { changes: { [document.textDocument.uri]: [{ range: { start: position, end: position }, newText }] } }
        }];
    }
}

/** One level below the first upper document's, or guessed from the issuer's name. */
function guessLevel(benchmark: ast.Benchmark): string {
    const words: Record<Level, string> = { national: '国家', province: '省', city: '市', county: '县', township: '乡镇' };
    const order: Level[] = ['national', 'province', 'city', 'county', 'township'];
    const parentLevel = parentsOf(benchmark).map(levelOf).find((l): l is Level => l !== undefined);
    if (parentLevel) {
        return words[order[Math.min(LEVEL_RANK[parentLevel] + 1, order.length - 1)]];
    }
    const issuer = benchmark.issuer[0] ?? benchmark.name ?? '';
    if (/乡|镇|街道/.test(issuer)) return '乡镇';
    if (/县|区/.test(issuer)) return '县';
    if (/市/.test(issuer)) return '市';
    if (/省|自治区/.test(issuer)) return '省';
    if (/部|国务院|总局/.test(issuer)) return '国家';
    return '省';
}

function nextTokenStart(text: string, from: number): number {
    let i = from;
    while (i < text.length && /[\s\u3000]/.test(text[i])) i++;
    return i;
}

/** The range node of a sanction: the fine's amount, a branch's amount, or a kind's duration. */
function rangeNodeOf(anchor: AstNode): ast.Range | undefined {
    if (ast.isFine(anchor) && ast.isFineRange(anchor.amount)) return anchor.amount.range;
    if (ast.isFineBranch(anchor)) return anchor.amount?.range;
    if (ast.isKindSanction(anchor)) return anchor.range;
    return undefined;
}

/** The component's interval with the offending ends moved to the allowed hull; undefined when nothing is left. */

/**
 * Writes the clamped range in the author's style: unchanged ends keep their text, changed ends are written as
 * `X以上` / `X以下` in the same numerals (Chinese or Arabic), with 含本数 / 不含本数 where the document's boundary
 * rule would read the end differently.
 */
function writeRange(range: ast.Range, original: Interval, clamped: Interval, dimension: Dimension, semantics: BoundarySemantics): string | undefined {
    const bounds = range.bounds;
    const chinese = bounds.some(b => /^[零〇一二两三四五六七八九十百千万亿点]+$/.test(b.quantity?.value ?? ''));
    const percentPrefix = bounds.some(b => b.quantity?.percent);
    const lowerBound = bounds.length === 2 ? bounds[0] : (bounds.length === 1 && original.lower && !original.upper ? bounds[0] : undefined);
    const upperBound = bounds.length === 2 ? bounds[1] : (bounds.length === 1 && original.upper && !original.lower ? bounds[0] : undefined);
    const same = (a: Endpoint | undefined, b: Endpoint | undefined) =>
        a === b || (a !== undefined && b !== undefined && a.closed === b.closed && a.value.eq(b.value));
    if (clamped.lower && clamped.upper && clamped.lower.closed && clamped.upper.closed && clamped.lower.value.eq(clamped.upper.value)) {
        return quantityText(clamped.lower.value, dimension, chinese, percentPrefix);
    }
    let lowerText: string | undefined;
    if (clamped.lower) {
        lowerText = same(clamped.lower, original.lower) && lowerBound?.$cstNode
            ? lowerBound.$cstNode.text
            : endText(clamped.lower, '以上', semantics.atLeastClosed, dimension, chinese, percentPrefix);
    }
    let upperText: string | undefined;
    if (clamped.upper) {
        upperText = same(clamped.upper, original.upper) && upperBound?.$cstNode
            ? upperBound.$cstNode.text
            : endText(clamped.upper, '以下', semantics.atMostClosed, dimension, chinese, percentPrefix);
    }
    if (!lowerText && !upperText) {
        return undefined;
    }
    if (lowerText && upperText) {
        return /含本数$/.test(lowerText) ? `${lowerText} ${upperText}` : `${lowerText}${upperText}`;
    }
    return lowerText ?? upperText;
}

function endText(end: Endpoint, word: '以上' | '以下', defaultClosed: boolean, dimension: Dimension, chinese: boolean, percentPrefix: boolean): string {
    const inclusion = end.closed === defaultClosed ? '' : (end.closed ? ' 含本数' : ' 不含本数');
    return `${quantityText(end.value, dimension, chinese, percentPrefix)}${word}${inclusion}`;
}

const UNIT_TEXT: Partial<Record<Dimension, string>> = {
    multiple: '倍', percent: '%', day: '日', month: '个月', year: '年', ton: '吨', hour: '小时'
};

function quantityText(value: Decimal, dimension: Dimension, chinese: boolean, percentPrefix: boolean): string {
    let amount = value;
    let unit: string;
    switch (dimension) {
        case 'yuan':
            if (value.gte(100_000_000) && value.mod(1_000_000).isZero()) {
                amount = value.div(100_000_000);
                unit = '亿元';
            } else if (value.gte(10_000) && value.mod(100).isZero()) {
                amount = value.div(10_000);
                unit = '万元';
            } else {
                unit = '元';
            }
            break;
        default:
            // 倍, %, 日, 个月 … (and no unit for a dimension added later)
            unit = UNIT_TEXT[dimension] ?? '';
    }
    const number = chinese && amount.isInteger() && amount.gt(0) && amount.lt(10_000)
        ? toChineseInteger(amount.toNumber())
        : amount.toString();
    if (dimension === 'percent') {
        return percentPrefix ? `百分之${number}` : `${amount.toString()}%`;
    }
    return `${number}${unit}`;
}
