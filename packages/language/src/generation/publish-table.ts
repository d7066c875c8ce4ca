import { Decimal } from 'decimal.js';
import { type Dimension, formatQuantity, intervalFromData } from '../domain/index.js';
import type { AmountJson, CitationJson, EffectiveBenchmarkJson, GroupJson, IntervalJson, ItemJson, PenaltyJson, SanctionJson, TierJson } from './effective-benchmark.js';
import { selectorText } from './effective-benchmark.js';
import type { ConditionJson, EntryJson, ExemptionListJson } from './exemption-list.js';

/**
 * The layout of a published table (公示表), read from the compiled document the build writes: one model for
 * every output format (HTML, xlsx), so that they print the same cells and the same merges. Texts are Chinese,
 * as the published tables print them; nothing here re-derives a verdict.
 */
export interface PublishedCell {
    readonly text: string;
    /** How many rows the cell spans (1 = none). */
    readonly rowSpan: number;
}

export interface PublishedRow {
    /** One cell per column; `null` where a cell of an earlier row spans over this one. */
    readonly cells: readonly (PublishedCell | null)[];
    /** What the row shows: an item's code and its tier (or weighted factor), or a list entry's number. */
    readonly key: { readonly item?: string; readonly tier?: string; readonly factor?: string; readonly entry?: string };
}

export interface PublishedTable {
    readonly kind: 'benchmark' | 'list';
    readonly title: string;
    /** 制定机关、文号、施行日期 … as label and value, in print order; fields the document lacks are left out. */
    readonly header: readonly { readonly label: string; readonly value: string }[];
    /** Lines printed between the header and the table (a list's excluded areas and domains, observation periods). */
    readonly notes: readonly string[];
    readonly columns: readonly string[];
    readonly rows: readonly PublishedRow[];
    /** The source file, as the build output names it. */
    readonly source: string;
}

export const BENCHMARK_COLUMNS = ['序号', '违法行为', '违反条款', '处罚依据', '裁量阶次', '适用情形', '处罚标准', '备注'] as const;

const UNIT_WORDS: Record<string, string> = { year: '年', month: '个月', day: '日' };

function citationsText(citations: readonly CitationJson[]): string {
    return citations.map(c => c.text).join('\n');
}

/** An interval in the words of a table: 一万元以上（含）不足三万元 is printed as 1万元以上、不足3万元. */
export function intervalWords(json: IntervalJson): string {
    const interval = intervalFromData({ lower: json.lower ?? undefined, upper: json.upper ?? undefined });
    const dimension = json.unit as Dimension;
    if (!interval) {
        return json.notation;
    }
    const { lower, upper } = interval;
    if (lower && upper && lower.closed && upper.closed && lower.value.eq(upper.value)) {
        return formatQuantity(lower.value, dimension);
    }
    const parts: string[] = [];
    if (lower) parts.push(`${formatQuantity(lower.value, dimension)}${lower.closed ? '以上' : '以上（不含本数）'}`);
    if (upper) parts.push(upper.closed ? `${formatQuantity(upper.value, dimension)}以下` : `不足${formatQuantity(upper.value, dimension)}`);
    return parts.join('、') || '不限';
}

function amountText(amount: AmountJson): string {
    if (amount.measure === 'switch') {
        const branches = amount.branches.map(b => {
            const when = b.fallback ?? (b.guard ? `${amount.base.label}${intervalWords(b.guard)}` : '');
            return `${when}的，${b.amount ? amountText(b.amount) : '（未写明）'}`;
        });
        return `按${amount.base.label}：${branches.join('；')}`;
    }
    return `${amount.base?.label ?? ''}${amount.text}`;
}

function sanctionText(sanction: SanctionJson): string {
    if (sanction.type === 'measure') {
        return sanction.name;
    }
    if (!sanction.amount) {
        return sanction.name;
    }
    return `${sanction.name}${amountText(sanction.amount)}`;
}

const COMBINATION_TEXT: Record<string, string> = { applies: '', mandatory: '并处', optional: '可以并处', alone: '单处', discretionary: '可以' };
const PARTY_TEXT: Record<string, string> = { default: '', unit: '对单位', individual: '对个人', responsiblePerson: '对责任人员' };

function groupText(group: GroupJson): string {
    return `${PARTY_TEXT[group.party] ?? ''}${COMBINATION_TEXT[group.combination] ?? ''}${group.alternatives.map(sanctionText).join('或者')}`;
}

/** A 处罚标准 in the words of a published table: 责令改正，并处罚款十万元以上二十万元以下；情节严重的，责令停业或者责令关闭. */
export function penaltyText(penalty: PenaltyJson | null): string {
    if (!penalty) {
        return '';
    }
    const main = penalty.groups.map(groupText).join('，');
    const escalations = penalty.escalations.map(e => `${e.trigger}，${e.groups.map(groupText).join('，')}`);
    return [main, ...escalations].filter(t => t.length > 0).join('；');
}

