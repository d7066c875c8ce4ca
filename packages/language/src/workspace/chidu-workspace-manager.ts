import { DefaultWorkspaceManager, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceFolder } from 'vscode-languageserver-types';
import type { ChiduSettings } from '../chidu-settings.js';
import { applyWorkspaceDefaults, readWorkspaceFile, workspaceFileIn } from './workspace-file.js';

/**
 * The language server's workspace: besides the .chidu files of each workspace folder, the ones of the 上级目录
 * its workspace file (chidu.json) names, and the file's defaults (边界, 档次规则, 排除领域, 校验日期) under the
 * editor's own settings. A malformed workspace file is shown as CD130 diagnostics on that file, and the folder
 * is read as without one. (The file is read when the workspace opens; editing it takes effect on restart.)
 */
export class ChiduWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedCoreServices;

    constructor(shared: LangiumSharedCoreServices) {
        super(shared);
        this.shared = shared;
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        for (const folder of folders) {
            const file = workspaceFileIn(this.getRootFolder(folder).fsPath);
            if (!file) {
                continue;
            }
            const { config, problems } = readWorkspaceFile(file);
            void (this.shared as Partial<LangiumSharedServices>).lsp?.Connection?.sendDiagnostics({
                uri: URI.file(file).toString(),
                diagnostics: problems.map(p => ({
                    range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
                    severity: 1, code: p.code, source: 'chidu', message: p.message
                }))
            });
            if (!config) {
                continue;
            }
            for (const services of this.serviceRegistry.all) {
                const settings = (services as { settings?: { ChiduSettings?: ChiduSettings } }).settings?.ChiduSettings;
                if (settings) {
                    applyWorkspaceDefaults(settings, config);
                }
            }
            for (const upper of config.upperFolders) {
                let uris: URI[] = [];
                try {
                    uris = await this.searchFolder(URI.file(upper));
                } catch {
                    continue; // a missing folder: the names it would hold are reported missing where they are used
                }
                for (const uri of uris) {
                    if (!this.langiumDocuments.hasDocument(uri)) {
                        collector(await this.langiumDocuments.getOrCreateDocument(uri));
                    }
                }
            }
        }
    }
}
