import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { BUILD_OUTPUT_SCHEMA, WORKSPACE_FILE_SCHEMA, type WorkspaceFile, type WorkspaceFileProblem, findWorkspaceFile, readWorkspaceFile } from '@chidu/language/core';
import { renderOutputs, treeFiles, writeOutputs } from './build.js';
import { catalogueUrl, toGithub, toJunit, toSarif } from './formats.js';
import type { PublishFormat } from './publish.js';
import type { DiffOptions } from './diff.js';
import type { ImportOptions } from './import/index.js';
import { BusyProblem, OutputProblem, describeIoError } from './io-error.js';
import { type ReportedDiagnostic, collectDiagnostics, displayPath, fails, formatPretty, formatText, shownInText, summary } from './report.js';
import { UsageError, collectFiles, findWorkspaceRoot, loadWorkspace, relativeToRoot } from './workspace.js';
import { type EvaluateOptions, type TestOptions, WorkspaceHasErrors, caseSchemaCommand, evaluateCommand, testCommand } from './runtime-commands.js';
import { formatStatutes, listStatutes } from './statutes.js';

/**
 * Exit codes: 0 no error, 1 errors found (or warnings under --strict), 2 usage (also a malformed chidu.json),
 * 3 I/O problem (a path that cannot be read or written, or an `--out` that is not Chidu's), 4 another build keeps
 * writing the same `--out`, 70 an internal error of Chidu (EX_SOFTWARE of sysexits.h: a defect to report).
 */
export const ExitCode = { Success: 0, Failure: 1, Usage: 2, Io: 3, Busy: 4, Internal: 70 } as const;

type ValidateFormat = 'text' | 'json' | 'sarif' | 'junit' | 'github';
interface ValidateOptions { format: ValidateFormat; strict?: boolean; info?: boolean; date?: string; root?: string; docsUrl?: string }
interface BuildOptions { out?: string; format?: 'text' | 'json'; strict?: boolean; info?: boolean; date?: string; wait: string; root?: string }
interface PublishOptions extends Omit<BuildOptions, 'format'> { format: PublishFormat }

/** The version of the chidu command (packages/cli/package.json). */
function version(): string {
    try {
        const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
        return manifest.version ?? '0.0.0';
    } catch {
        return '0.0.0';
    }
}

/** A workspace file (chidu.json) that cannot be used: its located problems are printed, exit code 2. */
class WorkspaceFileError extends Error {
    constructor(readonly problems: readonly WorkspaceFileProblem[]) {
        super('工作区文件有误');
    }
}

