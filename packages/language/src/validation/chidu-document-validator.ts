import {
    type AstNode, AstUtils, Cancellation, GrammarAST, type LangiumCoreServices, type LangiumDocument, type Lexer, type Reference, type ScopeProvider, isReference, type ParseResult, type ValidationAcceptor, type ValidationCheck,
    type ValidationOptions, DefaultDocumentValidator, DocumentValidator, interruptAndCheck
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isCodedLexingDiagnostic } from '../parser/chidu-lexer.js';
import * as ast from '../generated/ast.js';
import { AMBIGUOUS_REFERENCE } from '../workspace/chidu-linking.js';
import { visitNode } from '../workspace/ast-walk.js';
import { DIAGNOSTICS, type DiagnosticCode } from './diagnostic-codes.js';
import { isNameless } from './report.js';
import { applySuppressions } from './suppressions.js';

const REFERENCE_CODES: Record<string, { code: DiagnosticCode; message: (refText: string) => string }> = {
    'Benchmark.parents': { code: 'CD201', message: name => `找不到上级基准「${name}」：名称须与上级基准完全一致，且上级文件须在校验范围内` },
    'Item.refines': { code: 'CD202', message: code => `上级基准链中找不到事项编码 ${code}` },
    'Adoption.items': { code: 'CD202', message: code => `上级基准链中找不到可直接适用的事项编码 ${code}` },
    'Tier.refines': { code: 'CD203', message: name => `被细化的上级事项中没有阶次「${name}」` },
    'ExemptionList.parents': { code: 'CD201', message: name => `找不到上级清单「${name}」：名称须与上级清单完全一致，且上级文件须在校验范围内` },
    'ExemptionList.benchmarks': { code: 'CD201', message: name => `找不到基准「${name}」：名称须与基准完全一致，且基准文件须在校验范围内` },
    'Entry.refines': { code: 'CD616', message: number => `上级清单中找不到条目 ${number}` },
    'EntryImport.entries': { code: 'CD616', message: number => `上级清单中找不到可直接适用的条目 ${number}` },
    'Entry.item': { code: 'CD617', message: code => `清单所依据的基准中找不到事项编码 ${code}` },
    'Item.matter': { code: 'CD363', message: code => `行政执法事项清单中没有编码为 ${code} 的事项（清单文件须在校验范围内）` }
};

/** CD202 / CD203 list the valid choices up to this many. */
const MAX_CHOICES = 12;

/** What a legal officer calls each terminal of the grammar: no grammar name reaches a message. */
const TOKEN_LABELS: Readonly<Record<string, string>> = {
    STRING: '用「」括起的文字（名称、情形等）',
    CITATION: '条款引用（如《某法》第一条）',
    CODE: '编码（如 DQ-99-1）',
    NUMBER: '数字',
    CN_NUMBER: '中文数字',
    DATE: '日期（如 2022-01-01）',
    EOF: '文件结尾'
};

/** A terminal by what it is, a keyword as written in 「」. */
function tokenLabel(token: string): string {
    return Object.prototype.hasOwnProperty.call(TOKEN_LABELS, token) ? TOKEN_LABELS[token]! : `「${token}」`;
}

