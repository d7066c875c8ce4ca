import {
    type AstNode, type CstNode, type LangiumDocument, type LeafCstNode, AstUtils, CstUtils, GrammarAST, GrammarUtils
} from 'langium';
import type { Range } from 'vscode-languageserver-types';
import {
    type BoundarySemantics, type Component, type Dimension, type Interval, STATUTORY_SEMANTICS, describeComponent,
    describeSemantics, formatInterval, isGradeWord
} from '../domain/index.js';
import { Decimal } from 'decimal.js';
import * as ast from '../generated/ast.js';
import { documentOf, semanticsOf } from '../model/document-model.js';
import { normalizeTierName } from '../parser/chidu-value-converter.js';

// Small helpers shared by the language-server providers. Nothing here walks other documents.

/** The leaf token at an offset, or the one just before it (a cursor right after a word still names it). */
export function leafAt(document: LangiumDocument, offset: number): LeafCstNode | undefined {
    const root = document.parseResult?.value?.$cstNode;
    if (!root) {
        return undefined;
    }
    const at = CstUtils.findLeafNodeAtOffset(root, offset);
    if (at && !at.hidden && offset < at.end) {
        return at;
    }
    if (offset > 0) {
        const before = CstUtils.findLeafNodeAtOffset(root, offset - 1);
        if (before && !before.hidden && before.end >= offset) {
            return before;
        }
    }
    return at && !at.hidden ? at : undefined;
}

/** The keyword a leaf stands for (its canonical spelling), if it is one. */
export function keywordOf(leaf: CstNode | undefined): string | undefined {
    const source = leaf?.grammarSource;
    return source && GrammarAST.isKeyword(source) ? source.value : undefined;
}

/** The cross-reference a leaf is part of, with its owner, property and index. */
export interface ReferenceAt {
    readonly owner: AstNode;
    readonly property: string;
    readonly index: number | undefined;
    readonly ref: { readonly $refText: string; readonly ref?: AstNode; readonly $refNode?: CstNode };
}

export function referenceAt(leaf: CstNode | undefined): ReferenceAt | undefined {
    if (!leaf) {
        return undefined;
    }
    const assignment = GrammarUtils.findAssignment(leaf);
    const owner = leaf.astNode;
    if (!assignment || !owner) {
        return undefined;
    }
    const value = (owner as unknown as Record<string, unknown>)[assignment.feature];
    const isRef = (v: unknown): v is ReferenceAt['ref'] => typeof v === 'object' && v !== null && '$refText' in v;
    if (isRef(value)) {
        return { owner, property: assignment.feature, index: undefined, ref: value };
    }
    if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
            const candidate: unknown = value[index];
            if (isRef(candidate) && candidate.$refNode && candidate.$refNode.offset <= leaf.offset && candidate.$refNode.end >= leaf.end) {
                return { owner, property: assignment.feature, index, ref: candidate };
            }
        }
    }
    return undefined;
}

/** The CST node of a name or code (item code, tier name, document name). */
export function nameNodeOf(node: AstNode): CstNode | undefined {
    if (ast.isItem(node) || ast.isMatter(node)) {
        return GrammarUtils.findNodeForProperty(node.$cstNode, 'code');
    }
    if (ast.isEntry(node)) {
        return GrammarUtils.findNodeForProperty(node.$cstNode, 'number');
    }
    if (ast.isTier(node) || ast.isBenchmark(node) || ast.isExemptionList(node) || ast.isMatterCatalogue(node) || ast.isObservationPeriod(node)) {
        return GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    }
    return undefined;
}

/** True when the leaf is (part of) the name node of its AST node. */
export function isNameLeaf(leaf: CstNode): boolean {
    const name = nameNodeOf(leaf.astNode);
    return name !== undefined && name.offset <= leaf.offset && name.end >= leaf.end;
}

/**
 * A string property as the author wrote it. Values are read from the canonical text (full-width punctuation
 * folded, traditional characters simplified); what the editor shows back should be the author's own text.
 */
export function written(node: AstNode | undefined, property: string, index?: number): string | undefined {
    if (!node) {
        return undefined;
    }
    const value = (node as unknown as Record<string, unknown>)[property];
    const fallback = Array.isArray(value) ? value[index ?? 0] : value;
    const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property, index) : undefined;
    if (!cst) {
        return typeof fallback === 'string' ? fallback : undefined;
    }
    return stripQuotes(cst.text);
}

export function rangeOf(node: CstNode): Range {
    return node.range;
}

