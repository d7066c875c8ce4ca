import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { BUILD_OUTPUT_SCHEMA } from '@chidu/language';
import { renderOutputs, treeFiles, writeOutputs } from './build.js';
import { catalogueUrl, toGithub, toJunit, toSarif } from './formats.js';
import { type ImportOptions, MappingError, SpreadsheetError, runImport } from './import/index.js';
import { BusyProblem, OutputProblem, describeIoError } from './io-error.js';
import { collectDiagnostics, fails, formatText, shownInText, summary } from './report.js';
import { UsageError, collectFiles, findWorkspaceRoot, loadWorkspace, relativeToRoot } from './workspace.js';

/**
 * Exit codes: 0 no error, 1 errors found (or warnings under --strict), 2 usage, 3 I/O problem (a path that
 * cannot be read or written, or an `--out` that is not Chidu's), 4 another build keeps writing the same `--out`.
 */
export const ExitCode = { Success: 0, Failure: 1, Usage: 2, Io: 3, Busy: 4 } as const;

type ValidateFormat = 'text' | 'json' | 'sarif' | 'junit' | 'github';
interface ValidateOptions { format: ValidateFormat; strict?: boolean; info?: boolean; date?: string; root?: string; docsUrl?: string }
interface BuildOptions { out: string; format: 'text' | 'json'; strict?: boolean; info?: boolean; date?: string; wait: string; root?: string }

/** The version of this Chidu (the CLI package's), as SARIF names the tool. */
function version(): string {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
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

async function check(paths: readonly string[], date: string | undefined) {
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        throw new UsageError(`--date 须为 YYYY-MM-DD：${date}`);
    }
    const { files, notes } = await collectFiles(paths);
    for (const note of notes) {
        err(`注意：${note}\n`);
    }
    const workspace = await loadWorkspace(files, date);
    const diagnostics = collectDiagnostics(workspace.documents, workspace.fileProblems);
    return { files, workspace, diagnostics };
}

async function validate(paths: string[], options: ValidateOptions): Promise<number> {
    const { files, workspace, diagnostics } = await check(paths, options.date);
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
            out(`${formatText(d)}\n`);
        }
        err(`${summary(diagnostics, files.length)}\n`);
    }
    return fails(diagnostics, options.strict) ? ExitCode.Failure : ExitCode.Success;
}

async function build(paths: string[], options: BuildOptions): Promise<number> {
    const waitSeconds = Number(options.wait);
    if (!/^\d+(\.\d+)?$/.test(options.wait) || !Number.isFinite(waitSeconds)) {
        throw new UsageError(`--wait 须为秒数（非负数）：${options.wait}`);
    }
    if (path.dirname(path.resolve(options.out)) === path.resolve(options.out)) {
        throw new UsageError(`--out 不能是根目录：${options.out}`);
    }
    const { root, note } = await findWorkspaceRoot(paths, options.root);
    if (note) err(`注意：${note}\n`);
    const { files, workspace, diagnostics } = await check(paths, options.date);
    const json = options.format === 'json';
    // The report a pipeline reads on stdout with --format json: the manifest's outputs and the diagnostics.
    const report = (ok: boolean, outputs: readonly object[]) => out(`${JSON.stringify({
        format: 'chidu-build-report', formatVersion: 1, ok, out: options.out, files: files.length, summary: summary(diagnostics, files.length),
        outputs, diagnostics
    }, null, 2)}\n`);
    if (!json) {
        for (const d of diagnostics.filter(d => shownInText(d, options.info))) {
            out(`${formatText(d)}\n`);
        }
    }
    if (fails(diagnostics, options.strict)) {
        if (json) report(false, []);
        err(`${summary(diagnostics, files.length)}；存在${options.strict ? '错误或警告' : '错误'}，未生成任何文件\n`);
        return ExitCode.Failure;
    }
    const outputs = renderOutputs(workspace.documents, root);
    const tree = treeFiles(outputs);
    await writeOutputs(tree.files, options.out, waitSeconds * 1000, line => err(`${line}\n`));
    if (json) report(true, tree.manifest.outputs);
    err(`${summary(diagnostics, files.length)}；已生成 ${outputs.length} 个文件和构建清单 index.json 到 ${options.out}\n`);
    return ExitCode.Success;
}

function program(result: { code: number }): Command {
    const cli = new Command('chidu')
        .description('尺度 Chidu：行政裁量权基准的校验与编译')
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
        .requiredOption('--out <dir>', '输出目录（Chidu 维护的符号链接，指向当前这次构建的目录）')
        .option('--wait <seconds>', '另一个构建正在写入同一 --out 时最多等待的秒数', '10')
        .addOption(new Option('--format <format>', '输出格式：json 在标准输出打印构建报告（输出文件清单与诊断）').choices(['text', 'json']).default('text'))
        .option('--root <dir>', '工作区根目录（输出路径和 source.file 相对于它；默认：所在 git 仓库的根目录）')
        .option('--strict', '有警告时也不生成')
        .option('--info', '同时列出提示')
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .action(async (paths: string[], options: BuildOptions) => { result.code = await build(paths, options); });
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
            const report = await runImport(file, options, line => err(`${line}\n`));
            result.code = report.diagnostics.alone.errors > 0 ? ExitCode.Failure : ExitCode.Success;
        });
    cli.command('schema')
        .description('打印编译输出（生效基准与清单）的 JSON Schema（2020-12）')
        .action(() => { out(`${JSON.stringify(BUILD_OUTPUT_SCHEMA, null, 2)}\n`); result.code = ExitCode.Success; });
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
        if (error instanceof UsageError || error instanceof SpreadsheetError || error instanceof MappingError) {
            err(`chidu: ${error.message}\n`);
            return ExitCode.Usage;
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
        err(`chidu: 内部错误：${error instanceof Error ? error.message : String(error)}\n`);
        return ExitCode.Usage;
    }
}