/** Whether diagnostics are shown with colour and a source excerpt: stdout is a terminal and NO_COLOR is unset. */
function pretty(): boolean {
    return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

function showDiagnostic(d: ReportedDiagnostic): string {
    if (!pretty()) {
        return formatText(d);
    }
    return formatPretty(d, { colour: true, source: file => readSource(file) });
}

const sources = new Map<string, string | undefined>();

function readSource(file: string): string | undefined {
    if (!sources.has(file)) {
        try {
            sources.set(file, fs.readFileSync(path.resolve(file), 'utf8'));
        } catch {
            sources.set(file, undefined);
        }
    }
    return sources.get(file);
}

/** A progress line on stderr while a run takes long, on a terminal only; cleared when the run ends. */
function progress(): { update: (text: string) => void; done: () => void } {
    if (process.stderr.isTTY !== true) {
        return { update: () => undefined, done: () => undefined };
    }
    let shown = false;
    let latest = '';
    const started = Date.now();
    const timer = setInterval(() => {
        if (latest !== '') {
            err(`\r\x1b[2K${latest}（已用 ${((Date.now() - started) / 1000).toFixed(0)} 秒）`);
            shown = true;
        }
    }, 1000);
    timer.unref();
    return {
        update: text => { latest = text; },
        done: () => {
            clearInterval(timer);
            if (shown) err('\r\x1b[2K');
        }
    };
}

function isRealDate(date: string): boolean {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const parsed = new Date(Date.UTC(y, m - 1, d));
    return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}

/** The workspace file nearest to the first path (or undefined); a malformed one stops the run. */
function workspaceConfig(paths: readonly string[]): WorkspaceFile | undefined {
    const file = paths.length > 0 ? findWorkspaceFile(paths[0]!) : undefined;
    if (!file) {
        return undefined;
    }
    const { config, problems } = readWorkspaceFile(file);
    if (problems.length > 0) {
        throw new WorkspaceFileError(problems);
    }
    return config;
}

/**
 * Output to stdout and stderr. A reader that stops early (`chidu validate … | head`) closes the pipe: the
 * rest of the output is dropped quietly (no EPIPE stack trace) and the exit code stays that of the run.
 */
const closed = new Set<NodeJS.WriteStream>();

function guard(stream: NodeJS.WriteStream): void {
    if (stream.listenerCount('error') === 0) {
        // EPIPE (the reader is gone) or any other failure of the stream itself: nothing more can be shown there.
        stream.on('error', () => closed.add(stream));
    }
}

function out(text: string): void {
    if (!closed.has(process.stdout)) process.stdout.write(text);
}

function err(text: string): void {
    if (!closed.has(process.stderr)) process.stderr.write(text);
}

async function check(paths: readonly string[], date: string | undefined, config: WorkspaceFile | undefined) {
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        throw new UsageError(`--date 须为 YYYY-MM-DD：${date}`);
    }
    if (date !== undefined && !isRealDate(date)) {
        throw new UsageError(`--date 不是真实存在的日期：${date}`);
    }
    const status = progress();
    try {
        status.update('正在查找 .chidu 文件…');
        const { files, notes } = await collectFiles(paths);
        for (const note of notes) {
            err(`注意：${note}\n`);
        }
        let upperFiles: string[] = [];
        if (config && config.upperFolders.length > 0) {
            const missing = config.upperFolders.filter(folder => !fs.existsSync(folder));
            if (missing.length > 0) {
                throw new UsageError(`${displayPath(config.file)}：「上级目录」中的目录不存在：${missing.map(displayPath).join('、')}`);
            }
            upperFiles = (await collectFiles(config.upperFolders)).files;
        }
        status.update(`正在校验 ${files.length} 个文件${upperFiles.length > 0 ? `（另有上级目录中的 ${upperFiles.length} 个）` : ''}…`);
        const workspace = await loadWorkspace(files, date ?? config?.referenceDate, { config, upperFiles });
        const diagnostics = collectDiagnostics(workspace.documents, workspace.fileProblems);
        return { files, workspace, diagnostics };
    } finally {
        status.done();
    }
}

async function validate(paths: string[], options: ValidateOptions): Promise<number> {
    const { files, workspace, diagnostics } = await check(paths, options.date, workspaceConfig(paths));
    const pipeline = options.format === 'sarif' || options.format === 'junit' || options.format === 'github';
    if (pipeline) {
        // Pipelines read file names relative to the workspace root, from any current directory.
        const { root, note } = await findWorkspaceRoot(paths, options.root);
        if (note) err(`注意：${note}\n`);
        const named = collectDiagnostics(workspace.documents, workspace.fileProblems, file => relativeToRoot(file, root));
        if (options.format === 'sarif') {
            out(`${JSON.stringify(toSarif(named, { root, version: version(), docsUrl: catalogueUrl(options.docsUrl) }), null, 2)}\n`);
        } else if (options.format === 'junit') {
            out(`${toJunit(named, files.map(file => relativeToRoot(file, root)), options.strict === true)}\n`);
        } else {
            for (const line of toGithub(named, options.info === true)) out(`${line}\n`);
        }
        err(`${summary(named, files.length)}\n`);
    } else if (options.format === 'json') {
        out(`${JSON.stringify(diagnostics, null, 2)}\n`);
    } else {
        for (const d of diagnostics.filter(d => shownInText(d, options.info))) {
            out(`${showDiagnostic(d)}\n`);
        }
        err(`${summary(diagnostics, files.length)}\n`);
    }
    return fails(diagnostics, options.strict) ? ExitCode.Failure : ExitCode.Success;
}

