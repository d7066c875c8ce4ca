import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { BUILD_OUTPUT_SCHEMA } from '@chidu/language';
import { renderOutputs, writeOutputs } from './build.js';
import { type ImportOptions, MappingError, SpreadsheetError, runImport } from './import/index.js';
import { BusyProblem, OutputProblem, describeIoError } from './io-error.js';
import { type ReportedDiagnostic, collectDiagnostics, formatText, summary } from './report.js';
import { UsageError, collectFiles, loadWorkspace } from './workspace.js';
import { formatStatutes, listStatutes } from './statutes.js';

/**
 * Exit codes: 0 no error, 1 errors found (or warnings under --strict), 2 usage, 3 I/O problem (a path that
 * cannot be read or written, or an `--out` that is not Chidu's), 4 another build keeps writing the same `--out`.
 */
export const ExitCode = { Success: 0, Failure: 1, Usage: 2, Io: 3, Busy: 4 } as const;

interface ValidateOptions { format: 'text' | 'json'; strict?: boolean; info?: boolean; date?: string }
interface BuildOptions { out: string; strict?: boolean; info?: boolean; date?: string; wait: string }

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

function fails(diagnostics: readonly ReportedDiagnostic[], strict: boolean | undefined): boolean {
    return diagnostics.some(d => d.severity === 'error' || (strict && d.severity === 'warning'));
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
    const { files, diagnostics } = await check(paths, options.date);
    if (options.format === 'json') {
        out(`${JSON.stringify(diagnostics, null, 2)}\n`);
    } else {
        for (const d of diagnostics.filter(d => options.info || d.severity === 'error' || d.severity === 'warning')) {
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
    const { files, workspace, diagnostics } = await check(paths, options.date);
    for (const d of diagnostics.filter(d => options.info || d.severity === 'error' || d.severity === 'warning')) {
        out(`${formatText(d)}\n`);
    }
    if (fails(diagnostics, options.strict)) {
        err(`${summary(diagnostics, files.length)}；存在${options.strict ? '错误或警告' : '错误'}，未生成任何文件\n`);
        return ExitCode.Failure;
    }
    const outputs = renderOutputs(workspace.documents);
    await writeOutputs(outputs, options.out, waitSeconds * 1000, line => err(`${line}\n`));
    err(`${summary(diagnostics, files.length)}；已生成 ${outputs.length} 个文件到 ${options.out}\n`);
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
        .addOption(new Option('--format <format>', '输出格式').choices(['text', 'json']).default('text'))
        .option('--strict', '警告也视为失败（退出码 1）')
        .option('--info', '同时列出提示（如听证、当场处罚、全角字符）')
        .option('--date <YYYY-MM-DD>', '校验日期（判断有效期），默认今天')
        .action(async (paths: string[], options: ValidateOptions) => { result.code = await validate(paths, options); });
    cli.command('build')
        .description('校验后把每个基准文件编译为生效基准 JSON，整棵输出树一次切换；有错误时不写任何文件')
        .argument('<paths...>', '文件或目录')
        .requiredOption('--out <dir>', '输出目录（Chidu 维护的符号链接，指向当前这次构建的目录）')
        .option('--wait <seconds>', '另一个构建正在写入同一 --out 时最多等待的秒数', '10')
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
