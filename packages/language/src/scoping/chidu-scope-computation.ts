import { type AstNode, type AstNodeDescription, type LangiumDocument, DefaultScopeComputation, type LocalSymbols } from 'langium';
import { MultiMap } from 'langium';
import * as ast from '../generated/ast.js';
import { normalizeCode } from '../parser/chidu-value-converter.js';

/**
 * Only documents are global (上级 references them by name); items and tiers are reached through the
 * 上级 chain by the scope provider, so nothing else is exported and no local symbol tables are built.
 */
export class ChiduScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value;
        if ((ast.isBenchmark(root) || ast.isExemptionList(root)) && root.name) {
            return [this.descriptions.createDescription(root, root.name, document)];
        }
        if (ast.isMatterCatalogue(root)) {
            // Matters are global: a benchmark item names its catalogue entry by code (基本编码).
            return root.matters.filter(m => m.code).map(m => this.descriptions.createDescription(m, normalizeCode(m.code), document));
        }
        return [];
    }

    override async collectLocalSymbols(_document: LangiumDocument): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}
