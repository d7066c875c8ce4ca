import { type AstNode, type LangiumDocument, AstUtils } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import {
    type PrepareRenameParams, type Range, type RenameParams, ResponseError, ErrorCodes, type TextEdit, type WorkspaceEdit
} from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { normalizeCode } from '../parser/chidu-value-converter.js';
import { leafAt, nameNodeOf, referenceAt, stripQuotes, tierNameText } from './lsp-support.js';
import { RefinementIndex } from './refinement-index.js';
import { referencesTo, targetAt } from './chidu-references-provider.js';

/** What the grammar accepts as an item code: an ASCII code (DQ-99-1, 3-2) or a number. */
const CODE_PATTERN = /^(?:[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*|[0-9]+(?:-[A-Za-z0-9_]+)+|[0-9]+(?:\.[0-9]+)?)$/;

/**
 * Rename an item code, a tier name or a document name across the workspace. Item codes are renamed wherever
 * they are written, including lower documents that reach the item through a refinement's alias (a county's
 * `直接适用 HP-31-1` that resolves to the city's refinement of HP-31-1); references that name a refinement by
 * its own code are left alone when the refined item is renamed, and vice versa.
 */
export class ChiduRenameProvider extends DefaultRenameProvider {
    private readonly index: RefinementIndex;

    constructor(services: LangiumServices) {
        super(services);
        this.index = RefinementIndex.of(services.shared);
    }

    /** Answers with the range and the bare current name (LSP PrepareRenameResult; Langium's type only names Range). */
    override prepareRename(document: LangiumDocument, params: PrepareRenameParams): Range | undefined {
        try {
            const offset = document.textDocument.offsetAt(params.position);
            const target = targetAt(document, offset);
            if (!target || !(ast.isItem(target) || ast.isTier(target) || ast.isBenchmark(target))) {
                return undefined;
            }
            const leaf = leafAt(document, offset);
            const reference = referenceAt(leaf);
            const range = (reference ? reference.ref.$refNode : nameNodeOf(target))?.range;
            if (!range) {
                return undefined;
            }
            const result: { range: Range; placeholder: string } = { range, placeholder: this.currentName(target) };
            return result as unknown as Range;
        } catch (error) {
            console.error('Chidu prepareRename failed:', error);
            return undefined;
        }
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = targetAt(document, document.textDocument.offsetAt(params.position));
        if (!target || !(ast.isItem(target) || ast.isTier(target) || ast.isBenchmark(target))) {
            return super.rename(document, params);
        }
        const newText = this.newText(target, params.newName);
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, range: Range) => {
            (changes[uri] ??= []).push({ range, newText });
        };
        const name = nameNodeOf(target);
        const home = AstUtils.findRootNode(target).$document;
        if (name && home) {
            add(home.textDocument.uri, name.range);
        }
        for (const reference of referencesTo(this.index, target)) {
            const node = reference.reference.$refNode;
            if (node) {
                add(reference.document.textDocument.uri, node.range);
            }
        }
        return { changes };
    }

    private currentName(target: AstNode): string {
        if (ast.isItem(target)) return target.code ?? '';
        if (ast.isTier(target)) return target.name ?? '';
        if (ast.isBenchmark(target)) return target.name ?? '';
        return '';
    }

    /** The text written for the new name, or a request error when the grammar cannot hold it. */
    private newText(target: AstNode, newName: string): string {
        const name = newName.trim();
        if (ast.isItem(target)) {
            if (!CODE_PATTERN.test(name)) {
                throw new ResponseError(ErrorCodes.InvalidParams,
                    `「${name}」不是有效的事项编码：编码由英文字母、数字和连字符组成，例如 DQ-99-1、3-2`);
            }
            const benchmark = target.$container;
            const taken = ast.isBenchmark(benchmark)
                ? benchmark.items.find(other => other !== target && normalizeCode(other.code ?? '') === normalizeCode(name))
                : undefined;
            if (taken) {
                throw new ResponseError(ErrorCodes.InvalidParams, `本文件已有事项 ${taken.code}，不能把事项 ${target.code} 改名为 ${name}`);
            }
            return name;
        }
        const bare = stripQuotes(name);
        if (!bare || /[「」“”"\r\n]/.test(bare)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `「${name}」不能用作名称：名称不能为空，也不能含引号或换行`);
        }
        return ast.isTier(target) ? tierNameText(bare) : `「${bare}」`;
    }
}
