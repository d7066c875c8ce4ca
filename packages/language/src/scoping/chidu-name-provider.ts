import { type AstNode, type CstNode, DefaultNameProvider, GrammarUtils } from 'langium';
import * as ast from '../generated/ast.js';

/** Items are named by their code, tiers and documents by their name. */
export class ChiduNameProvider extends DefaultNameProvider {
    override getName(node: AstNode): string | undefined {
        if (ast.isItem(node) || ast.isMatter(node)) {
            return node.code;
        }
        return super.getName(node);
    }

    override getNameNode(node: AstNode): CstNode | undefined {
        if (ast.isItem(node) || ast.isMatter(node)) {
            return GrammarUtils.findNodeForProperty(node.$cstNode, 'code');
        }
        return super.getNameNode(node);
    }
}
