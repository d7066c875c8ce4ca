import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/**
 * Semantic tokens. Penalty kinds are functions, non-penalty measures macros, amounts numbers (the boundary words
 * around them operators), citations namespaces, bases parameters; documents are classes, item codes types and
 * tier names enum members, list entry numbers and matter codes types, consequences and list measures macros,
 * with the declaration modifier where they are declared. Every document kind is highlighted the same way.
 */
export class ChiduSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
        const declaration = SemanticTokenModifiers.declaration;
        if (ast.isBenchmark(node) || ast.isExemptionList(node)) {
            if (node.name !== undefined) acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: declaration });
            node.parents.forEach((_, index) => acceptor({ node, property: 'parents', index, type: SemanticTokenTypes.class }));
            if (ast.isExemptionList(node)) {
                node.benchmarks.forEach((_, index) => acceptor({ node, property: 'benchmarks', index, type: SemanticTokenTypes.class }));
            }
        } else if (ast.isMatterCatalogue(node)) {
            if (node.name !== undefined) acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: declaration });
        } else if (ast.isMatter(node)) {
            if (node.code !== undefined) acceptor({ node, property: 'code', type: SemanticTokenTypes.type, modifier: declaration });
        } else if (ast.isEntry(node)) {
            if (node.number !== undefined) acceptor({ node, property: 'number', type: SemanticTokenTypes.type, modifier: declaration });
            if (node.refines) acceptor({ node, property: 'refines', type: SemanticTokenTypes.type });
            node.item.forEach((_, index) => acceptor({ node, property: 'item', index, type: SemanticTokenTypes.type }));
            node.consequence.forEach((_, index) => acceptor({ node, property: 'consequence', index, type: SemanticTokenTypes.macro }));
        } else if (ast.isEntryImport(node)) {
            node.entries.forEach((_, index) => acceptor({ node, property: 'entries', index, type: SemanticTokenTypes.type }));
        } else if (ast.isEntryMeasure(node)) {
            acceptor({ node, property: node.measure ? 'measure' : 'custom', type: SemanticTokenTypes.macro });
        } else if (ast.isObservationPeriod(node)) {
            if (node.name !== undefined) acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: declaration });
        } else if (ast.isItem(node)) {
            if (node.code !== undefined) acceptor({ node, property: 'code', type: SemanticTokenTypes.type, modifier: declaration });
            if (node.refines) acceptor({ node, property: 'refines', type: SemanticTokenTypes.type });
        } else if (ast.isAdoption(node)) {
            node.items.forEach((_, index) => acceptor({ node, property: 'items', index, type: SemanticTokenTypes.type }));
        } else if (ast.isTier(node)) {
            if (node.name !== undefined) acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: declaration });
            node.refines.forEach((_, index) => acceptor({ node, property: 'refines', index, type: SemanticTokenTypes.enumMember }));
        } else if (ast.isCitation(node)) {
            acceptor({ node, property: 'text', type: SemanticTokenTypes.namespace });
        } else if (ast.isFine(node)) {
            acceptor({ node, keyword: '罚款', type: SemanticTokenTypes.function });
        } else if (ast.isKindSanction(node)) {
            if (node.kind) acceptor({ node, property: 'kind', type: SemanticTokenTypes.function });
            else acceptor({ node, keyword: '其他处罚', type: SemanticTokenTypes.function });
        } else if (ast.isMeasure(node)) {
            if (node.measure) acceptor({ node, property: 'measure', type: SemanticTokenTypes.macro });
            else acceptor({ node, keyword: '措施', type: SemanticTokenTypes.macro });
        } else if (ast.isQuantity(node) || ast.isDuration(node)) {
            if (node.$cstNode) acceptor({ cst: node.$cstNode, type: SemanticTokenTypes.number });
            return 'prune';
        } else if (ast.isBound(node)) {
            if (node.prefix) acceptor({ node, property: 'prefix', type: SemanticTokenTypes.operator });
            if (node.suffix) acceptor({ node, property: 'suffix', type: SemanticTokenTypes.operator });
            if (node.inclusion) acceptor({ node, property: 'inclusion', type: SemanticTokenTypes.operator });
        } else if (ast.isBase(node)) {
            if (node.kind) acceptor({ node, property: 'kind', type: SemanticTokenTypes.parameter });
        }
        return undefined;
    }
}
