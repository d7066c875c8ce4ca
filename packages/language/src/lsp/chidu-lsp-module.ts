import type { Module } from 'langium';
import type { LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { ChiduCodeActionProvider } from './chidu-code-action-provider.js';
import { ChiduCodeLensProvider } from './chidu-code-lens-provider.js';
import { ChiduCompletionProvider } from './chidu-completion-provider.js';
import { ChiduDefinitionProvider } from './chidu-definition-provider.js';
import { ChiduDocumentSymbolProvider } from './chidu-document-symbol-provider.js';
import { ChiduFoldingRangeProvider } from './chidu-folding-range-provider.js';
import { ChiduFormatter } from './chidu-formatter.js';
import { ChiduHoverProvider } from './chidu-hover-provider.js';
import { ChiduReferencesProvider } from './chidu-references-provider.js';
import { ChiduRenameProvider } from './chidu-rename-provider.js';
import { ChiduSemanticTokenProvider } from './chidu-semantic-token-provider.js';
import { ChiduWorkspaceSymbolProvider } from './chidu-workspace-symbol-provider.js';

/** The language-server providers of Chidu (the `lsp` section of the Chidu module), one file each. */
export const ChiduLspModule: Module<LangiumServices, PartialLangiumServices>['lsp'] = {
    HoverProvider: services => new ChiduHoverProvider(services),
    DefinitionProvider: services => new ChiduDefinitionProvider(services),
    ReferencesProvider: services => new ChiduReferencesProvider(services),
    RenameProvider: services => new ChiduRenameProvider(services),
    DocumentSymbolProvider: services => new ChiduDocumentSymbolProvider(services),
    FoldingRangeProvider: services => new ChiduFoldingRangeProvider(services),
    CodeLensProvider: services => new ChiduCodeLensProvider(services),
    SemanticTokenProvider: services => new ChiduSemanticTokenProvider(services),
    Formatter: () => new ChiduFormatter(),
    CodeActionProvider: services => new ChiduCodeActionProvider(services),
    CompletionProvider: services => new ChiduCompletionProvider(services)
};

/** Shared (cross-language) language-server services: workspace symbols list items and tiers, not only documents. */
export const ChiduSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        WorkspaceSymbolProvider: services => new ChiduWorkspaceSymbolProvider(services)
    }
};
