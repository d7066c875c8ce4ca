import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { type Node as JsonNode, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ChiduSettings } from '../chidu-settings.js';
import { DIAGNOSTICS } from '../validation/diagnostic-codes.js';

/**
 * The workspace file (`chidu.json`, or `尺度.json`) at a workspace root: what would otherwise be repeated on
 * every command line and in editor settings. The CLI and the language server read it through this one loader;
 * command-line flags and explicit editor settings override it. Keys are the words of the tables (上级目录 …).
 */
export const WORKSPACE_FILE_NAMES = ['chidu.json', '尺度.json'] as const;

export const BOUNDARY_CHOICES = ['以上含本数 以下含本数', '以上含本数 以下不含本数', '以上不含本数 以下含本数', '以上不含本数 以下不含本数'] as const;
export const PROFILE_CHOICES = ['市场监管', '广东生态环境', '广州卫生'] as const;

/** JSON Schema (draft-07, which VS Code's JSON support reads) of the workspace file; descriptions in Chinese. */
export const WORKSPACE_FILE_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://chidu.invalid/chidu-workspace.schema.json',
    title: '尺度工作区文件（chidu.json）',
    description: '工作区根目录的 chidu.json（或 尺度.json）：上级文件目录、法条目录、默认边界与档次规则、排除领域、输出目录和校验日期。命令行参数优先于本文件。',
    type: 'object',
    additionalProperties: false,
    properties: {
        $schema: { type: 'string', description: '本文件所依据的 JSON Schema（供编辑器补全）。' },
        上级目录: {
            type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true,
            description: '上级文件（省级、市级基准和清单）所在的目录，相对于本文件。其中的 .chidu 文件一同读入，供「上级」「细化」「直接适用」查找；它们自身的问题不报告，也不编译输出。'
        },
        法条目录: { type: 'string', minLength: 1, description: '法条库目录（每部法律一个 Markdown 文件），相对于本文件；用于悬停显示条文。' },
        边界: { enum: [...BOUNDARY_CHOICES], description: '文件头未写「边界」时阶次采用的边界规则。法定处罚始终按“以上、以下含本数”理解。' },
        档次规则: { enum: [...PROFILE_CHOICES], description: '文件头未写「档次规则」时采用的档次规则。' },
        排除领域: {
            type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true,
            description: '清单头未写「排除领域」时采用的排除领域（如「公共安全」）。'
        },
        输出目录: { type: 'string', minLength: 1, description: 'chidu build 未写 --out 时的输出目录（相对于本文件），也是编辑器“编译工作区”命令的输出目录。' },
        校验日期: {
            type: 'string', pattern: '^(今天|[0-9]{4}-[0-9]{2}-[0-9]{2})$',
            description: '判断有效期所用的日期：「今天」（默认），或固定日期如「2025-06-01」（流水线中结果可重现）。命令行的 --date 优先。'
        }
    }
} as const;

/** The workspace file as read: paths absolute, only what it states. */
export interface WorkspaceFile {
    readonly file: string;
    readonly upperFolders: readonly string[];
    readonly statutesDir?: string;
    readonly boundary?: string;
    readonly profile?: string;
    readonly excludedDomains?: readonly string[];
    readonly outDir?: string;
    /** A fixed ISO date, or undefined for today. */
    readonly referenceDate?: string;
}

/** A located problem of the workspace file (CD130); 1-based positions. */
export interface WorkspaceFileProblem {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly code: 'CD130';
    readonly severity: typeof DIAGNOSTICS.CD130.severity;
    readonly message: string;
}

export interface WorkspaceFileResult {
    readonly config?: WorkspaceFile;
    readonly problems: readonly WorkspaceFileProblem[];
}

/** The workspace file in a folder (chidu.json before 尺度.json), or undefined. */
export function workspaceFileIn(folder: string): string | undefined {
    for (const name of WORKSPACE_FILE_NAMES) {
        const candidate = path.join(folder, name);
        try {
            if (fs.statSync(candidate).isFile()) return candidate;
        } catch {
            // absent: try the next name
        }
    }
    return undefined;
}

/** The nearest workspace file in `start` (a folder or a file's folder) or one of its ancestors. */
export function findWorkspaceFile(start: string): string | undefined {
    let folder = path.resolve(start);
    try {
        if (!fs.statSync(folder).isDirectory()) folder = path.dirname(folder);
    } catch {
        folder = path.dirname(folder);
    }
    for (;;) {
        const found = workspaceFileIn(folder);
        if (found) return found;
        const parent = path.dirname(folder);
        if (parent === folder) return undefined;
        folder = parent;
    }
}

let validator: ReturnType<Ajv['compile']> | undefined;

const KEY_WORDS: Readonly<Record<string, string>> = {
    type: '类型不对', enum: '不是可选的值', pattern: '格式不对', minLength: '不能为空', uniqueItems: '有重复的项'
};

const TYPE_WORDS: Readonly<Record<string, string>> = { string: '文字（用 "" 括起）', array: '列表（用 [ ] 括起）', object: '对象（用 { } 括起）' };

/** Reads and checks a workspace file. A missing file is no problem (no config, no problems). */
export function readWorkspaceFile(file: string): WorkspaceFileResult {
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problems: [] };
        return { problems: [problemAt(file, '', 0, 0, `无法读取工作区文件：${(error as Error).message}`)] };
    }
    return parseWorkspaceFile(file, text);
}

