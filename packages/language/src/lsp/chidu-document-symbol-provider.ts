import { type CstNode, type LangiumDocument, type MaybePromise, GrammarUtils } from 'langium';
import type { DocumentSymbolProvider, LangiumServices } from 'langium/lsp';
import { type DocumentSymbol, type DocumentSymbolParams, SymbolKind } from 'vscode-languageserver';
import { LEVEL_LABEL } from '../domain/index.js';
import * as ast from '../generated/ast.js';
import { levelOf, ownStatutory, tierStandard } from '../model/document-model.js';
import { consequenceOf } from '../model/list-model.js';
import { attempt, intervalText, nameNodeOf, written } from './lsp-support.js';

/**
 * Outline of every document kind: a benchmark with its items (法定处罚 and 阶次 below them) and adoptions;
 * a list with its entries, imports and observation periods; a catalogue with its matters.
 */
export class ChiduDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(_services: LangiumServices) { }

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): MaybePromise<DocumentSymbol[]> {
        try {
            const root = document.parseResult?.value;
            if (!root?.$cstNode) {
                return [];
            }
            if (ast.isBenchmark(root)) return [this.benchmarkSymbol(root)];
            if (ast.isExemptionList(root)) return [this.listSymbol(root)];
            if (ast.isMatterCatalogue(root)) return [this.catalogueSymbol(root)];
            return [];
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

    private listSymbol(list: ast.ExemptionList): DocumentSymbol {
        const children: DocumentSymbol[] = [];
        for (const entry of list.entries) {
            if (!entry.$cstNode) continue;
            const name = nameNodeOf(entry) ?? entry.$cstNode;
            const consequence = consequenceOf(entry)?.word;
            const about = entry.item[0]?.$refText ? `事项 ${entry.item[0].$refText}` : undefined;
            const refines = entry.refines ? `← 细化 ${entry.refines.$refText}` : undefined;
            children.push(symbol(`条目 ${entry.number ?? '?'}${entry.name ? ` ${written(entry, 'name')}` : ''}`, SymbolKind.Class,
                entry.$cstNode, name, [consequence, about, refines].filter(Boolean).join(' · ') || undefined));
        }
        for (const imported of list.imports) {
            if (!imported.$cstNode) continue;
            const numbers = imported.entries.map(r => r.$refText).join('、');
            children.push(symbol(`直接适用 条目 ${numbers || '…'}`, SymbolKind.Interface, imported.$cstNode, imported.$cstNode,
                imported.entries.map(r => r.ref ? '' : `${r.$refText}（未找到）`).filter(Boolean).join(' ') || undefined));
        }
        for (const period of list.periods) {
            if (!period.$cstNode) continue;
            children.push(symbol(`观察期 ${period.name ? written(period, 'name') : '?'}`, SymbolKind.Event, period.$cstNode,
                nameNodeOf(period) ?? period.$cstNode, [period.start[0], period.end[0]].filter(Boolean).join(' 至 ') || undefined));
        }
        return this.documentSymbol(list, `清单 「${list.name ?? ''}」`, [list.kind[0], list.issuer[0], levelLabel(list)], children);
    }

    private catalogueSymbol(catalogue: ast.MatterCatalogue): DocumentSymbol {
        const children: DocumentSymbol[] = [];
        for (const matter of catalogue.matters) {
            if (!matter.$cstNode) continue;
            children.push(symbol(`${matter.code ?? '（缺编码）'}${matter.name ? ` ${written(matter, 'name')}` : ''}`, SymbolKind.Class,
                matter.$cstNode, nameNodeOf(matter) ?? matter.$cstNode, matter.exercisedAt.join('、') || undefined));
        }
        return this.documentSymbol(catalogue, `执法事项清单 「${catalogue.name ?? ''}」`, [catalogue.issuer[0], levelLabel(catalogue)], children);
    }

    private documentSymbol(root: ast.ExemptionList | ast.MatterCatalogue, title: string, details: (string | undefined)[],
        children: DocumentSymbol[]): DocumentSymbol {
        children.sort((a, b) => comparePosition(a.range.start, b.range.start));
        const result = symbol(title, SymbolKind.Module, root.$cstNode!, nameNodeOf(root) ?? root.$cstNode!,
            details.filter(Boolean).join(' · ') || undefined);
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

function levelLabel(document: ast.ExemptionList | ast.MatterCatalogue): string | undefined {
    const level = levelOf(document);
    return level ? LEVEL_LABEL[level] : undefined;
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
