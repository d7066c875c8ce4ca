import { type AstNode, type LangiumDocument, type MaybePromise, AstUtils } from 'langium';
import { DefaultDefinitionProvider, type LangiumServices } from 'langium/lsp';
import { type DefinitionParams, LocationLink } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { readCitations } from '../model/citations.js';
import { leafAt, nameNodeOf, referenceAt, safely } from './lsp-support.js';
import { StatuteLibrary } from './statute-library.js';

/**
 * Go to definition: references (upper document, refined item, refined tiers) jump to the declaration in the upper
 * file; a citation jumps to the cited article (paragraph, item) in the statute library's markdown file.
 */
export class ChiduDefinitionProvider extends DefaultDefinitionProvider {
    private readonly shared: LangiumServices['shared'];

    constructor(services: LangiumServices) {
        super(services);
        this.shared = services.shared;
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams): MaybePromise<LocationLink[] | undefined> {
        return safely('definition', undefined, async () => {
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = leafAt(document, offset);
            if (!leaf) {
                return undefined;
            }
            if (ast.isCitation(leaf.astNode)) {
                return this.citationDefinition(leaf.astNode, leaf.range);
            }
            const reference = referenceAt(leaf);
            const target = reference?.ref.ref;
            if (target && reference.ref.$refNode) {
                const targetCst = target.$cstNode;
                const nameNode = nameNodeOf(target) ?? targetCst;
                const targetDocument = this.documentOf(target);
                if (targetCst && nameNode && targetDocument) {
                    return [LocationLink.create(targetDocument.textDocument.uri, targetCst.range, nameNode.range, reference.ref.$refNode.range)];
                }
            }
            return super.getDefinition(document, params);
        });
    }

    private documentOf(node: AstNode): LangiumDocument | undefined {
        return AstUtils.findRootNode(node).$document;
    }

    private async citationDefinition(citation: ast.Citation, origin: LocationLink['originSelectionRange']): Promise<LocationLink[] | undefined> {
        const list = citation.$container;
        const parsed = readCitations(list)[list.citations.indexOf(citation)];
        if (!parsed) {
            return undefined;
        }
        const match = await StatuteLibrary.of(this.shared).find(parsed, AstUtils.findRootNode(citation).$document?.uri.toString());
        if (!match) {
            return undefined;
        }
        const { statute, article, paragraph, item } = match;
        if (!article) {
            const titleLine = Math.max(0, statute.lines.findIndex(l => l.startsWith('#')));
            const range = { start: { line: titleLine, character: 0 }, end: { line: titleLine, character: statute.lines[titleLine]?.length ?? 0 } };
            return [LocationLink.create(statute.uri, range, range, origin)];
        }
        const full = { start: { line: article.startLine, character: 0 }, end: { line: article.endLine, character: article.endCharacter } };
        const focusLine = item?.line ?? paragraph?.line ?? article.startLine;
        const focus = { start: { line: focusLine, character: 0 }, end: { line: focusLine, character: statute.lines[focusLine]?.length ?? 0 } };
        return [LocationLink.create(statute.uri, full, focus, origin)];
    }
}