function durationText(duration: { value: string; unit: string } | null): string | undefined {
    return duration ? `${duration.value}${UNIT_WORDS[duration.unit] ?? duration.unit}` : undefined;
}

function headerOf(document: EffectiveBenchmarkJson['document'] | ExemptionListJson['document']): { label: string; value: string }[] {
    const fields: [string, string | null | undefined][] = [
        ['制定机关', document.issuer],
        ['文号', document.docNumber],
        ['施行日期', document.effectiveFrom],
        ['有效期', durationText(document.validFor)],
        ['废止日期', document.effectiveTo],
        ['层级', document.levelLabel],
        ['领域', document.domain],
        ['上级', document.parents.map(p => `《${p.name}》`).join('、') || undefined]
    ];
    return fields.filter((f): f is [string, string] => typeof f[1] === 'string' && f[1].length > 0).map(([label, value]) => ({ label, value }));
}

const cell = (text: string, rowSpan = 1): PublishedCell => ({ text, rowSpan });

function tierLabel(tier: TierJson): string {
    return tier.grade && tier.grade !== tier.name ? `${tier.name}（${tier.grade}）` : tier.name;
}

function tierSituation(tier: TierJson): string {
    return [...tier.conditions, ...tier.selectors.map(selectorText)].join('\n');
}

function itemNotes(item: ItemJson): string[] {
    const notes: string[] = [];
    if (item.adoptedFrom) notes.push(`直接适用《${item.adoptedFrom.document}》事项 ${item.adoptedFrom.code}`);
    if (item.refines) notes.push(`细化《${item.refines.document}》事项 ${item.refines.code}`);
    notes.push(...item.notes);
    for (const tier of item.tiers) {
        notes.push(...tier.notes.map(n => `${tier.name}：${n}`));
    }
    return notes;
}

/** The rows of one item: one per tier (or per weighted factor), the item's own columns spanning them. */
function itemRows(item: ItemJson, index: number): PublishedRow[] {
    const statutory = penaltyText(item.statutoryPenalty);
    const rowsOf: { tier: string; situation: string; standard: string; key: PublishedRow['key'] }[] = [];
    const weighted = item.weightedTable;
    if (item.tiers.length > 0) {
        for (const tier of item.tiers) {
            rowsOf.push({ tier: tierLabel(tier), situation: tierSituation(tier), standard: penaltyText(tier.standard), key: { item: item.code, tier: tier.name } });
        }
    } else if (weighted) {
        for (const factor of weighted.factors) {
            rowsOf.push({
                tier: `裁量要素：${factor.name}`,
                situation: factor.options.map(o => `${o.name}：${o.weight}%`).join('\n'),
                standard: '',
                key: { item: item.code, factor: factor.name }
            });
        }
    } else {
        rowsOf.push({ tier: '—', situation: '—', standard: statutory ? `按法定处罚：${statutory}` : '', key: { item: item.code } });
    }
    const span = rowsOf.length;
    const weightedStandard = weighted
        ? [`权重累加：裁量起点 ${weighted.start}%，合计不超过 ${weighted.cap}%`,
            weighted.base.kind === 'amount' ? `罚款＝权重合计 × ${formatQuantity(new Decimal(weighted.base.value), 'yuan')}`
                : `罚款＝权重合计 × ${weighted.base.base.label} × ${weighted.base.percent}%`,
            `（${intervalWords(weighted.range)}）`].join('\n')
        : '';
    return rowsOf.map((row, i) => {
        const first = i === 0;
        const spanned = (text: string) => first ? cell(text, span) : null;
        return {
            key: row.key,
            cells: [
                spanned(`${index}\n${item.code}`),
                spanned(item.violation ?? ''),
                spanned(citationsText(item.violatedProvisions)),
                spanned(citationsText(item.penaltyBasis)),
                cell(row.tier),
                cell(row.situation),
                weighted && item.tiers.length === 0 ? spanned(weightedStandard) : cell(row.standard),
                spanned(itemNotes(item).join('\n'))
            ]
        };
    });
}

/**
 * Items as the document writes them (a published table numbers them in that order): its own and refined items
 * by their line, then the items it applies directly (直接适用), in the build's order.
 */
function inDocumentOrder<T extends { source: { file: string; line: number } }>(items: readonly T[], file: string): T[] {
    const own = items.filter(i => i.source.file === file).sort((a, b) => a.source.line - b.source.line);
    return [...own, ...items.filter(i => i.source.file !== file)];
}