/** How a tier name is written where it is referenced: numerals and grade words bare, anything else in 「」. */
export function tierNameText(name: string): string {
    const bare = name.trim();
    if (/^[0-9]+(\.[0-9]+)?$/.test(bare) || /^[零〇一二两三四五六七八九十百千]+$/.test(bare)
        || isGradeWord(bare)) {
        return bare;
    }
    return `「${stripQuotes(bare)}」`;
}

export function stripQuotes(text: string): string {
    const trimmed = text.trim();
    const match = /^(?:「([^」]*)」|“([^”]*)”|"([^"]*)")$/.exec(trimmed);
    return match ? (match[1] ?? match[2] ?? match[3]).trim() : trimmed;
}

export function sameTierName(a: string, b: string): boolean {
    return normalizeTierName(stripQuotes(a)) === normalizeTierName(stripQuotes(b));
}

/** The boundary semantics a range is read with, and how to say so. */
export function semanticsAt(node: AstNode): { semantics: BoundarySemantics; label: string } {
    const benchmark = documentOf(node);
    if (AstUtils.getContainerOfType(node, ast.isPenaltyBlock) || !ast.isBenchmark(benchmark)) {
        return { semantics: STATUTORY_SEMANTICS, label: `法定处罚按法律通行解释：${describeSemantics(STATUTORY_SEMANTICS)}` };
    }
    const semantics = semanticsOf(benchmark);
    const rule = benchmark.boundary?.[0]?.$cstNode?.text;
    return {
        semantics,
        label: rule
            ? `按本文件边界「边界 ${rule.replace(/\s+/g, ' ')}」：${describeSemantics(semantics)}`
            : `本文件未写边界，按法律通行解释：${describeSemantics(semantics)}`
    };
}

/** "罚款 `[10万元, 40万元)`", "罚款（货值金额倍数） `[10倍, 20倍]`", with its threshold branch and escalation. */
export function componentText(component: Component<unknown>): string {
    const what = describeComponent(component);
    const parts: string[] = [];
    if (component.escalation) {
        parts.push(`${component.escalation}：`);
    }
    parts.push(what);
    if (component.guard) {
        parts.push(component.guard.kind === 'range'
            ? `（${component.guard.base.label} ${code(displayInterval(component.guard.interval, 'yuan'))} 时）`
            : `（${component.guard.word}时）`);
    }
    if (component.interval) {
        parts.push(` ${code(displayInterval(component.interval, component.dimension ?? 'yuan'))}`);
    }
    return parts.join('');
}

export function intervalText(interval: Component<unknown>['interval'], dimension: Dimension | undefined): string {
    return interval ? displayInterval(interval, dimension ?? 'yuan') : '（无幅度）';
}

/**
 * An interval in mathematical form for people: amounts, multiples and durations start above zero, so
 * 五万元以下 reads (0元, 5万元] rather than (−∞, 5万元].
 */
export function displayInterval(interval: Interval, dimension: Dimension): string {
    return formatInterval(interval.lower ? interval : { lower: { value: new Decimal(0), closed: false }, upper: interval.upper }, dimension);
}

export function code(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

/** Runs a provider body; any exception is logged and turned into the fallback, so a request always gets an answer. */
export async function safely<T>(what: string, fallback: T, body: () => T | Promise<T>): Promise<T> {
    try {
        return await body();
    } catch (error) {
        if (isCancellation(error)) {
            throw error;
        }
        console.error(`Chidu ${what} failed:`, error instanceof Error ? error.stack ?? error.message : error);
        return fallback;
    }
}

/**
 * Reads something from a partial tree (a tier's standard, a statutory range) where a syntax error may have left
 * a required part missing: on failure the element just shows less.
 */
export function attempt<T>(read: () => T, fallback: T): T {
    try {
        return read();
    } catch {
        return fallback;
    }
}

function isCancellation(error: unknown): boolean {
    return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'OperationCancelled'
        || String(error) === 'OperationCancelled';
}

/** The sanction-level node a component was read from (Fine, KindSanction or a threshold branch). */
export function sanctionAnchor(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current) {
        if (ast.isFineBranch(current) || ast.isFine(current) || ast.isKindSanction(current) || ast.isMeasure(current)) {
            return current;
        }
        if (ast.isTier(current) || ast.isItem(current) || ast.isPenaltyBlock(current) || ast.isBenchmark(current)) {
            return undefined;
        }
        current = current.$container;
    }
    return undefined;
}

/** Components whose source is the given sanction node (a switch contributes one component per branch). */
export function componentsFrom<S>(components: readonly Component<S>[], anchor: AstNode): Component<S>[] {
    return components.filter(c => {
        const source = c.source as unknown as AstNode;
        return source === anchor || (ast.isFine(anchor) && ast.isFineBranch(source) && source.$container?.$container === anchor)
            || (ast.isFineBranch(source) && source === anchor);
    });
}