/** Checks the text of a workspace file (exported for the language server, which has the text at hand). */
export function parseWorkspaceFile(file: string, text: string): WorkspaceFileResult {
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length > 0 || !tree) {
        const first = errors[0];
        const offset = first?.offset ?? 0;
        return { problems: [problemAt(file, text, offset, first?.length ?? 0, `工作区文件不是合法的 JSON：${parseErrorWords(first ? printParseErrorCode(first.error) : 'ValueExpected')}`)] };
    }
    const value = JSON.parse(text) as unknown;
    validator ??= new Ajv({ allErrors: true, strict: false }).compile(WORKSPACE_FILE_SCHEMA);
    if (!validator(value)) {
        const problems = (validator.errors ?? []).map(error => schemaProblem(file, text, tree, error));
        return { problems: dedupe(problems).sort((a, b) => a.line - b.line || a.column - b.column) };
    }
    const data = value as Record<string, unknown>;
    const dir = path.dirname(file);
    const date = data['校验日期'] as string | undefined;
    if (date !== undefined && date !== '今天' && !isRealDate(date)) {
        const node = findNodeAtLocation(tree, ['校验日期']);
        return { problems: [problemAt(file, text, node?.offset ?? 0, node?.length ?? 0, `「校验日期」${date} 不是真实存在的日期`)] };
    }
    const config: WorkspaceFile = {
        file,
        upperFolders: ((data['上级目录'] as string[] | undefined) ?? []).map(folder => path.resolve(dir, folder)),
        statutesDir: typeof data['法条目录'] === 'string' ? path.resolve(dir, data['法条目录']) : undefined,
        boundary: data['边界'] as string | undefined,
        profile: data['档次规则'] as string | undefined,
        excludedDomains: data['排除领域'] as string[] | undefined,
        outDir: typeof data['输出目录'] === 'string' ? path.resolve(dir, data['输出目录']) : undefined,
        referenceDate: date === undefined || date === '今天' ? undefined : date
    };
    return { config, problems: [] };
}

function isRealDate(date: string): boolean {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const parsed = new Date(Date.UTC(y, m - 1, d));
    return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}

function parseErrorWords(code: string): string {
    switch (code) {
        case 'CommaExpected': return '此处缺少逗号「,」';
        case 'ColonExpected': return '此处缺少冒号「:」';
        case 'PropertyNameExpected': return '此处应为用 "" 括起的项名（末尾不能多一个逗号）';
        case 'ValueExpected': return '此处缺少值';
        case 'CloseBraceExpected': return '缺少「}」';
        case 'CloseBracketExpected': return '缺少「]」';
        case 'EndOfFileExpected': return '此处之后不应再有内容';
        case 'UnexpectedEndOfString': return '文字缺少结尾的引号「"」';
        case 'InvalidCommentToken': return 'JSON 中不能写注释';
        case 'InvalidSymbol': case 'InvalidCharacter': return '此处有无法识别的字符（项名和文字须用英文双引号 "" 括起）';
        default: return code;
    }
}

function schemaProblem(file: string, text: string, tree: JsonNode, error: ErrorObject): WorkspaceFileProblem {
    const segments = error.instancePath.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map(s => /^\d+$/.test(s) ? Number(s) : s);
    if (error.keyword === 'additionalProperties') {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        const owner = findNodeAtLocation(tree, segments);
        const property = owner?.children?.find(p => p.children?.[0]?.value === key)?.children?.[0];
        const known = Object.keys(WORKSPACE_FILE_SCHEMA.properties).filter(k => k !== '$schema');
        return problemAt(file, text, property?.offset ?? 0, property?.length ?? 0, `工作区文件中没有「${key}」这一项；可以写：${known.join('、')}`);
    }
    const node = findNodeAtLocation(tree, segments);
    const where = segments.length === 0 ? '工作区文件' : `「${segments.join('.')}」`;
    let words = KEY_WORDS[error.keyword] ?? error.message ?? '不合要求';
    if (error.keyword === 'enum') {
        words = `不是可选的值；可选：${(error.params as { allowedValues: string[] }).allowedValues.join('、')}`;
    } else if (error.keyword === 'type') {
        const type = (error.params as { type: string }).type;
        words = `应为${TYPE_WORDS[type] ?? type}`;
    } else if (error.keyword === 'pattern') {
        words = '应为「今天」或 YYYY-MM-DD 格式的日期';
    }
    return problemAt(file, text, node?.offset ?? 0, node?.length ?? 0, `${where}${words}`);
}

function dedupe(problems: WorkspaceFileProblem[]): WorkspaceFileProblem[] {
    const seen = new Set<string>();
    return problems.filter(p => {
        const key = `${p.line}:${p.column}:${p.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

function positionOf(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function problemAt(file: string, text: string, offset: number, length: number, message: string): WorkspaceFileProblem {
    const start = positionOf(text, offset);
    const end = positionOf(text, offset + length);
    return { file, ...start, endLine: end.line, endColumn: end.column, code: 'CD130', severity: DIAGNOSTICS.CD130.severity, message };
}

/** Applies the defaults of a workspace file to the settings (the editor's own settings are applied after). */
export function applyWorkspaceDefaults(settings: ChiduSettings, config: WorkspaceFile | undefined): void {
    settings.workspaceDefaults = config
        ? { profile: config.profile, boundary: config.boundary, excludedDomains: config.excludedDomains ? [...config.excludedDomains] : undefined }
        : undefined;
    settings.apply(settings.lastConfiguration);
    if (config?.referenceDate) {
        settings.referenceDate = config.referenceDate;
    }
}