/** The published table of a benchmark: 序号、违法行为、违反条款、处罚依据、裁量阶次、适用情形、处罚标准、备注. */
export function benchmarkTable(json: EffectiveBenchmarkJson): PublishedTable {
    const rows = inDocumentOrder(json.items, json.document.source.file).flatMap((item, i) => itemRows(item, i + 1));
    const boundary = `本表“以上”${json.document.boundarySemantics.atLeast === 'closed' ? '包括' : '不包括'}本数，“以下”${json.document.boundarySemantics.atMost === 'closed' ? '包括' : '不包括'}本数`;
    const notes = [boundary];
    if (json.document.hitPolicy === 'heavier') notes.push('同时符合多个阶次的，按较重阶次处罚');
    if (json.document.hitPolicy === 'lighter') notes.push('同时符合多个阶次的，按较轻阶次处罚');
    return { kind: 'benchmark', title: json.document.name, header: headerOf(json.document), notes, columns: [...BENCHMARK_COLUMNS], rows, source: json.document.source.file };
}

/** A condition tree in words: 同时满足 as numbered lines at the top, 满足其一 as 下列情形之一. */
export function conditionText(condition: ConditionJson | null): string {
    if (!condition) {
        return '';
    }
    if (condition.type === 'all') {
        const parts = condition.conditions.map(c => inlineCondition(c));
        return parts.length > 1 ? parts.map((p, i) => `${i + 1}. ${p}`).join('\n') : parts.join('');
    }
    return inlineCondition(condition);
}

function inlineCondition(condition: ConditionJson): string {
    switch (condition.type) {
        case 'text':
        case 'fact':
        case 'membership': return condition.text;
        case 'indicator': return `${condition.name}${condition.text}`;
        case 'none': return `不属于下列情形：${condition.conditions.map(inlineCondition).join('；')}`;
        case 'all': return condition.conditions.map(inlineCondition).join('，且');
        case 'any': return `下列情形之一：${condition.conditions.map(inlineCondition).join('；或者')}`;
    }
}

function entryNotes(entry: EntryJson, listAreas: readonly string[]): string[] {
    const notes: string[] = [];
    if (entry.adoptedFrom) notes.push(`直接适用《${entry.adoptedFrom.document}》第 ${entry.adoptedFrom.number} 项`);
    if (entry.refines) notes.push(`细化《${entry.refines.document}》第 ${entry.refines.number} 项`);
    if (entry.item) notes.push(`对应事项：《${entry.item.document}》${entry.item.code}`);
    const lookback = durationText(entry.lookback);
    if (lookback) notes.push(`首次违法的回溯期：${lookback}`);
    const own = entry.excludedAreas.filter(a => !listAreas.includes(a));
    if (own.length > 0) notes.push(`不适用于：${own.join('、')}`);
    if (entry.justification) notes.push(entry.justification);
    return notes;
}

/** The published table of an exemption list, in the columns real 不予处罚清单 print. */
export function listTable(json: ExemptionListJson): PublishedTable {
    const withDomain = json.entries.some(e => e.domain);
    const columns = ['序号', ...(withDomain ? ['类别'] : []), '违法行为', '违反条款', '适用条件', '处理结果', '依据', '措施', '备注'];
    const rows: PublishedRow[] = inDocumentOrder(json.entries, json.document.source.file).map(entry => ({
        key: { entry: entry.number },
        cells: [
            cell(entry.number),
            ...(withDomain ? [cell(entry.domain ?? '')] : []),
            cell([entry.name, entry.violation && entry.violation !== entry.name ? entry.violation : undefined].filter(Boolean).join('\n')),
            cell(citationsText(entry.violatedProvisions)),
            cell(conditionText(entry.conditions)),
            cell(entry.consequence?.word ?? (entry.penalty ? penaltyText(entry.penalty) : '')),
            cell(citationsText(entry.grounds)),
            cell(entry.measures.join('、')),
            cell(entryNotes(entry, json.document.excludedAreas).join('\n'))
        ]
    }));
    const notes: string[] = [];
    if (json.document.benchmarks.length > 0) notes.push(`对应基准：${json.document.benchmarks.map(b => `《${b}》`).join('、')}`);
    if (json.document.excludedAreas.length > 0) notes.push(`下列区域不适用本清单：${json.document.excludedAreas.join('、')}`);
    if (json.document.excludedDomains.length > 0) notes.push(`下列领域不适用本清单：${json.document.excludedDomains.join('、')}`);
    for (const period of json.observationPeriods) {
        const when = [period.start, period.end].filter(Boolean).join(' 至 ');
        notes.push(`执法观察期「${period.name}」：${[period.targets.join('、'), when, period.measures.length > 0 ? `措施：${period.measures.join('、')}` : ''].filter(Boolean).join('；')}`);
    }
    const header = headerOf(json.document);
    if (json.document.kind) header.splice(0, 0, { label: '类别', value: json.document.kind });
    return { kind: 'list', title: json.document.name, header, notes, columns, rows, source: json.document.source.file };
}

export function publishedTable(json: EffectiveBenchmarkJson | ExemptionListJson): PublishedTable {
    return json.format === 'chidu-effective-benchmark' ? benchmarkTable(json) : listTable(json);
}
