import {
    type DefaultSharedCoreModuleContext, DocumentState, type LangiumCoreServices, type LangiumSharedCoreServices, type Module,
    type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices, createDefaultCoreModule, createDefaultSharedCoreModule, inject
} from 'langium';
import { ChiduSettings } from './chidu-settings.js';
import { setDocumentDefaults } from './model/document-model.js';
import { ChiduGeneratedModule, ChiduGeneratedSharedModule } from './generated/module.js';
import { ChiduLexer } from './parser/chidu-lexer.js';
import { ChiduValueConverter } from './parser/chidu-value-converter.js';
import { ChiduNameProvider } from './scoping/chidu-name-provider.js';
import { ChiduScopeComputation } from './scoping/chidu-scope-computation.js';
import { ChiduScopeProvider } from './scoping/chidu-scope-provider.js';
import { ChiduDocumentValidator } from './validation/chidu-document-validator.js';
import { registerValidationChecks } from './validation/chidu-validator.js';
import { ChiduDocumentBuilder } from './workspace/chidu-document-builder.js';
import { ChiduLinker, ChiduReferenceDescriptionProvider } from './workspace/chidu-linking.js';
import { ChiduWorkspaceManager } from './workspace/chidu-workspace-manager.js';

/*
 * The services of Chidu without a language server: parsing, linking, validation and the workspace. The CLI,
 * the benchmark and the fuzzer use these through `@chidu/language/core`, which loads no LSP code
 * (vscode-languageserver, the editor providers); chidu-module.ts adds the `lsp` section for the server.
 */

export type ChiduAddedServices = {
    settings: {
        ChiduSettings: ChiduSettings;
    };
};

/** The services every checker reads: Langium's core services and Chidu's settings. */
export type ChiduCoreServices = LangiumCoreServices & ChiduAddedServices;

/** The services Chidu overrides outside the editor (the language server adds its `lsp` section). */
export const ChiduCoreModule: Module<ChiduCoreServices, PartialLangiumCoreServices & ChiduAddedServices> = {
    settings: {
        ChiduSettings: () => new ChiduSettings()
    },
    parser: {
        Lexer: services => new ChiduLexer(services),
        ValueConverter: () => new ChiduValueConverter()
    },
    references: {
        NameProvider: () => new ChiduNameProvider(),
        ScopeComputation: services => new ChiduScopeComputation(services),
        ScopeProvider: services => new ChiduScopeProvider(services),
        Linker: services => new ChiduLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new ChiduReferenceDescriptionProvider(services)
    },
    validation: {
        DocumentValidator: services => new ChiduDocumentValidator(services)
    }
};

/** Shared services Chidu overrides (workspace-wide, for every language). */
export const ChiduSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    workspace: {
        DocumentBuilder: services => new ChiduDocumentBuilder(services),
        WorkspaceManager: services => new ChiduWorkspaceManager(services)
    }
};

/** What both service sets do once injected: register the language, its checks and the per-document defaults. */
export function setUpChiduServices(shared: LangiumSharedCoreServices, Chidu: ChiduCoreServices): void {
    shared.ServiceRegistry.register(Chidu);
    registerValidationChecks(Chidu);
    // Every document reads the defaults of its own workspace (no process-global state).
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, documents => {
        for (const document of documents) {
            setDocumentDefaults(document, Chidu.settings.ChiduSettings);
        }
    });
}

/** Creates the service set without a language server (CLI, tools): the same checks, no LSP code loaded. */
export function createChiduCoreServices(context: DefaultSharedCoreModuleContext): { shared: LangiumSharedCoreServices; Chidu: ChiduCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(context), ChiduGeneratedSharedModule, ChiduSharedModule);
    const Chidu = inject(createDefaultCoreModule({ shared }), ChiduGeneratedModule, ChiduCoreModule);
    setUpChiduServices(shared, Chidu);
    // Nobody sends a configuration without a language client: mark it as initialized ourselves.
    void shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Chidu };
}
