import * as path from 'node:path';
import * as vscode from 'vscode';
import {
    LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind
} from 'vscode-languageclient/node';
import {
    BuildWorkspaceRequest, type BuildWorkspaceResult, EffectiveBenchmarkRequest, type EffectiveBenchmarkParams,
    type EffectiveBenchmarkResult, ValidateWorkspaceRequest, type ValidateWorkspaceResult
} from './protocol.js';

const PREVIEW_SCHEME = 'chidu-preview';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('尺度 Chidu', { log: true });
    context.subscriptions.push(output);
    client = createClient(context, output);
    context.subscriptions.push(registerCommands(context, output));
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const serverModule = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const env = { ...process.env, CHIDU_STATUTES_DIR: context.asAbsolutePath('statutes'), CHIDU_DOCS_DIR: context.asAbsolutePath('docs') };
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
        debug: {
            module: serverModule,
            transport: TransportKind.ipc,
            options: { env, execArgv: ['--nolazy', `--inspect=${process.env.CHIDU_DEBUG_PORT ?? '6009'}`] }
        }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'chidu' }, { scheme: 'untitled', language: 'chidu' }],
        synchronize: {
            configurationSection: 'chidu',
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.chidu')
        },
        outputChannel: output,
        traceOutputChannel: output
    };
    return new LanguageClient('chidu', '尺度 Chidu 语言服务器', serverOptions, clientOptions);
}

function registerCommands(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable {
    const previews = new PreviewProvider();
    return vscode.Disposable.from(
        vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
        previews,
        vscode.commands.registerCommand('chidu.validateWorkspace', () => validateWorkspace(output)),
        vscode.commands.registerCommand('chidu.buildWorkspace', (target?: vscode.Uri) => buildWorkspace(output, target)),
        vscode.commands.registerCommand('chidu.showEffectiveBenchmark', () => showEffectiveBenchmark(previews)),
        { dispose: () => void context }
    );
}

function running(): LanguageClient {
    if (!client || !client.isRunning()) {
        throw new Error('尺度语言服务器尚未启动');
    }
    return client;
}

function report(result: ValidateWorkspaceResult, output: vscode.LogOutputChannel): string {
    output.info(`校验：${result.files} 个文件，${result.errors} 个错误，${result.warnings} 个警告`);
    for (const line of result.firstErrors) {
        output.error(line);
    }
    return `${result.files} 个文件，${result.errors} 个错误，${result.warnings} 个警告`;
}

async function validateWorkspace(output: vscode.LogOutputChannel): Promise<ValidateWorkspaceResult> {
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: '尺度：正在校验工作区…' },
        () => running().sendRequest<ValidateWorkspaceResult>(ValidateWorkspaceRequest)
    );
    const text = `尺度校验完成：${report(result, output)}`;
    if (result.errors > 0) {
        const choice = await vscode.window.showErrorMessage(text, '打开“问题”面板');
        if (choice) {
            await vscode.commands.executeCommand('workbench.actions.view.problems');
        }
    } else if (result.warnings > 0) {
        void vscode.window.showWarningMessage(text);
    } else {
        void vscode.window.showInformationMessage(text);
    }
    return result;
}

async function buildWorkspace(output: vscode.LogOutputChannel, target?: vscode.Uri): Promise<BuildWorkspaceResult | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder && !target) {
        void vscode.window.showErrorMessage('尺度：请先打开一个工作区文件夹');
        return undefined;
    }
    const configured = vscode.workspace.getConfiguration('chidu').get<string>('build.outDir') || 'out/chidu';
    const outDir = target ?? (path.isAbsolute(configured) ? vscode.Uri.file(configured) : vscode.Uri.joinPath(folder!.uri, configured));
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: '尺度：正在校验并编译工作区…' },
        () => running().sendRequest<BuildWorkspaceResult>(BuildWorkspaceRequest)
    );
    const summary = report(result, output);
    if (result.errors > 0) {
        const choice = await vscode.window.showErrorMessage(`尺度：存在错误，未生成任何文件（${summary}）`, '打开“问题”面板');
        if (choice) {
            await vscode.commands.executeCommand('workbench.actions.view.problems');
        }
        return result;
    }
    const encoder = new TextEncoder();
    for (const file of result.outputs) {
        const uri = vscode.Uri.joinPath(outDir, ...file.path.split('/'));
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        await vscode.workspace.fs.writeFile(uri, encoder.encode(file.content));
        output.info(`已生成 ${uri.fsPath}`);
    }
    const shown = vscode.workspace.asRelativePath(outDir);
    const choice = await vscode.window.showInformationMessage(`尺度：已生成 ${result.outputs.length} 个文件到 ${shown}（${summary}）`, '在资源管理器中显示');
    if (choice) {
        await vscode.commands.executeCommand('revealInExplorer', outDir);
    }
    return result;
}

/** Read-only virtual documents `chidu-preview:/<title>.json?<source uri + position>`, refreshed on edit. */
class PreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly changes = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changes.event;
    private readonly listener = vscode.workspace.onDidSaveTextDocument(doc => this.refresh(doc.uri));
    private readonly open = new Map<string, vscode.Uri>();

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const params = JSON.parse(uri.query) as EffectiveBenchmarkParams;
        const result = await running().sendRequest<EffectiveBenchmarkResult | null>(EffectiveBenchmarkRequest, params);
        if (!result) {
            return '// 尺度：此文件尚未载入语言服务器，无法生成生效基准\n';
        }
        return result.hasErrors ? `// 注意：文件仍有错误，以下生效基准仅供参考\n${result.json}` : result.json;
    }

    track(source: vscode.Uri, preview: vscode.Uri): void {
        this.open.set(preview.toString(), source);
    }

    refresh(source: vscode.Uri): void {
        for (const [preview, from] of this.open) {
            if (from.toString() === source.toString()) {
                this.changes.fire(vscode.Uri.parse(preview));
            }
        }
    }

    dispose(): void {
        this.listener.dispose();
        this.changes.dispose();
    }
}

async function showEffectiveBenchmark(previews: PreviewProvider): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'chidu') {
        void vscode.window.showWarningMessage('尺度：请在 .chidu 文件中把光标放在一个事项上');
        return;
    }
    const position = editor.selection.active;
    const params: EffectiveBenchmarkParams = {
        uri: client ? client.code2ProtocolConverter.asUri(editor.document.uri) : editor.document.uri.toString(),
        position: { line: position.line, character: position.character }
    };
    const probe = await running().sendRequest<EffectiveBenchmarkResult | null>(EffectiveBenchmarkRequest, params);
    const title = (probe?.title ?? path.basename(editor.document.uri.fsPath)).replace(/[\\/]/g, '／');
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${title}.json`, query: JSON.stringify(params) });
    previews.track(editor.document.uri, uri);
    const document = await vscode.workspace.openTextDocument(uri);
    // jsonc: the provisional-preview note is a comment.
    await vscode.languages.setTextDocumentLanguage(document, 'jsonc');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
