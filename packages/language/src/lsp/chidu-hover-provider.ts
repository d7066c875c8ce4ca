import { type AstNode, type CstNode, type LangiumDocument, AstUtils } from 'langium';
import type { HoverProvider, LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams, Range } from 'vscode-languageserver';
import {
    type Component, LEVEL_LABEL, type WindowComparison, comparableComponents, compareWindows, describeSemantics, describeWindow, formatCitation, hull,
    readLookbackText, sanctionInWords, toChineseInteger,
    FACT_KIND_LABELS, describeMembership, factKey,
} from '../domain/index.js';
import * as ast from '../generated/ast.js';
import {
    documentLabel, documentOf, effectiveStatutory, levelOf, ownStatutory, semanticsOf, statutoryLabel, tierComponents, tierStandard
} from '../model/document-model.js';
import { lookbackOf } from '../model/list-model.js';
import { type KnownFact, declaredFact, factNamed, flagFact, membershipOf } from '../model/facts.js';
import { resolveRangeNode } from '../model/penalty-model.js';
import { readCitations } from '../model/citations.js';
import { keywordHover } from './keyword-docs.js';
import { languageReferenceUrl } from './language-reference.js';
import {
    code, componentText, componentsFrom, displayInterval, isNameLeaf, keywordOf, leafAt, referenceAt, safely, sanctionAnchor, semanticsAt, written
} from './lsp-support.js';
import { RefinementIndex } from './refinement-index.js';
import { type StatuteMatch, StatuteLibrary, articlePenalties } from './statute-library.js';

/** Words inside a range whose meaning is worth repeating under the interval. */
const RANGE_WORDS = new Set(['以上', '以下', '以内', '至', '不足', '不满', '低于', '少于', '超过', '高于', '多于', '含本数', '不含本数']);

/** How far up the chain a hover follows refined tiers (国家 → 乡镇 is five levels). */
const MAX_CHAIN = 6;

/**
 * Hover: exact intervals after boundary semantics, the upper tiers and statutory range behind them, the text of
 * cited articles, and what keywords mean.
 */
export class ChiduHoverProvider implements HoverProvider {
    private readonly services: LangiumServices;

    constructor(services: LangiumServices) {
        this.services = services;
    }