async function build(paths: string[], options: BuildOptions, publish?: PublishFormat): Promise<number> {
    const waitSeconds = Number(options.wait);
    if (!/^\d+(\.\d+)?$/.test(options.wait) || !Number.isFinite(waitSeconds)) {
        throw new UsageError(`--wait 须为秒数（非负数）：${options.wait}`);
    }
    const config = workspaceConfig(paths);
    const outDir = options.out ?? (config?.outDir && displayPath(config.outDir));
    if (!outDir) {
        throw new UsageError('缺少输出目录：请写 --out <目录>，或在工作区文件 chidu.json 中写「输出目录」');
    }
    if (path.dirname(path.resolve(outDir)) === path.resolve(outDir)) {
        throw new UsageError(`--out 不能是根目录：${outDir}`);
    }
    const { root, note } = await findWorkspaceRoot(paths, options.root);
    if (note) err(`注意：${note}\n`);
    const { files, workspace, diagnostics } = await check(paths, options.date, config);
    const json = options.format === 'json';
    // The report a pipeline reads on stdout with --format json: the manifest's outputs and the diagnostics.
    const report = (ok: boolean, outputs: readonly object[]) => out(`${JSON.stringify({
        format: 'chidu-build-report', formatVersion: 1, ok, out: outDir, files: files.length, summary: summary(diagnostics, files.length),
        outputs, diagnostics
    }, null, 2)}\n`);
    if (!json) {
        for (const d of diagnostics.filter(d => shownInText(d, options.info))) {
            out(`${showDiagnostic(d)}\n`);
        }
    }
    if (fails(diagnostics, options.strict)) {
        if (json) report(false, []);
        err(`${summary(diagnostics, files.length)}；存在${options.strict ? '错误或警告' : '错误'}，未生成任何文件\n`);
        return ExitCode.Failure;
    }
    if (publish) {
        const published = (await import('./publish.js')).renderPublication(workspace.documents, publish, root);
        await writeOutputs(published, outDir, waitSeconds * 1000, line => err(`${line}\n`));
        err(`${summary(diagnostics, files.length)}；已生成 ${published.length} 个文件到 ${outDir}\n`);
        return ExitCode.Success;
    }
    const outputs = renderOutputs(workspace.documents, root);
    const tree = treeFiles(outputs);
    await writeOutputs(tree.files, outDir, waitSeconds * 1000, line => err(`${line}\n`));
    if (json) report(true, tree.manifest.outputs);
    err(`${summary(diagnostics, files.length)}；已生成 ${outputs.length} 个文件和构建清单 index.json 到 ${outDir}\n`);
    return ExitCode.Success;
}

/*
 * publish (xlsx), diff and import are loaded when their command runs: a validate or build does not pay for
 * the spreadsheet library. The import module, once loaded, also names its usage errors (exit code 2).
 */
let importing: typeof import('./import/index.js') | undefined;

