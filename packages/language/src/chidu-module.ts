import { type Module, type PartialLangiumCoreServices, inject } from 'langium';
import {
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
    createDefaultModule, createDefaultSharedModule
} from 'langium/lsp';
import { type ChiduAddedServices, ChiduCoreModule, ChiduSharedModule, setUpChiduServices } from './chidu-core-module.js';
import { ChiduGeneratedModule, ChiduGeneratedSharedModule } from './generated/module.js';
import { ChiduLspModule, ChiduSharedLspModule } from './lsp/chidu-lsp-module.js';

export { type ChiduAddedServices, type ChiduCoreServices, ChiduCoreModule, ChiduSharedModule, createChiduCoreServices } from './chidu-core-module.js';

export type ChiduServices = LangiumServices & ChiduAddedServices;

/** The services Chidu overrides in the language server: the core ones and the editor providers. */
export const ChiduModule: Module<ChiduServices, PartialLangiumCoreServices & ChiduAddedServices & Pick<PartialLangiumServices, 'lsp'>> = {
    ...ChiduCoreModule,
    lsp: ChiduLspModule
};

/** Creates the full (language server) service set. */
export function createChiduServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Chidu: ChiduServices } {
    const shared = inject(createDefaultSharedModule(context), ChiduGeneratedSharedModule, ChiduSharedLspModule, ChiduSharedModule);
    const Chidu = inject(createDefaultModule({ shared }), ChiduGeneratedModule, ChiduModule);
    setUpChiduServices(shared, Chidu);
    // An editor shows the diagnostics of every file of the workspace, not only of the open ones.
    shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
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
