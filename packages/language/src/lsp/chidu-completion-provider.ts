import { type AstNodeDescription, type GrammarAST as GrammarTypes, type LangiumDocument, type MaybePromise, type ReferenceInfo, AstUtils, CstUtils, GrammarAST } from 'langium';
import {
    type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem,
    DefaultCompletionProvider, type LangiumServices, type NextFeature
} from 'langium/lsp';
import {
    type CompletionItem, CompletionItemKind, type CompletionList, type CompletionParams, InsertTextFormat, type Position, type TextEdit
} from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { documentLabel, documentOf, tierStandard } from '../model/document-model.js';
import { KEYWORD_DOCS, keywordMarkdown } from './keyword-docs.js';
import { languageReferenceUrl } from './language-reference.js';
import { attempt, intervalText, tierNameText, written } from './lsp-support.js';
import { StatuteLibrary } from './statute-library.js';
import { ownEntry } from '../domain/lookup.js';
import { FACT_KIND_LABELS, PENALTY_LAW_FACTS, factKey } from '../domain/index.js';
import { vocabularyOf } from '../model/facts.js';

const HAN = /\p{Script=Han}/u;
const OPENERS = new Set(['「', '《']);

interface Spelling {
    /** Pinyin initials: 罚款 → fk */
    readonly initials: string;
    /** Full pinyin without tones: 罚款 → fakuan */
    readonly full: string;
}

const spellings = new Map<string, Spelling>();

type Pinyin = typeof import('pinyin-pro').pinyin;
let pinyin: Pinyin | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the pinyin dictionary (a few hundred milliseconds) on first need rather than at server start;
 * completion and workspace symbols await it, everything else matches without pinyin until it is there.
 */
export function loadPinyin(): Promise<void> {
    loading ??= import('pinyin-pro').then(module => { pinyin = module.pinyin; }, () => undefined);
    return loading;
}

