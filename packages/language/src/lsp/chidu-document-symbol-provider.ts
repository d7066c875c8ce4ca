import { type CstNode, type LangiumDocument, type MaybePromise, GrammarUtils } from 'langium';
import type { DocumentSymbolProvider, LangiumServices } from 'langium/lsp';
import { type DocumentSymbol, type DocumentSymbolParams, SymbolKind } from 'vscode-languageserver';
import { LEVEL_LABEL } from '../domain/index.js';
import * as ast from '../generated/ast.js';
import { levelOf, ownStatutory, tierStandard } from '../model/document-model.js';
import { attempt, intervalText, nameNodeOf, written } from './lsp-support.js';

/** Outline: the document, its items (with 法定处罚 and 阶次 below them) and its adoptions. */
export class ChiduDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(_services: LangiumServices) { }

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): MaybePromise<DocumentSymbol[]> {
        try {
            const root = document.parseResult?.value;
            if (!ast.isBenchmark(root) || !root.$cstNode) {
                return [];
            }
            return [this.benchmarkSymbol(root)];
        } catch (error) {
            console.error('Chidu document symbols failed:', error);
            return [];
        }
    }

    private benchmarkSymbol(benchmark: ast.Benchmark): DocumentSymbol {
        const level = levelOf(benchmark);
        const children: DocumentSymbol[] = [];
        for (const item of benchmark.items) {
            const symbol = this.itemSymbol(item);
            if (symbol) children.push(symbol);
        }
        for (const adoption of benchmark.adoptions) {
            if (adoption.$cstNode) {
                const codes = adoption.items.map(r => r.$refText).join('、');
                children.push(symbol(`直接适用 ${codes || '…'}`, SymbolKind.Interface, adoption.$cstNode, adoption.$cstNode,
                    adoption.items.map(r => r.ref ? '' : `${r.$refText}（未找到）`).filter(Boolean).join(' ') || undefined));
            }
        }
        children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const name = nameNodeOf(benchmark) ?? benchmark.$cstNode!;
        const detail = [benchmark.issuer[0], level ? LEVEL_LABEL[level] : undefined].filter(Boolean).join(' · ');
        const result = symbol(benchmark.name ? `基准 「${benchmark.name}」` : '基准', SymbolKind.Module, benchmark.$cstNode!, name, detail || undefined);
        result.children = children;
        return result;
    }

    private itemSymbol(item: ast.Item): DocumentSymbol | undefined {
        if (!item.$cstNode) {
            return undefined;
        }
        const name = nameNodeOf(item) ?? item.$cstNode;
        const refines = item.refines ? ` ← 细化 ${item.refines.$refText}` : '';
        const result = symbol(`${item.code ?? '（缺编码）'}${item.violation ? ` ${written(item, 'violation')}` : ''}`, SymbolKind.Class,
            item.$cstNode, name, refines.trim() || undefined);
        const children: DocumentSymbol[] = [];
        const statutory = item.statutory[0];
        if (statutory?.$cstNode) {
            const components = attempt(() => ownStatutory(item)?.components ?? [], []);
            const keyword = GrammarUtils.findNodeForKeyword(item.$cstNode, '法定处罚') ?? statutory.$cstNode;
            const span = { range: { start: keyword.range.start, end: statutory.$cstNode.range.end } };
            children.push(symbol('法定处罚', SymbolKind.Struct, span, keyword,
                summary(components) || undefined));
        }
        for (const tier of item.tiers) {
            if (!tier.$cstNode) continue;
            const tierName = nameNodeOf(tier) ?? tier.$cstNode;
            const refined = tier.refines.length > 0 ? ` ← 细化 ${tier.refines.map(r => r.$refText).join('、')}` : '';
            children.push(symbol(`阶次 ${tier.name ?? '?'}${tier.grade ? `（${tier.grade}）` : ''}`, SymbolKind.EnumMember,
                tier.$cstNode, tierName, `${attempt(() => summary(tierStandard(tier).components), '')}${refined}`.trim() || undefined));
        }
        result.children = children;
        return result;
    }
}

function summary(components: readonly { kind: string; interval?: Parameters<typeof intervalText>[0]; dimension?: Parameters<typeof intervalText>[1] }[]): string {
    return components.filter(c => c.interval).map(c => intervalText(c.interval, c.dimension)).join('；');
}

function symbol(name: string, kind: SymbolKind, node: CstNode | { range: DocumentSymbol['range'] }, selection: CstNode,
    detail?: string): DocumentSymbol {
    const range = node.range;
    let selectionRange = selection.range;
    // The selection must lie inside the range (clients reject the symbol otherwise).
    if (comparePosition(selectionRange.start, range.start) < 0 || comparePosition(selectionRange.end, range.end) > 0) {
        selectionRange = { start: range.start, end: range.start };
    }
    return { name: name.trim() || '?', kind, range, selectionRange, detail, children: [] };
}

function comparePosition(a: { line: number; character: number }, b: { line: number; character: number }): number {
    return a.line - b.line || a.character - b.character;
}
