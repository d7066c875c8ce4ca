import { type AstNode, type LangiumDocument, DocumentState } from 'langium';
import type { CodeLensProvider, LangiumServices } from 'langium/lsp';
import { type CodeLens, type CodeLensParams, CodeLensRefreshRequest, type Range } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { documentLabel, documentOf, tierStandard } from '../model/document-model.js';
import { attempt, intervalText, nameNodeOf } from './lsp-support.js';
import { type IncomingReference, RefinementIndex } from './refinement-index.js';

/**
 * Code lenses (benchmarks and lists alike): on an upper item or entry "被 N 个下级文件细化", on a lower item "细化自 <上级机关> 事项 X", on a refining tier
 * "细化自 <上级机关> 阶次「…」 <interval>". Counts come from the refinement index (one pass per workspace change).
 * The lenses carry no command: they are information, not actions.
 */
export class ChiduCodeLensProvider implements CodeLensProvider {
    private readonly index: RefinementIndex;

    constructor(services: LangiumServices) {
        this.index = RefinementIndex.of(services.shared);
        // A lens on an upper file counts lower files: when any file changes, ask the client to re-request the
        // lenses of the files it shows (workspace/codeLens/refresh), if it supports that.
        let refreshSupported = false;
        services.shared.lsp.LanguageServer.onInitialize(params => {
            refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
        });
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedReferences, () => {
            const connection = services.shared.lsp.Connection;
            if (refreshSupported && connection) {
                connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
            }
        });
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        try {
            const root = document.parseResult?.value;
            if (ast.isExemptionList(root)) {
                return this.listLenses(root);
            }
            if (!ast.isBenchmark(root)) {
                return [];
            }
            const lenses: CodeLens[] = [];
            const hasLowerDocuments = this.index.incoming(root).some(r => r.kind === 'parent');
            for (const item of root.items) {
                const range = lensRange(item);
                if (!range) continue;
                const upper = item.refines?.ref;
                if (upper) {
                    lenses.push(lens(range, `细化自 ${documentLabel(documentOf(upper))} 事项 ${upper.code}`));
                }
                const lower = this.index.refiners(item);
                lenses.push(...lowerLens(range, lower, 'item-refines', 'adoption', '文件', hasLowerDocuments));
                for (const tier of item.tiers) {
                    const tierRange = lensRange(tier);
                    if (!tierRange) continue;
                    const refined = tier.refines.map(r => r.ref).filter((t): t is ast.Tier => t !== undefined);
                    if (refined.length > 0) {
                        const intervals = refined.map(t => `「${t.name}」 ${this.tierIntervals(t)}`.trim()).join('、');
                        lenses.push(lens(tierRange, `细化自 ${documentLabel(documentOf(refined[0]))} 阶次${intervals}`));
                    }
                    const lowerTiers = this.index.incoming(tier).filter(r => r.kind === 'tier-refines');
                    if (lowerTiers.length > 0) {
                        lenses.push(lens(tierRange, `被 ${lowerTiers.length} 个下级阶次细化`));
                    }
                }
            }
            return lenses;
        } catch (error) {
            console.error('Chidu code lens failed:', error);
            return [];
        }
    }

    /** On an entry "细化自 <上级机关> 条目 N"; on an upper entry "被 N 个下级清单细化" (and 直接适用). */
    private listLenses(list: ast.ExemptionList): CodeLens[] {
        const lenses: CodeLens[] = [];
        const hasLowerLists = this.index.incoming(list).some(r => r.kind === 'parent');
        for (const entry of list.entries) {
            const range = lensRange(entry);
            if (!range) continue;
            const upper = entry.refines?.ref;
            if (upper) {
                lenses.push(lens(range, `细化自 ${documentLabel(upper.$container)} 条目 ${upper.number}`));
            }
            lenses.push(...lowerLens(range, this.index.incoming(entry), 'entry-refines', 'entry-import', '清单', hasLowerLists));
        }
        return lenses;
    }

    private tierIntervals(tier: ast.Tier): string {
        return attempt(() => tierStandard(tier).components, [])
            .filter(c => c.interval)
            .map(c => intervalText(c.interval, c.dimension))
            .join('；');
    }
}

/**
 * "被 N 个下级文件细化，M 个直接适用" on an upper item or entry, counted in distinct lower documents; "尚未被…" when
 * lower documents exist but none refines it.
 */
function lowerLens(range: Range, incoming: readonly IncomingReference[], refines: IncomingReference['kind'],
    applies: IncomingReference['kind'], what: string, hasLower: boolean): CodeLens[] {
    const refining = RefinementIndex.documentsOf(incoming.filter(r => r.kind === refines));
    const applying = RefinementIndex.documentsOf(incoming.filter(r => r.kind === applies));
    if (refining.length === 0 && applying.length === 0 && !hasLower) {
        return [];
    }
    const parts = [refining.length > 0 ? `被 ${refining.length} 个下级${what}细化` : `尚未被下级${what}细化`];
    if (applying.length > 0) {
        parts.push(`${applying.length} 个直接适用`);
    }
    return [lens(range, parts.join('，'))];
}

function lensRange(node: AstNode): Range | undefined {
    return (nameNodeOf(node) ?? node.$cstNode)?.range;
}

function lens(range: Range, title: string): CodeLens {
    return { range, command: { title, command: '' } };
}