/** Pinyin initials and full pinyin of a Chinese word (cached; keywords are a fixed set). */
export function spellingOf(word: string): Spelling {
    let spelling = spellings.get(word);
    if (!spelling) {
        if (!pinyin) {
            void loadPinyin();
            return { initials: '', full: '' };
        }
        const han = [...word].filter(ch => HAN.test(ch)).join('');
        spelling = han
            ? {
                initials: pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase(),
                full: pinyin(han, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase()
            }
            : { initials: '', full: '' };
        spellings.set(word, spelling);
    }
    return spelling;
}

/**
 * True when what the user typed names the word by its pinyin: initials (`fk` → 罚款), full pinyin (`fakuan`), or
 * a mix (`fak`). Case-insensitive; ASCII input only.
 */
export function matchesPinyin(typed: string, word: string): boolean {
    const query = typed.toLowerCase();
    if (!/^[a-z]+$/.test(query) || !HAN.test(word)) {
        return false;
    }
    const { initials, full } = spellingOf(word);
    return initials.startsWith(query) || full.startsWith(query) || (query.length >= 2 && initials.includes(query));
}

/**
 * Whether a label is offered for what was typed: Langium's fuzzy match, pinyin (fk → 罚款), or, for Chinese,
 * the typed characters in order anywhere in the label (区域 → 「一般区域按期改正」); an opening 「 / 《 typed
 * before them is part of the label.
 */
export function matchesTyped(typed: string, label: string, fuzzy: (query: string, text: string) => boolean): boolean {
    if (!typed || fuzzy(typed, label) || matchesPinyin(typed, label)) {
        return true;
    }
    let query = typed;
    let target = label;
    if (OPENERS.has(query[0]) && target.startsWith(query[0])) {
        query = query.slice(1);
        target = target.slice(1);
        if (!query || fuzzy(query, target) || matchesPinyin(query, target)) {
            return true;
        }
    }
    if (!HAN.test(query)) {
        return false;
    }
    let at = 0;
    for (const ch of target) {
        if (ch === query[at]) at++;
        if (at === query.length) return true;
    }
    return false;
}

/**
 * Completion: keywords with pinyin matching (`fk` offers 罚款), item codes of the upper documents after 细化 /
 * 直接适用 and upper tier names (with their documents and intervals), statute names where a citation starts, and
 * snippets for a whole item and a whole refinement. A half-typed Chinese word that is not yet a token (`罚`) is
 * completed in place.
 */
export class ChiduCompletionProvider extends DefaultCompletionProvider {
    private readonly shared: LangiumServices['shared'];

    constructor(services: LangiumServices) {
        super(services);
        this.shared = services.shared;
    }

    override readonly completionOptions: CompletionProviderOptions = {
        triggerCharacters: ['《', '「']
    };

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        try {
            await loadPinyin();
            return await super.getCompletion(document, params);
        } catch (error) {
            console.error('Chidu completion failed:', error);
            return { isIncomplete: true, items: [] };
        }
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (GrammarAST.isKeyword(next.feature) && next.feature.value === '事项') {
            this.itemSnippets(context, acceptor);
        }
        if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.ref?.name === 'CITATION') {
            return this.statuteNames(context, acceptor);
        }
        if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.ref?.name === 'STRING') {
            this.factCompletion(context, next, acceptor);
        }
        return super.completionFor(context, next, acceptor);
    }

    /**
     * In a condition: the facts the document can test (declared along its chain, then the circumstances of
     * 《行政处罚法》) where a fact's name goes, and the declared values of the fact where a value goes.
     */
    private factCompletion(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): void {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        const where = `${next.type ?? rule ?? ''}.${assignment?.feature ?? ''}`;
        const root = context.node ? AstUtils.findRootNode(context.node) : undefined;
        if (!root || !(ast.isBenchmark(root) || ast.isExemptionList(root))) {
            return;
        }
        const vocabulary = [...vocabularyOf(root).values()];
        if (where === 'Membership.name' || where === 'Indicator.name' || where === 'TextCondition.text') {
            const wanted = (kind: string) => where === 'TextCondition.text' ? kind === 'flag' : where === 'Membership.name' ? kind === 'enumeration' : kind !== 'flag';
            const facts = [...vocabulary, ...(where === 'TextCondition.text' ? PENALTY_LAW_FACTS : [])].filter(f => wanted(f.kind));
            for (const fact of facts) {
                acceptor(context, {
                    label: `「${fact.name}」`, kind: CompletionItemKind.Variable,
                    detail: `事实（${FACT_KIND_LABELS[fact.kind]}）${fact.basis ? ` ${fact.basis}` : ''}`,
                    documentation: fact.values ? `取值：${fact.values.map(v => `「${v}」`).join('、')}` : fact.definition, sortText: '0'
                });
            }
        } else if (where === 'Membership.values' || where === 'Indicator.values') {
            // Before the parser has seen the operator's values, the fact's name reads as a text condition.
            const node = context.node;
            const name = ast.isTextCondition(node) ? node.text : (node as Partial<ast.Membership> | undefined)?.name;
            const fact = typeof name === 'string' ? vocabulary.find(f => factKey(f.name) === factKey(name)) : undefined;
            for (const value of fact?.values ?? []) {
                acceptor(context, { label: `「${value}」`, kind: CompletionItemKind.EnumMember, detail: `事实「${fact!.name}」的取值`, sortText: '0' });
            }
        }
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarTypes.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) {
            return;
        }
        const doc = ownEntry(KEYWORD_DOCS, keyword.value);
        const { initials, full } = spellingOf(keyword.value);
        acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.Keyword,
            detail: doc ? doc.split(/[。：]/)[0] : undefined,
            documentation: doc ? { kind: 'markdown', value: keywordMarkdown(keyword.value, languageReferenceUrl())! } : undefined,
            filterText: initials ? `${keyword.value} ${initials} ${full}` : undefined,
            sortText: '1'
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (ast.isItem(node)) {
            const doc = documentLabel(documentOf(node));
            return {
                ...item,
                kind: CompletionItemKind.Class,
                detail: `${doc} 事项 ${node.code}`,
                documentation: node.violation ? `「${written(node, 'violation')}」` : undefined,
                labelDetails: { description: node.violation ? truncate(written(node, 'violation') ?? '', 24) : doc }
            };
        }
        if (ast.isTier(node)) {
            const text = tierNameText(node.name);
            const intervals = attempt(() => tierStandard(node).components.filter(c => c.interval).map(c => intervalText(c.interval, c.dimension)).join('；'), '');
            const { initials, full } = spellingOf(node.name);
            return {
                ...item,
                label: text,
                insertText: text,
                kind: CompletionItemKind.EnumMember,
                detail: `${documentLabel(documentOf(node))} 阶次「${node.name}」`,
                labelDetails: intervals ? { description: intervals } : undefined,
                filterText: `${text} ${node.name}${initials ? ` ${initials} ${full}` : ''}`
            };
        }
        if (ast.isBenchmark(node)) {
            return { ...item, label: `「${node.name}」`, insertText: `「${node.name}」`, kind: CompletionItemKind.Module, detail: documentLabel(node) };
        }
        return item;
    }

    /**
     * Adds a context at the start of a half-typed code (`3-`, `DQ-9`): the lexer does not yet see one token there,
     * so Langium would only complete after it.
     */
    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        const textDocument = document.textDocument;
        const offset = textDocument.offsetAt(position);
        const text = textDocument.getText();
        const run = /[A-Za-z0-9_][A-Za-z0-9_-]*-$/.exec(text.substring(Math.max(0, offset - 64), offset));
        const seen = new Set<number>();
        if (run) {
            const start = offset - run[0].length;
            const root = document.parseResult?.value?.$cstNode;
            const before = root ? CstUtils.findLeafNodeBeforeOffset(root, start) : undefined;
            seen.add(start);
            yield {
                document, textDocument, offset, position, node: before?.astNode,
                tokenOffset: start, tokenEndOffset: offset, features: this.findFeaturesAt(textDocument, start)
            };
        }
        for (const context of super.buildContexts(document, position)) {
            if (!seen.has(context.tokenOffset) || context.tokenOffset === offset) {
                yield context;
            }
        }
    }

    /** Accepts Langium's fuzzy match, or pinyin, and completes half-typed Chinese (not yet a token) in place. */
    protected override buildCompletionTextEdit(context: CompletionContext, label: string, newText: string): TextEdit | undefined {
        const text = context.textDocument.getText();
        let start = context.tokenOffset;
        if (start === context.offset) {
            // Half-typed Chinese that did not lex: extend back over the Han characters before the cursor.
            while (start > 0 && HAN.test(text[start - 1]) && !this.isInsideToken(text, start - 1)) start--;
        }
        // An opening 「 or 《 typed for a tier name or a statute belongs to what the completion replaces.
        if (start > 0 && OPENERS.has(text[start - 1]) && label.startsWith(text[start - 1]) && !this.isInsideToken(text, start - 1)) {
            start--;
        }
        const typed = text.substring(start, context.offset);
        if (!matchesTyped(typed, label, this.fuzzyMatcher.match.bind(this.fuzzyMatcher))) {
            return undefined;
        }
        return {
            newText,
            range: { start: context.textDocument.positionAt(start), end: context.position }
        };
    }

    /** Whether a character is part of a lexed token (a keyword such as 罚款 is, a stray 罚 is not). */
    private isInsideToken(text: string, offset: number): boolean {
        const lineStart = text.lastIndexOf('\n', offset) + 1;
        const tokens = this.lexer.tokenize(text.substring(lineStart, offset + 1)).tokens;
        const relative = offset - lineStart;
        return tokens.some(t => t.startOffset <= relative && (t.endOffset ?? t.startOffset) >= relative);
    }

    private itemSnippets(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const snippets: CompletionValueItem[] = [
            {
                label: '事项（新设）',
                kind: CompletionItemKind.Snippet,
                detail: '新设事项：违反条款、处罚依据、法定处罚、阶次',
                insertTextFormat: InsertTextFormat.Snippet,
                insertText: [
                    '事项 ${1:CODE} 「${2:违法行为}」 {',
                    '    违反条款 《${3:法名}》第${4:N}条',
                    '    处罚依据 《${3:法名}》第${5:N}条',
                    '    法定处罚 {',
                    '        罚款 ${6:一万元以上十万元以下}',
                    '    }',
                    '    阶次 1 {',
                    '        情形 「${7:情形}」',
                    '        罚款 ${8:一万元以上五万元以下}',
                    '    }',
                    '}'
                ].join('\n'),
                filterText: '事项 sx shixiang',
                sortText: '0'
            },
            {
                label: '事项（细化上级）',
                kind: CompletionItemKind.Snippet,
                detail: '细化上级事项：逐阶次写明细化的上级阶次',
                insertTextFormat: InsertTextFormat.Snippet,
                insertText: [
                    '事项 ${1:CODE} 「${2:违法行为}」 细化 ${3:上级编码} {',
                    '    阶次 1 {',
                    '        细化 ${4:1}',
                    '        情形 「${5:情形}」',
                    '        罚款 ${6:一万元以上五万元以下}',
                    '    }',
                    '}'
                ].join('\n'),
                filterText: '事项 细化 sx xh shixiang xihua',
                sortText: '0'
            }
        ];
        for (const snippet of snippets) {
            acceptor(context, snippet);
        }
    }

    private async statuteNames(context: CompletionContext, acceptor: CompletionAcceptor): Promise<void> {
        const catalogue = await StatuteLibrary.of(this.shared).load();
        for (const law of catalogue.laws) {
            const { initials, full } = spellingOf(law);
            acceptor(context, {
                label: `《${law}》`,
                kind: CompletionItemKind.Reference,
                detail: catalogue.statutesOf(law)[0]?.title,
                filterText: `《${law}》 ${law} ${initials} ${full}`,
                sortText: '2'
            });
        }
    }
}

function truncate(text: string, length: number): string {
    return text.length > length ? `${text.slice(0, length)}…` : text;
}

export type { CompletionItem };
