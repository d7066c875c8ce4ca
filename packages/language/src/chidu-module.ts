import { DocumentState, type Module, inject } from 'langium';
import {
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
    type PartialLangiumSharedServices, createDefaultModule, createDefaultSharedModule
} from 'langium/lsp';
import { ChiduSettings } from './chidu-settings.js';
import { setDocumentDefaults } from './model/document-model.js';
import { ChiduGeneratedModule, ChiduGeneratedSharedModule } from './generated/module.js';
import { ChiduLspModule, ChiduSharedLspModule } from './lsp/chidu-lsp-module.js';
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

export type ChiduAddedServices = {
    settings: {
        ChiduSettings: ChiduSettings;
    };
};

export type ChiduServices = LangiumServices & ChiduAddedServices;

/** The services Chidu overrides; shared by the language server and the CLI. */
export const ChiduModule: Module<ChiduServices, PartialLangiumServices & ChiduAddedServices> = {
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
    },
    lsp: ChiduLspModule
};

/** Shared services Chidu overrides (workspace-wide, for every language). */
export const ChiduSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new ChiduDocumentBuilder(services),
        WorkspaceManager: services => new ChiduWorkspaceManager(services as LangiumSharedServices)
    }
};

/** Creates the full (language server) service set. */
export function createChiduServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Chidu: ChiduServices } {
    const shared = inject(createDefaultSharedModule(context), ChiduGeneratedSharedModule, ChiduSharedLspModule, ChiduSharedModule);
    const Chidu = inject(createDefaultModule({ shared }), ChiduGeneratedModule, ChiduModule);
    shared.ServiceRegistry.register(Chidu);
    // An editor shows the diagnostics of every file of the workspace, not only of the open ones.
    shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
    registerValidationChecks(Chidu);
    // Every document reads the defaults of its own workspace (no process-global state).
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, documents => {
        for (const document of documents) {
            setDocumentDefaults(document, Chidu.settings.ChiduSettings);
        }
    });
    if (!context.connection) {
        // Without a language client nobody sends the configuration: mark it as initialized ourselves.
        void shared.workspace.ConfigurationProvider.initialized({});
    } else {
        // The editor's chidu.* settings: apply them, then check every document again under them.
        shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
            if (update.section !== Chidu.LanguageMetaData.languageId) {
                return;
            }
            const settings = Chidu.settings.ChiduSettings;
            const before = JSON.stringify(settings);
            settings.apply(update.configuration as Record<string, unknown> | undefined);
            if (JSON.stringify(settings) !== before) {
                const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
                void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token));
            }
        });
    }
    return { shared, Chidu };
}