    async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        return safely('hover', undefined, async () => {
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = leafAt(document, offset);
            if (!leaf) {
                return undefined;
            }
            const value = await this.contentFor(leaf);
            return value ? { contents: { kind: 'markdown', value }, range: leaf.range } : undefined;
        });
    }

    protected async contentFor(leaf: CstNode): Promise<string | undefined> {
        const node = leaf.astNode;
        const keyword = keywordOf(leaf);
        const keywordText = keyword ? keywordHover(keyword, languageReferenceUrl()) : undefined;
        if (ast.isCitation(node)) {
            return this.citationHover(node);
        }
        const reference = referenceAt(leaf);
        if (reference?.ref.ref) {
            return this.describeTarget(reference.ref.ref);
        }
        if (reference) {
            return undefined;
        }
        const anchor = sanctionAnchor(node);
        const range = AstUtils.getContainerOfType(node, ast.isRange);
        if (range || (anchor && !ast.isMeasure(anchor))) {
            const amount = this.amountHover(node, range, anchor);
            if (amount) {
                const explain = keywordText && (RANGE_WORDS.has(keyword!) || (ast.isKindSanction(anchor) && anchor.kind === keyword));
                return explain ? `${amount}\n\n---\n\n${keywordText}` : amount;
            }
        }
        if (keywordText && !this.isDeclarationKeyword(keyword!, node)) {
            return keywordText;
        }
        const entry = AstUtils.getContainerOfType(node, ast.isEntry);
        if (entry && (ast.isTextCondition(node) || (ast.isDuration(node) && entry.lookback.includes(node)))) {
            const lookback = this.lookbackHover(entry, node);
            if (lookback) {
                return lookback;
            }
        }
        const condition = this.conditionHover(node);
        if (condition) {
            return condition;
        }
        if (ast.isTier(node)) {
            return this.tierHover(node);
        }
        if (ast.isItem(node)) {
            return this.itemHover(node);
        }
        if (ast.isBenchmark(node) && (keyword === '基准' || isNameLeaf(leaf))) {
            return this.benchmarkHover(node);
        }
        return keywordText;
    }

    /**
     * On a first-violation condition or a 回溯期: what the window means, how it compares with the law's 初次违法
     * (no window) and with the upper entry it refines — the same comparison the validator makes (CD614/CD620).
     */
    private lookbackHover(entry: ast.Entry, node: AstNode): string | undefined {
        const own = lookbackOf(entry);
        if (!own || (ast.isTextCondition(node) && node !== own.node && readLookbackText(node.text) === undefined)) {
            return undefined;
        }
        const lines = [`**回溯期** ${describeWindow(own.window)}（${own.typed ? '写在「回溯期」中' : '从条件文字读出'}）`, ''];
        switch (own.window.kind) {
            case 'none':
                lines.push('此前任何时候有过同类违法，都不属初次（法律原文的读法，最严）。');
                break;
            case 'months':
                lines.push(`此前 ${describeWindow(own.window)}没有同类违法即属首次，更早的违法不计：比法律原文「初次违法」宽。`);
                break;
            case 'calendarYear':
                lines.push('当年1月1日以来没有同类违法即属首次，长短随违法发生的月份而变：比法律原文「初次违法」宽。');
                break;
        }
        const upper = entry.refines?.ref;
        const upperWindow = upper ? lookbackOf(upper) : undefined;
        if (upper && upperWindow) {
            const verdict: Record<WindowComparison, string> = {
                same: '与上级条目相同',
                stricter: '严于上级条目（收窄上级条目，允许）',
                looser: '宽于上级条目：更早的同类违法不再排除「首次」',
                incomparable: '与上级条目无法比较宽严'
            };
            lines.push('', `- 上级（${documentLabel(upper.$container)}）条目 ${upper.number}：${describeWindow(upperWindow.window)} — ${verdict[compareWindows(own.window, upperWindow.window)]}`);
        }
        return lines.join('\n');
    }

    /**
     * On a condition or a fact declaration: what it means as data — the fact, its kind and article, the values a
     * membership test lets through — or that it is free text, read by its words only.
     */
    private conditionHover(node: AstNode): string | undefined {
        if (ast.isFact(node)) {
            return node.$container ? factMarkdown(declaredFact(node, node.$container)) : undefined;
        }
        if (ast.isMembership(node) || (ast.isIndicator(node) && node.operator !== undefined)) {
            const test = membershipOf(node);
            if (!test) {
                return undefined;
            }
            const fact = factNamed(node, test.fact);
            const lines = [`**条件** ${describeMembership(test)}`, ''];
            if (fact?.kind === 'enumeration' && fact.values) {
                const passes = fact.values.filter(v => test.values.map(factKey).includes(factKey(v)) !== test.negated);
                lines.push(`满足本条件的取值：${passes.map(v => `「${v}」`).join('、') || '（无）'}`, '');
            } else if (!fact) {
                lines.push('事实「' + test.fact + '」没有声明：取值无法核对，上下级比较时只按原文比较。', '');
            }
            return [...lines, factMarkdown(fact)].join('\n');
        }
        if (ast.isTextCondition(node) && typeof node.text === 'string') {
            const fact = flagFact(node);
            return fact
                ? [`**情节** 「${fact.name}」（是否）：案件中该情节成立即满足本条件。`, '', factMarkdown(fact)].join('\n')
                : '**文字情形**：Chidu 不读取其含义，由执法人员判断；上下级比较时按原文比较，改写措辞的条件只能报告“无法证明”（CD620）。可改写为事实条件（「事实」声明后用 指标 或 为 表达）。';
        }
        return undefined;
    }

    /** 阶次 / 事项 / 基准 on their own node describe that node rather than the word. */
    private isDeclarationKeyword(keyword: string, node: AstNode): boolean {
        return (keyword === '阶次' && ast.isTier(node)) || (keyword === '事项' && ast.isItem(node))
            || (keyword === '基准' && ast.isBenchmark(node));
    }

    protected describeTarget(target: AstNode): string | undefined {
        if (ast.isTier(target)) return this.tierHover(target);
        if (ast.isItem(target)) return this.itemHover(target);
        if (ast.isBenchmark(target)) return this.benchmarkHover(target);
        return undefined;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Amounts and ranges
    // ---------------------------------------------------------------------------------------------------------

    protected amountHover(node: AstNode, range: ast.Range | undefined, anchor: AstNode | undefined): string | undefined {
        const lines: string[] = [];
        const { semantics, label } = semanticsAt(node);
        const tier = AstUtils.getContainerOfType(node, ast.isTier);
        const item = AstUtils.getContainerOfType(node, ast.isItem);
        const inStatutory = AstUtils.getContainerOfType(node, ast.isPenaltyBlock) !== undefined;
        const isGuard = range !== undefined && ast.isFineBranch(range.$container) && range.$container.guard === range;

        if (range) {
            const resolved = resolveRangeNode(range, semantics);
            const written = range.$cstNode?.text.replace(/\s+/g, ' ') ?? '';
            if (resolved.range) {
                const what = isGuard
                    ? `${this.switchBaseLabel(range)}的分档条件`
                    : this.rangeOwnerLabel(range);
                lines.push(`**${what}** ${code(displayInterval(resolved.range.interval, resolved.range.dimension))}`);
            } else {
                lines.push(`**幅度** 无法解释：${resolved.problems.map(p => p.kind === 'bad-shape' ? p.detail : p.kind).join('；') || '表述不完整'}`);
            }
            lines.push('', `写作「${written}」；${label}。`);
            if (isGuard) {
                return lines.join('\n');
            }
        }

        // The components this sanction contributes (a switch contributes one per branch).
        let components: Component<AstNode>[] = [];
        if (anchor) {
            if (tier) {
                components = componentsFrom(tierStandard(tier).components, anchor);
            } else if (item && inStatutory) {
                components = componentsFrom(ownStatutory(item)?.components ?? [], anchor);
            }
        }
        if (!range && components.length > 0) {
            lines.push(...components.map(c => `**${componentText(c)}**`));
            lines.push('', `${label}。`);
        } else if (!range && components.length === 0) {
            return undefined;
        }
        if (tier && item) {
            lines.push(...this.contextLines(tier, item, components));
        } else if (item && inStatutory) {
            lines.push('', `本事项${statutoryLabel(item)}，按法律通行解释（以上、以下均含本数）。`);
        }
        return lines.join('\n');
    }

    /** 罚款 / 罚款（货值金额倍数） / 行政拘留 …, or 幅度 where the range belongs to something else. */
    private rangeOwnerLabel(range: ast.Range): string {
        const owner = range.$container;
        if (ast.isKindSanction(owner) && owner.kind) {
            return owner.kind;
        }
        if (ast.isFineRange(owner)) {
            const base = owner.base ? (owner.base.kind ?? owner.base.custom) : undefined;
            const unit = range.bounds.some(b => b.quantity?.percent || b.quantity?.unit === '%') ? '百分比' : '倍数';
            return base ? `罚款（${base}${unit}）` : '罚款';
        }
        return '幅度';
    }

    private switchBaseLabel(range: ast.Range): string {
        const fineSwitch = AstUtils.getContainerOfType(range, ast.isFineSwitch);
        const base = fineSwitch?.base;
        return base ? (base.kind ?? base.custom ?? '基数') : '基数';
    }

    /** The statutory range, the refined upper tiers up the chain, and whether the components stay inside. */
    protected contextLines(tier: ast.Tier, item: ast.Item, components: readonly Component<AstNode>[]): string[] {
        const lines: string[] = [''];
        const statutory = effectiveStatutory(item);
        if (statutory) {
            const relevant = components.length > 0
                ? unique(components.flatMap(c => comparableComponents(c, statutory.model.components)))
                : statutory.model.components.filter(c => c.interval);
            const shown = relevant.length > 0 ? relevant : statutory.model.components.filter(c => c.kind === components[0]?.kind);
            if (shown.length > 0) {
                lines.push(`- ${statutoryLabel(statutory.owner)}：${shown.map(c => componentText(c)).join('；')}`);
            }
            const inside = verdictOf(tier, components, STATUTE_CODES);
            if (inside !== undefined) {
                lines.push(inside ? '  - ✓ 在法定幅度内' : '  - ✗ 超出法定幅度');
            }
        }
        const refined = tier.refines.map(r => r.ref).filter((t): t is ast.Tier => t !== undefined);
        if (refined.length > 0) {
            lines.push(`- 细化上级（${documentLabel(documentOf(refined[0]))}）事项 ${refined[0].$container.code}：`);
            for (const upper of refined) {
                lines.push(`  - 阶次「${upper.name}」${this.relevantText(components, tierStandard(upper).components)}`);
            }
            const inside = verdictOf(tier, components, UPPER_TIER_CODES);
            if (inside !== undefined) {
                lines.push(inside ? '  - ✓ 在上级阶次内' : '  - ✗ 超出上级阶次');
            }
            // Further up the chain: what the refined tiers refine in turn.
            let level = refined;
            for (let depth = 1; depth < MAX_CHAIN; depth++) {
                const next = unique(level.flatMap(t => t.refines.map(r => r.ref).filter((u): u is ast.Tier => u !== undefined)));
                if (next.length === 0) {
                    break;
                }
                lines.push(`- 再上一级（${documentLabel(documentOf(next[0]))}）事项 ${next[0].$container.code}：` +
                    next.map(t => `阶次「${t.name}」${this.relevantText(components, tierStandard(t).components)}`).join('；'));
                level = next;
            }
        } else if (item.refines?.ref) {
            const upper = item.refines.ref;
            if (upper.tiers.length > 0) {
                const upperComponents = tierComponents(upper);
                lines.push(`- 上级（${documentLabel(documentOf(upper))}）事项 ${upper.code} 的幅度（各阶次合并）${this.hullText(components, upperComponents)}`);
                lines.push(`  - 本阶次未写「细化」：可细化 ${upper.tiers.map(t => `「${t.name}」`).join('、')}`);
            } else {
                lines.push(`- 上级（${documentLabel(documentOf(upper))}）事项 ${upper.code} 未设阶次，以法定幅度为限`);
            }
        }
        return lines.length > 1 ? lines : [];
    }

    /** The upper components comparable with the hovered ones (all of them when nothing is hovered). */
    private relevantText(components: readonly Component<AstNode>[], upper: readonly Component<AstNode>[]): string {
        const relevant = components.length > 0 ? unique(components.flatMap(c => comparableComponents(c, upper))) : upper;
        const shown = relevant.length > 0 ? relevant : upper;
        return shown.length > 0 ? ' ' + shown.map(c => componentText(c)).join('；') : '';
    }

    private hullText(components: readonly Component<AstNode>[], upper: readonly Component<AstNode>[]): string {
        const relevant = components.length > 0 ? unique(components.flatMap(c => comparableComponents(c, upper))) : upper.filter(c => c.kind === 'fine');
        const intervals = relevant.map(c => c.interval).filter((i): i is NonNullable<typeof i> => i !== undefined);
        const joined = hull(intervals);
        return joined && relevant[0] ? ` ${code(displayInterval(joined, relevant[0].dimension ?? 'yuan'))}` : '';
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tiers, items, documents
    // ---------------------------------------------------------------------------------------------------------

    protected tierHover(tier: ast.Tier): string {
        const item = tier.$container;
        const benchmark = documentOf(tier);
        const lines: string[] = [];
        lines.push(`**阶次「${tier.name}」${tier.grade ? `（${tier.grade}）` : ''}** — ${documentLabel(benchmark)} 事项 ${item?.code ?? ''}`);
        if (tier.conditions.length > 0) {
            lines.push('', `情形：${tier.conditions.map((_, i) => `「${written(tier, 'conditions', i)}」`).join(' ')}`);
        }
        const standard = tierStandard(tier);
        const components = standard.components;
        lines.push('');
        if (components.length > 0) {
            lines.push(...components.map(c => `- ${componentText(c)}`));
        }
        if (standard.measures.length > 0) {
            lines.push(`- 措施：${standard.measures.map(m => m.word).join('、')}`);
        }
        lines.push('', `${semanticsAt(tier).label}。`);
        if (item) {
            lines.push(...this.contextLines(tier, item, components.filter(c => c.interval)));
        }
        const lower = RefinementIndex.of(this.services.shared).incoming(tier).filter(r => r.kind === 'tier-refines');
        if (lower.length > 0) {
            lines.push('', `被 ${RefinementIndex.documentsOf(lower).length} 个下级文件的 ${lower.length} 个阶次细化`);
        }
        return lines.join('\n');
    }

    protected itemHover(item: ast.Item): string {
        const benchmark = documentOf(item);
        const level = levelOf(benchmark);
        const lines: string[] = [];
        lines.push(`**事项 ${item.code}${item.violation ? ` 「${written(item, 'violation')}」` : ''}** — ${documentLabel(benchmark)}${level ? `（${LEVEL_LABEL[level]}）` : ''}`);
        const upper = item.refines?.ref;
        if (upper) {
            lines.push('', `细化：${documentLabel(documentOf(upper))} 事项 ${upper.code}${upper.violation ? ` 「${written(upper, 'violation')}」` : ''}`);
        } else if (item.refines) {
            lines.push('', `细化：${item.refines.$refText}（未找到）`);
        }
        const citations = (list: ast.CitationList | undefined) =>
            list ? readCitations(list).map((c, i) => c ? formatCitation(c) : list.citations[i]?.text ?? '').join('、') : '';
        if (item.violated[0]) lines.push('', `违反条款：${citations(item.violated[0])}`);
        if (item.basis[0]) lines.push('', `处罚依据：${citations(item.basis[0])}`);
        const statutory = effectiveStatutory(item);
        if (statutory) {
            const inherited = statutory.owner !== item ? `（继承自 ${documentLabel(documentOf(statutory.owner))} 事项 ${statutory.owner.code}）` : '';
            lines.push('', `${statutoryLabel(statutory.owner)}${inherited}：`);
            lines.push(...statutory.model.components.map(c => `- ${componentText(c)}`));
            const measures = statutory.model.measures.map(m => m.word);
            if (measures.length > 0) {
                lines.push(`- 措施：${measures.join('、')}`);
            }
        }
        if (item.tiers.length > 0) {
            lines.push('', `阶次（${describeSemantics(semanticsOf(benchmark))}）：`);
            for (const tier of item.tiers) {
                const components = tierStandard(tier).components.filter(c => c.interval);
                lines.push(`- 「${tier.name}」${components.length > 0 ? ' ' + components.map(c => componentText(c)).join('；') : ''}`);
            }
        }
        const lower = RefinementIndex.of(this.services.shared).refiners(item);
        if (lower.length > 0) {
            const refining = RefinementIndex.documentsOf(lower.filter(r => r.kind === 'item-refines'));
            const adopting = RefinementIndex.documentsOf(lower.filter(r => r.kind === 'adoption'));
            const parts = [];
            if (refining.length > 0) parts.push(`被 ${refining.length} 个下级文件细化`);
            if (adopting.length > 0) parts.push(`被 ${adopting.length} 个下级文件直接适用`);
            lines.push('', parts.join('，'));
        }
        return lines.join('\n');
    }

    protected benchmarkHover(benchmark: ast.Benchmark): string {
        const level = levelOf(benchmark);
        const lines: string[] = [`**${benchmark.name ?? '（未命名基准）'}**`, ''];
        const fields: [string, string | undefined][] = [
            ['制定机关', benchmark.issuer[0]],
            ['层级', level ? LEVEL_LABEL[level] : benchmark.level[0]],
            ['文号', benchmark.docNumber[0]],
            ['施行日期', benchmark.effectiveFrom[0]],
            ['废止日期', benchmark.effectiveTo[0]],
            ['有效期', benchmark.validFor[0] ? `${benchmark.validFor[0].value}${benchmark.validFor[0].unit}` : undefined],
            ['边界', describeSemantics(semanticsOf(benchmark)) + (benchmark.boundary[0] ? '' : '（未写边界，按法律通行解释）')],
            ['竞合', benchmark.hitPolicy[0]],
            ['上级', benchmark.parents.map(p => p.ref ? documentLabel(p.ref) : `${p.$refText}（未找到）`).join('、') || undefined]
        ];
        for (const [label, value] of fields) {
            if (value) {
                lines.push(`- ${label}：${value}`);
            }
        }
        lines.push(`- 事项 ${benchmark.items.length} 个${benchmark.adoptions.length > 0 ? `，直接适用 ${benchmark.adoptions.reduce((n, a) => n + a.items.length, 0)} 个` : ''}`);
        const lower = RefinementIndex.of(this.services.shared).incoming(benchmark).filter(r => r.kind === 'parent');
        if (lower.length > 0) {
            lines.push(`- 下级基准：${lower.map(r => documentLabel(r.source as ast.Benchmark)).join('、')}`);
        }
        return lines.join('\n');
    }

    // ---------------------------------------------------------------------------------------------------------
    // Citations
    // ---------------------------------------------------------------------------------------------------------

    protected async citationHover(citation: ast.Citation): Promise<string> {
        const list = citation.$container;
        const index = list.citations.indexOf(citation);
        const parsed = readCitations(list)[index];
        if (!parsed) {
            return `**${citation.text}**\n\n无法解析的条款引用：须写成《法名》第N条第N款第（N）项。`;
        }
        const canonical = formatCitation(parsed);
        const lines = [`**${canonical}**`];
        const source = citation.$cstNode?.text ?? citation.text;
        if (canonical !== source) {
            lines.push('', `写作「${source}」`);
        }
        const match = await StatuteLibrary.of(this.services.shared).find(parsed, AstUtils.findRootNode(citation).$document?.uri.toString());
        lines.push('', ...articleMarkdown(match, parsed.article !== undefined), ...penaltyMarkdown(match));
        return lines.join('\n');
    }
}

/** The penalty clauses of the cited provision as the checker reads them (what 法定处罚 is compared with). */
export function penaltyMarkdown(match: StatuteMatch | undefined): string[] {
    if (!match?.article) {
        return [];
    }
    const { statute, article, paragraph, item } = match;
    const clauses = articlePenalties(statute, article).filter(c => (!paragraph || c.paragraph === paragraph.number)
        && (!item || c.item === undefined || c.item === item.number));
    if (clauses.length === 0) {
        return [];
    }
    const out = ['', '**法规库读出的罚则**（核对「法定处罚」所用）：'];
    for (const clause of clauses) {
        const where = `第${toChineseInteger(clause.paragraph)}款${clause.item !== undefined ? `第（${toChineseInteger(clause.item)}）项` : ''}`;
        if (!clause.certain) {
            out.push(`- ${where}：未能完整读出${clause.unread[0] ? `（「${clause.unread[0]}」）` : ''}，不据此核对`);
            continue;
        }
        out.push(`- ${where}：${clause.sanctions.map(sanctionInWords).join('；')}${clause.measures.length > 0 ? `（措施：${clause.measures.join('、')}）` : ''}`);
    }
    return out;
}

/** The article as a markdown quote, the cited paragraph or item in bold. */
export function articleMarkdown(match: StatuteMatch | undefined, wantsArticle: boolean): string[] {
    if (!match) {
        return ['（法规库中没有这部法律的文本）'];
    }
    const { statute, article, paragraph, item } = match;
    if (!article) {
        return [wantsArticle ? `（${statute.title}中没有找到该条）` : `${statute.title}${statute.version ? `（${statute.version}）` : ''}`];
    }
    const out: string[] = [];
    for (const p of article.paragraphs) {
        const isCited = p === paragraph && !item;
        out.push(`> ${isCited ? `**${p.text}**` : p.text}`);
        for (const i of p.items) {
            out.push('>', `> ${i === item ? `**${i.text}**` : i.text}`);
        }
        out.push('>');
    }
    if (out[out.length - 1] === '>') {
        out.pop();
    }
    out.push('', `— ${statute.title}${statute.version ? `（${statute.version}）` : ''}${article.chapter ? ` ${article.chapter}` : ''}`);
    return out;
}

function unique<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}

