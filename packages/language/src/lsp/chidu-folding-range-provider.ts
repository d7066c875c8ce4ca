import { type AstNode, type LangiumDocument, GrammarUtils } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/**
 * Folding on every document kind: the document header (not the whole file); items, tiers, 法定处罚 and
 * escalation blocks; list entries, their condition groups and observation periods; catalogue matters; and runs
 * of `//` comment lines (the examples head every item with one).
 */
export class ChiduFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        try {
            super.collectFolding(document, acceptor);
            this.collectLineComments(document, acceptor);
        } catch (error) {
            console.error('Chidu folding failed:', error);
        }
    }

    protected override shouldProcess(node: AstNode): boolean {
        return ast.isItem(node) || ast.isTier(node) || ast.isPenaltyBlock(node) || ast.isEscalation(node) || ast.isFineSwitch(node)
            || ast.isEntry(node) || ast.isConditionGroup(node) || ast.isObservationPeriod(node) || ast.isMatter(node) || ast.isWeightedTable(node);
    }

    override getFoldingRanges(document: LangiumDocument, params: Parameters<DefaultFoldingRangeProvider['getFoldingRanges']>[1]): FoldingRange[] {
        const ranges = super.getFoldingRanges(document, params) as FoldingRange[];
        const root = document.parseResult?.value;
        const keyword = ast.isBenchmark(root) ? '基准' : ast.isExemptionList(root) ? '清单' : ast.isMatterCatalogue(root) ? '执法事项清单' : undefined;
        if (root?.$cstNode && keyword) {
            // The header: from the document keyword to its closing brace (the root node itself spans the whole file).
            const open = GrammarUtils.findNodeForKeyword(root.$cstNode, keyword);
            const close = GrammarUtils.findNodeForKeyword(root.$cstNode, '}');
            if (open && close && close.range.start.line - open.range.start.line >= 2) {
                ranges.push(FoldingRange.create(open.range.start.line, close.range.start.line - 1));
            }
        }
        return ranges;
    }

    private collectLineComments(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        const lines = document.textDocument.getText().split(/\r?\n/);
        let start = -1;
        for (let line = 0; line <= lines.length; line++) {
            const isComment = line < lines.length && /^\s*\/\//.test(lines[line]);
            if (isComment && start < 0) {
                start = line;
            } else if (!isComment && start >= 0) {
                if (line - 1 > start) {
                    acceptor(FoldingRange.create(start, line - 1, undefined, undefined, FoldingRangeKind.Comment));
                }
                start = -1;
            }
        }
    }
}