function translateParserMessage(message: string, written: string): string {
    const found = written !== '' ? written : /but found `([^`]*)`/.exec(message)?.[1];
    const expected = [...message.matchAll(/Expecting token of type '([^']+)'/g)].map(m => tokenLabel(m[1]!));
    const foundText = found === undefined || found === '' ? '文件结尾' : `「${found}」`;
    if (message.startsWith('Expecting end of file')) {
        return `语法错误：此处多出了${foundText}`;
    }
    if (expected.length > 0) {
        return `语法错误：此处应为${expected.join('或')}，实际为${foundText}`;
    }
    if (/one of these possible Token sequences/.test(message)) {
        const options = [...message.matchAll(/\[([^\]]+)\]/g)].slice(0, 8)
            .map(m => m[1]!.replace(/'/g, '').split(', ').map(t => tokenLabel(t).replace(/^「(.*)」$/, '$1')).join(' '));
        return `语法错误：此处不能出现${foundText}` + (options.length > 0 ? `；可以是：${options.join('、')}` : '');
    }
    return `语法错误：此处不能出现${foundText}`;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0]!;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const kept = row[j]!;
            row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = kept;
        }
    }
    return row[b.length]!;
}

function translateLexerMessage(message: string, rest = ''): string {
    const character = /->(.*)<-/s.exec(message)?.[1];
    if (character?.startsWith('「') || character?.startsWith('“')) {
        return `「${character[0]}」没有配对的结尾引号：从这里到文件结尾都没有「${character[0] === '「' ? '」' : '”'}」，请在名称或情形的末尾补上`;
    }
    void rest;
    return `无法识别的字符「${character ?? '?'}」：名称、情形等文字须写在「」内（其他措施写作 措施 「…」），代码只用英文字母、数字和连字符`;
}

/**
 * Langium's built-in lexing, parsing and linking diagnostics, reworded in Chinese under stable Chidu codes;
 * then the document's suppression comments are applied (suppressions.ts), here, so that the editor, the CLI
 * and the build read the same verdicts.
 */
export class ChiduDocumentValidator extends DefaultDocumentValidator {
    private readonly scopeProvider: ScopeProvider;

    private readonly keywords: readonly string[];
    private currentText = '';
    private currentOffset: (d: Diagnostic) => number = () => 0;

    private readonly lexer: Lexer;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.lexer = services.parser.Lexer;
        this.scopeProvider = services.references.ScopeProvider;
        const words = new Set<string>();
        for (const node of AstUtils.streamAllContents(services.Grammar)) {
            if (GrammarAST.isKeyword(node) && /\p{Script=Han}/u.test(node.value)) words.add(node.value);
        }
        this.keywords = [...words];
    }

    /**
     * The keywords nearest to an unknown run of Chinese (阶段 → 阶次): at most one character changed, added or
     * removed, up to three of them, the run itself read from where the lexer stopped.
     */
    nearestKeywords(text: string, offset: number): string[] {
        const run = /^[\p{Script=Han}]{1,8}/u.exec(text.slice(offset))?.[0];
        if (!run) {
            return [];
        }
        const candidates: { word: string; distance: number; length: number }[] = [];
        for (let length = Math.min(run.length, 8); length >= 1; length--) {
            const written = run.slice(0, length);
            for (const word of this.keywords) {
                if (Math.abs(word.length - written.length) > 1 || word.length < 2) continue;
                const distance = editDistance(written, word);
                if (distance === 1 && written.length >= 2) candidates.push({ word, distance, length });
            }
            if (candidates.length > 0) break;
        }
        return [...new Set(candidates.map(c => c.word))].slice(0, 3);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const isEmpty = !/[^\s\uFEFF]/.test(document.textDocument.getText());
        // Token images are the canonical text; messages quote what the user wrote.
        const written = (d: Diagnostic) => document.textDocument.getText(d.range);
        this.currentText = document.textDocument.getText();
        this.currentOffset = d => document.textDocument.offsetAt(d.range.start);
        const unresolved = new Map<string, Reference>();
        for (const reference of document.references) {
            if (isReference(reference) && reference.$refNode && reference.error) {
                const start = reference.$refNode.range.start;
                unresolved.set(`${start.line}:${start.character}`, reference);
            }
        }
        const translated = diagnostics
            .map(d => this.translate(d, isEmpty, written(d)))
            .filter(d => !this.isCascade(d, unresolved))
            .map(d => this.withChoices(d, unresolved));
        // The suppressions' own findings are reported with the built-in category (a later run of only the
        // missing categories must not repeat them). A suppression is stale only if every check ran on a document
        // that parsed; Chidu registers its checks as 'fast' (none is 'slow': one that is would need its own run here).
        const categories = options?.categories;
        const own = categories === undefined || categories.includes('built-in');
        const complete = own && (categories === undefined || categories.includes('fast'))
            && !translated.some(d => d.code === 'CD001' || d.code === 'CD002');
        try {
            return applySuppressions(document, this.lexer, translated, { own, complete }, this.getSource() ?? 'chidu');
        } catch (error) {
            // A defect in reading the suppressions must not cost the document its diagnostics.
            const start = { line: 0, character: 0 };
            return [...translated, {
                severity: 1, range: { start, end: start }, code: 'CD009', data: { code: 'CD009' }, source: this.getSource(),
                message: `Chidu 内部错误，忽略注释未能处理：${error instanceof Error ? error.message : String(error)}`
            }];
        }
    }

    /**
     * A reference that cannot resolve because the one it depends on did not: a tier's 细化 when its item's 细化
     * is not found (the CD202 speaks for it; the upper tiers are unknown).
     */
    private isCascade(diagnostic: Diagnostic, unresolved: ReadonlyMap<string, Reference>): boolean {
        const node = unresolved.get(`${diagnostic.range.start.line}:${diagnostic.range.start.character}`)?.$refNode?.astNode;
        if (diagnostic.code === 'CD203' && ast.isTier(node) && ast.isItem(node.$container)) {
            return node.$container.refines !== undefined && node.$container.refines.ref === undefined;
        }
        return false;
    }

    /** CD202 / CD203 name the codes or tiers that exist, when there are few. */
    private withChoices(diagnostic: Diagnostic, unresolved: ReadonlyMap<string, Reference>): Diagnostic {
        if (diagnostic.code !== 'CD202' && diagnostic.code !== 'CD203') {
            return diagnostic;
        }
        const reference = unresolved.get(`${diagnostic.range.start.line}:${diagnostic.range.start.character}`);
        const node = reference?.$refNode?.astNode;
        if (!reference || !node) {
            return diagnostic;
        }
        const property = ast.isTier(node) ? 'refines' : ast.isAdoption(node) ? 'items' : 'refines';
        let names: string[];
        try {
            names = [...new Set(this.scopeProvider.getScope({ container: node, property, reference }).getAllElements().map(e => e.name).toArray())];
        } catch {
            return diagnostic;
        }
        if (names.length === 0) {
            return { ...diagnostic, message: `${diagnostic.message}（${diagnostic.code === 'CD203' ? '被细化的上级事项没有阶次' : '上级基准链中没有事项'}）` };
        }
        if (names.length > MAX_CHOICES) {
            return diagnostic;
        }
        const shown = diagnostic.code === 'CD203' ? names.map(n => `「${n}」`) : names;
        return { ...diagnostic, message: `${diagnostic.message}；可选：${shown.join('、')}` };
    }

    /**
     * Same checks on the same nodes in the same (pre-order) sequence as Langium's loop, without its per-node cost:
     * Langium builds a stream of checks and awaits a cancellation check for every AST node, while almost all
     * nodes (tiers, penalties, ranges, bounds, quantities) have no check at all. Checks are looked up once per
     * node type; cancellation is still checked before every node that has checks. (Profiled: the per-node
     * overhead was about a quarter of validation time on the province-scale benchmark.)
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        const checksByType = new Map<string, readonly ValidationCheck[]>();
        const stack: AstNode[] = [rootNode];
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (isNameless(node)) {
                continue;
            }
            let checks = checksByType.get(node.$type);
            if (!checks) {
                checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray();
                checksByType.set(node.$type, checks);
            }
            if (checks.length > 0) {
                await interruptAndCheck(cancelToken);
                for (const check of checks) {
                    await check(node, acceptor, cancelToken);
                }
            }
            visitNode(node, stack);
        }
    }

    /** Lexing diagnostics that carry their own Chidu code (CD110) keep it; the rest are translated as CD001. */
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const coded = (parseResult.lexerReport?.diagnostics ?? []).filter(isCodedLexingDiagnostic);
        if (coded.length === 0) {
            super.processLexingErrors(parseResult, diagnostics, options);
            return;
        }
        const rest = (parseResult.lexerReport?.diagnostics ?? []).filter(d => !isCodedLexingDiagnostic(d));
        super.processLexingErrors({ ...parseResult, lexerReport: { diagnostics: rest } }, diagnostics, options);
        for (const d of coded) {
            const start = { line: (d.line ?? 1) - 1, character: (d.column ?? 1) - 1 };
            diagnostics.push({
                severity: DIAGNOSTICS[d.chiduCode].severity === 'error' ? 1 : 2,
                range: { start, end: { line: start.line, character: start.character + d.length } },
                message: d.message, code: d.chiduCode, data: { code: d.chiduCode }, source: this.getSource()
            });
        }
    }

    private translate(diagnostic: Diagnostic, isEmptyFile: boolean, written: string): Diagnostic {
        const data = diagnostic.data as { code?: string; containerType?: string; property?: string; refText?: string } | undefined;
        switch (data?.code) {
            case DocumentValidator.LexingError: {
                const near = this.nearestKeywords(this.currentText, this.currentOffset(diagnostic));
                const message = near.length > 0
                    ? `无法识别「${/^[\p{Script=Han}]{1,8}/u.exec(this.currentText.slice(this.currentOffset(diagnostic)))?.[0] ?? ''}」：是否要写 ${near.map(w => `「${w}」`).join('或')}？（名称、情形等文字须写在「」内）`
                    : translateLexerMessage(String(diagnostic.message), this.currentText.slice(this.currentOffset(diagnostic)));
                return { ...diagnostic, code: 'CD001', message, data: { code: 'CD001' } };
            }
            case DocumentValidator.ParsingError: {
                const message = isEmptyFile
                    ? '文件为空：Chidu 文件应以「基准 「名称」 { 制定机关 … 层级 … 施行日期 … }」开头'
                    : translateParserMessage(String(diagnostic.message), written);
                return { ...diagnostic, code: 'CD002', message, data: { code: 'CD002' } };
            }
            case DocumentValidator.LinkingError: {
                const message = String(diagnostic.message);
                if (message.startsWith(AMBIGUOUS_REFERENCE)) {
                    const files = message.slice(AMBIGUOUS_REFERENCE.length).split('\n').map(file => file.split('/').pop());
                    const what = data.property === 'benchmarks' ? '基准' : '上级';
                    return {
                        ...diagnostic, code: 'CD211', data: { ...data, code: 'CD211' },
                        message: `${what}「${data.refText ?? ''}」对应工作区中的 ${files.length} 份文件（${files.join('、')}），无法确定所指；请让名称唯一`
                    };
                }
                const spec = REFERENCE_CODES[`${data.containerType}.${data.property}`];
                if (!spec) {
                    return diagnostic;
                }
                return { ...diagnostic, code: spec.code, message: spec.message(data.refText ?? ''), data: { ...data, code: spec.code } };
            }
            default:
                if (diagnostic.code === undefined && String(diagnostic.message).startsWith('An error occurred during')) {
                    return { ...diagnostic, code: 'CD009', message: `Chidu 内部错误，此处的检查结果可能不完整：${diagnostic.message}`, data: { code: 'CD009' } };
                }
                return diagnostic;
        }
    }
}