/** The validator's codes for a tier outside the statute, and outside the upper tiers it refines. */
const STATUTE_CODES: ReadonlySet<string> = new Set(['CD303', 'CD304', 'CD305']);
const UPPER_TIER_CODES: ReadonlySet<string> = new Set(['CD401', 'CD403', 'CD404']);

/**
 * Whether the hovered components passed the validator's check: the hover reads the verdict the validator
 * published (a diagnostic of one of `codes` on a component), it does not recompute it. Undefined while the
 * document has not been validated, or when nothing is hovered.
 */
function verdictOf(tier: ast.Tier, components: readonly Component<AstNode>[], codes: ReadonlySet<string>): boolean | undefined {
    const diagnostics = AstUtils.findRootNode(tier).$document?.diagnostics;
    const ranges = components.map(c => c.source.$cstNode?.range).filter(r => r !== undefined);
    if (!diagnostics || ranges.length === 0) {
        return undefined;
    }
    const within = (inner: Range, outer: Range) => comparePositions(inner.start, outer.start) >= 0 && comparePositions(inner.end, outer.end) <= 0;
    return !diagnostics.some(d => codes.has(String(d.code)) && ranges.some(r => within(d.range, r)));
}

function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
    return a.line - b.line || a.character - b.character;
}

/** A fact of the vocabulary: kind, unit or values, definition, article, and where it is declared. */
function factMarkdown(fact: KnownFact | undefined): string {
    if (!fact) {
        return '';
    }
    const lines = [`事实「${fact.name}」：${FACT_KIND_LABELS[fact.kind]}${fact.unit ? `，单位 ${fact.unit}` : ''}`];
    if (fact.values) lines.push(`- 取值：${fact.values.map(v => `「${v}」`).join('、')}`);
    if (fact.definition) lines.push(`- 定义：${fact.definition}`);
    if (fact.window) lines.push(`- 回溯期：${describeWindow(fact.window)}（次数按此期间计算）`);
    if (fact.basis) lines.push(`- 依据：${fact.basis}`);
    lines.push(`- ${fact.document ? `声明于：${documentLabel(fact.document)}` : '《行政处罚法》规定的情节'}`);
    return lines.join('\n');
}