function program(result: { code: number }): Command {
    const cli = new Command('chidu')
        .description('尺度 Chidu：行政裁量权基准的校验与编译')
        .version(version(), '-V, --version', '打印版本')
        .helpOption('-h, --help', '显示帮助')
        .exitOverride()
        .configureOutput({ writeOut: out, writeErr: err });
    cli.command('validate')
        .description('校验路径下所有 .chidu 文件（作为一个工作区）')
        .argument('<paths...>', '文件或目录')
        .addOption(new Option('--format <format>', '输出格式（sarif、junit、github 供流水线读取，见 docs/流水线.md）')
            .choices(['text', 'json', 'sarif', 'junit', 'github']).default('text'))
        .option('--strict', '警告也视为失败（退出码 1）')
        .option('--info', '同时列出提示（如听证、当场处罚、全角字符）')
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .option('--root <dir>', '工作区根目录（sarif、junit、github 中的文件路径相对于它；默认：所在 git 仓库的根目录）')
        .option('--docs-url <url>', 'SARIF 规则帮助链接所指的诊断代码目录（docs/diagnostics.md）的地址')
        .action(async (paths: string[], options: ValidateOptions) => { result.code = await validate(paths, options); });
    cli.command('build')
        .description('校验后把每个基准文件编译为生效基准 JSON，整棵输出树一次切换；有错误时不写任何文件')
        .argument('<paths...>', '文件或目录')
        .option('--out <dir>', '输出目录（Chidu 维护的符号链接，指向当前这次构建的目录）；默认为 chidu.json 的「输出目录」')
        .option('--wait <seconds>', '另一个构建正在写入同一 --out 时最多等待的秒数', '10')
        .addOption(new Option('--format <format>', '输出格式：json 在标准输出打印构建报告（输出文件清单与诊断）').choices(['text', 'json']).default('text'))
        .option('--root <dir>', '工作区根目录（输出路径和 source.file 相对于它；默认：所在 git 仓库的根目录）')
        .option('--strict', '有警告时也不生成')
        .option('--info', '同时列出提示')
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .action(async (paths: string[], options: BuildOptions) => { result.code = await build(paths, options); });
    cli.command('publish')
        .description('校验后把每个基准和清单排成公示表（HTML 可直接打印，A4 横向；或 xlsx，含合并单元格）；有错误时不写任何文件')
        .argument('<paths...>', '文件或目录')
        .requiredOption('--out <dir>', '输出目录（与 build 相同：Chidu 维护的符号链接，整棵输出树一次切换）')
        .addOption(new Option('--format <format>', '输出格式').choices(['html', 'xlsx']).default('html'))
        .option('--wait <seconds>', '另一个命令正在写入同一 --out 时最多等待的秒数', '10')
        .option('--strict', '有警告时也不生成')
        .option('--info', '同时列出提示')
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .option('--root <dir>', '工作区根目录（输出路径相对于它；默认：所在 git 仓库的根目录）')
        .action(async (paths: string[], options: PublishOptions) => { result.code = await build(paths, { ...options, format: 'text' }, options.format); });
    cli.command('diff')
        .description('比较同一文件的两个版本，输出新旧对照表（原条文 | 修改后 | 说明）；--with 列出下级文件因此新增的诊断')
        .argument('<files...>', '<原版本> <修改后>，或者一个文件加 --git <版本>')
        .option('--git <rev>', '与该文件在 git 版本 <rev> 中的内容比较（git show）')
        .option('--with <paths...>', '一同校验的下级（及上级）文件或目录：分别按原版本和修改后校验，列出新增和消除的诊断')
        .addOption(new Option('--format <format>', '输出格式').choices(['markdown', 'html', 'json']).default('markdown'))
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .action(async (files: string[], options: DiffOptions) => {
            const { impact, text } = await (await import('./diff.js')).runDiff(files, options);
            out(text);
            result.code = impact?.introduced.some(f => f.severity === 'error') ? ExitCode.Failure : ExitCode.Success;
        });
    cli.command('import')
        .description('把 Excel 裁量基准表（.xls / .xlsx）导入为 .chidu 文件，并写出导入报告 import-report.json')
        .argument('<file>', '表格文件（.xls 或 .xlsx）')
        .option('--out <dir>', '输出目录', '.')
        .option('--mapping <mapping.json>', '映射文件（列角色、表头行、工作表选择等，见 docs/导入表格.md）')
        .option('--name <名称>', '基准名称（默认：文件名）')
        .option('--issuer <制定机关>', '制定机关')
        .option('--level <层级>', '层级（国家、省、市、县、乡镇）')
        .option('--effective-from <YYYY-MM-DD>', '施行日期')
        .option('--valid-for <期限>', '有效期，如 3年')
        .option('--domain <领域>', '领域')
        .option('--parent <上级基准名称...>', '上级基准的名称（可多个）')
        .option('--with <paths...>', '一同校验的其他 .chidu 文件或目录（如上级基准）')
        .option('--force', '覆盖已存在的输出文件')
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .action(async (file: string, options: ImportOptions) => {
            importing = await import('./import/index.js');
            const report = await importing.runImport(file, options, line => err(`${line}\n`));
            result.code = report.diagnostics.alone.errors > 0 ? ExitCode.Failure : ExitCode.Success;
        });
    cli.command('evaluate')
        .description('试算：在编译输出上对一个案例求出适用的事项、阶次、幅度、减免责结果与裁量说明')
        .argument('<paths...>', '工作区的文件或目录')
        .requiredOption('--case <case.json>', '案例文件（JSON：执法机关、日期、事实、认定的情形）')
        .option('--item <编码>', '事项编码（覆盖案例中的 item）')
        .option('--at <执法机关>', '作出决定的执法机关（覆盖案例中的 authority）')
        .addOption(new Option('--format <format>', '输出格式').choices(['text', 'json']).default('text'))
        .action(async (paths: string[], options: EvaluateOptions) => { result.code = await evaluateCommand(paths, options, out, err); });
    cli.command('test')
        .description('案例测试：运行路径下的案例文件（*.case.json、「案例」文件夹），比较预期结果并报告未覆盖的阶次与清单条目')
        .argument('<paths...>', '工作区的文件或目录（案例文件放在基准旁边）')
        .option('--junit <file>', '把结果写成 JUnit XML')
        .action(async (paths: string[], options: TestOptions) => { result.code = await testCommand(paths, options, out, err); });
    cli.command('case-schema')
        .description('打印本工作区案例文件的 JSON Schema（事实及其单位、可认定的情形、执法机关）')
        .argument('<paths...>', '工作区的文件或目录')
        .action(async (paths: string[]) => { result.code = await caseSchemaCommand(paths, out, err); });
    cli.command('statutes')
        .description('列出法规库：法规、版本、状态和读出的罚则数；给出路径时包括该工作区「法规」文件夹中的法规')
        .argument('[path]', '工作区目录或文件（查找其「法规」文件夹）')
        .addOption(new Option('--format <format>', '输出格式').choices(['text', 'json']).default('text'))
        .action((workspace: string | undefined, options: { format: 'text' | 'json' }) => {
            const listing = listStatutes(workspace);
            out(options.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatStatutes(listing));
            result.code = ExitCode.Success;
        });
    cli.command('schema')
        .description('打印编译输出（生效基准与清单）的 JSON Schema（2020-12）；--workspace 打印工作区文件 chidu.json 的 JSON Schema')
        .option('--workspace', '打印工作区文件 chidu.json 的 JSON Schema')
        .action((options: { workspace?: boolean }) => {
            out(`${JSON.stringify(options.workspace ? WORKSPACE_FILE_SCHEMA : BUILD_OUTPUT_SCHEMA, null, 2)}\n`);
            result.code = ExitCode.Success;
        });
    return cli;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: readonly string[]): Promise<number> {
    const result = { code: ExitCode.Success };
    guard(process.stdout);
    guard(process.stderr);
    try {
        await program(result).parseAsync([...argv]);
        return result.code;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
        }
        if (error instanceof WorkspaceFileError) {
            for (const problem of error.problems) {
                const d: ReportedDiagnostic = { ...problem, file: displayPath(problem.file) };
                err(`${showDiagnostic(d)}\n`);
            }
            err('chidu: 工作区文件有误，未校验任何文件\n');
            return ExitCode.Usage;
        }
        if (error instanceof UsageError || (importing && (error instanceof importing.SpreadsheetError || error instanceof importing.MappingError))) {
            err(`chidu: ${error.message}\n`);
            return ExitCode.Usage;
        }
        if (error instanceof WorkspaceHasErrors) {
            err(`chidu: ${error.message}\n`);
            return ExitCode.Failure;
        }
        if (error instanceof BusyProblem) {
            err(`chidu: ${error.message}\n`);
            return ExitCode.Busy;
        }
        if (error instanceof OutputProblem) {
            err(`chidu: ${error.message}\n`);
            return ExitCode.Io;
        }
        const io = describeIoError(error);
        if (io) {
            err(`chidu: ${io}\n`);
            return ExitCode.Io;
        }
        err(`chidu: 内部错误：${error instanceof Error ? error.message : String(error)}\n` +
            'chidu: 这是尺度的缺陷，不是您文件的问题。请把所用的命令、文件和以下信息报告给尺度的维护者：\n' +
            `${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
        return ExitCode.Internal;
    }
}
