/*
 * Turning the prose of a table cell (裁量标准, 法律依据) into the language's syntax. Every candidate is checked
 * with the language's own parser before it is emitted; what does not parse is kept as text (a 备注), never
 * guessed.
 */
import { EmptyFileSystem } from 'langium';
import { type Benchmark, type Tier, createChiduCoreServices, isBenchmark, tierStandard } from '@chidu/language/core';

const { Chidu } = createChiduCoreServices(EmptyFileSystem);
const parser = Chidu.parser.LangiumParser;

/** Parses a tier body snippet; the tier when the snippet parses cleanly, else undefined. */
function parseTierBody(snippet: string): Tier | undefined {
    const result = parser.parse(`基准 「检查」 { }\n事项 X-1 { 阶次 1 { ${snippet} } }`);
    if (result.lexerErrors.length > 0 || result.parserErrors.length > 0 || !isBenchmark(result.value)) return undefined;
    return (result.value as Benchmark).items[0]?.tiers[0];
}

/** True when the text parses as exactly one penalty part holding measures or penalty kinds (no fine). */
function isSanctionClause(text: string): boolean {
    if (!/^[\u4e00-\u9fff、]+$/.test(text)) return false;
    const tier = parseTierBody(text);
    return tier !== undefined && tier.parts.length === 1 && tier.escalations.length === 0
        && tier.conditions.length === 0 && tier.notes.length === 0
        && tier.parts[0]!.combination === undefined && tier.parts[0]!.party === undefined
        && tier.parts[0]!.sanctions.every(s => s.$type !== 'Fine');
}

/**
 * True when `罚款 <amount>` parses as one fine with a fixed or based range, and the language's penalty model reads
 * it without a problem (an irregular numeral such as 一百万一十元, or 七万元以下九万元以下, is not emitted).
 */
function isFineAmount(amount: string): boolean {
    const tier = parseTierBody(`罚款 ${amount}`);
    const part = tier?.parts[0];
    if (tier === undefined || tier.parts.length !== 1 || tier.escalations.length !== 0 || part === undefined
        || part.sanctions.length !== 1 || part.sanctions[0]!.$type !== 'Fine' || part.sanctions[0]!.amount.$type !== 'FineRange') {
        return false;
    }
    const model = tierStandard(tier);
    return model.problems.length === 0 && model.components.length === 1 && !model.components[0]!.unreadable
        && model.components[0]!.interval !== undefined;
}

/** True when the text parses as a citation list after 处罚依据. */
export function isCitationList(text: string): boolean {
    const result = parser.parse(`基准 「检查」 { }\n事项 X-1 { 处罚依据 ${text} }`);
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && isBenchmark(result.value)
        && (result.value as Benchmark).items[0]?.basis.length === 1;
}

/** True when the code is a valid item code (ASCII, e.g. 3-2 or DQ-99-1). */
export function isItemCode(code: string): boolean {
    const result = parser.parse(`基准 「检查」 { }\n事项 ${code} { }`);
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && /^[A-Za-z0-9_-]+$/.test(code);
}

/** True when the text is a valid unquoted tier name (a number, a Chinese numeral or a grade word). */
export function isTierName(name: string): boolean {
    if (!/^([0-9]+|[零〇一二两三四五六七八九十]+|从轻|一般|从重|减轻|不予处罚|可以不予处罚)$/.test(name)) return false;
    const result = parser.parse(`基准 「检查」 { }\n事项 X-1 { 阶次 ${name} { } }`);
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0;
}

/** Bases the language knows by name (BaseKind); a longer table word ending in one is read as it. */
const BASE_WORDS = ['违法所得', '货值金额', '广告费用', '总投资额', '工程造价', '违法经营额', '销售额', '营业额'];

/** Something that looks like an amount of money or a multiple: 万元, 元 after a numeral, 倍, 百分之. */
export const AMOUNT_LIKE = /(百分之|[0-9零〇一二两三四五六七八九十百千万]\s*(万元|元|倍)|罚款)/;

/** One piece of a standard cell read into syntax. */
export interface ReadStandard {
    /** Lines of penalty syntax for the tier body, in order. */
    readonly parts: readonly string[];
    /** The text that did not become syntax, to keep as 备注 (empty when all of it did). */
    readonly rest: string;
    /** Clauses that look like an amount but did not parse. */
    readonly unparsedAmounts: readonly string[];
}

function quoteSafe(text: string): string {
    return text.replace(/「/g, '『').replace(/」/g, '』');
}

/** A string literal of the language for any text (「 and 」 inside become 『 』). */
export function literal(text: string): string {
    return `「${quoteSafe(text)}」`;
}

function partyOf(text: string): string | undefined {
    if (/人员|负责人|法定代表人/.test(text)) return '对责任人员';
    if (/个人/.test(text)) return '对个人';
    if (/单位/.test(text)) return '对单位';
    return undefined;
}

/** A bound of a range must carry its unit (元, 万元, 倍, %): 二百以上五百元以下 is not read. */
function boundsHaveUnits(range: string): boolean {
    const bounds = range.replace(/(以上|以下|以内|至|不足|不满|低于|少于|超过|高于|多于|含本数|不含本数)/g, '|').split('|').filter(b => b !== '');
    if (bounds.length === 0 || !bounds.every(b => /^百分之/.test(b) || /(元|倍|%|％)$/.test(b))) return false;
    // Two bounds need both boundary words (20%以上30% lacks 以下).
    return bounds.length === 1 || /至/.test(range) || /(以下|以内|不足|不满|低于|少于)(含本数|不含本数)?$/.test(range);
}

/** Reads the amount text of a fine (after 处, before 罚款): a base and a range, checked by the parser. */
function readAmount(text: string): string | undefined {
    const amount = text.replace(/\s+/g, '').replace(/的$/, '');
    // The range starts at a numeral; a base may hold numeral characters too (上一年度…收入), so every start is tried.
    for (const match of amount.matchAll(/百分之|[0-9零〇一二两三四五六七八九十]/g)) {
        const start = match.index;
        if (start > 0 && /[0-9零〇一二两三四五六七八九十百千万]/.test(amount[start - 1]!)) continue;
        const candidate = amountFrom(amount.slice(0, start), amount.slice(start));
        if (candidate !== undefined) return candidate;
    }
    return undefined;
}

function amountFrom(baseText: string, range: string): string | undefined {
    if (!boundsHaveUnits(range)) return undefined;
    let base = '';
    if (baseText !== '') {
        // A base goes with a multiple or a percentage only; 处以处一万元 is not a base 「处」.
        if (!/倍|百分之|%|％/.test(range) || /^[处以对并可]/.test(baseText)) return undefined;
        // Nor does a base hold a number or a boundary word: 收入35以上50％以下 is a range missing a unit.
        if (/[0-9%％]|以上|以下|以内|不足|超过|至/.test(baseText)) return undefined;
        const known = BASE_WORDS.find(word => baseText.endsWith(word));
        base = known ?? literal(baseText);
    }
    const candidate = base ? `${base} ${range}` : range;
    return isFineAmount(candidate) ? candidate : undefined;
}

const FINE_CLAUSE = /^(并且|可以并|并可以|并可|可以|并|可)?(?:对(.+?)|(个人|单位))?(可以|可)?处(?:以)?(.+?)(?:的)?罚款([（(].*[）)])?$/;
const FINE_FIRST = /^(?:(并处|可以并处|可以|并)\s*)?罚款(.+)$/;

interface Clause { text: string; separator: string }

function splitClauses(text: string): Clause[] {
    const clauses: Clause[] = [];
    const pattern = /([^，,；;。：:\n]*)([，,；;。：:\n]*)/gu;
    let depth = 0;
    let pending = '';
    for (const match of text.matchAll(pattern)) {
        if (match[0] === '') break;
        const [, body = '', separator = ''] = match;
        pending += body;
        depth += (body.match(/[（(]/g)?.length ?? 0) - (body.match(/[）)]/g)?.length ?? 0);
        if (depth > 0) {
            pending += separator;
            continue;
        }
        clauses.push({ text: pending.trim(), separator });
        pending = '';
        depth = 0;
    }
    if (pending.trim() !== '') clauses.push({ text: pending.trim(), separator: '' });
    return clauses;
}

/**
 * Reads a 裁量标准 cell: measures (责令改正 …) and fines (处…罚款, with 并对…人员 for a second party) become
 * syntax; anything else stays text. A clause that looks like an amount but does not parse is listed.
 */
export function readStandard(text: string): ReadStandard {
    const parts: string[] = [];
    const restPieces: string[] = [];
    const unparsedAmounts: string[] = [];
    let fines = 0;
    let pendingParty: { party: string; clause: Clause } | undefined;
    const keep = (clause: Clause) => {
        restPieces.push(clause.text + clause.separator);
        if (AMOUNT_LIKE.test(clause.text)) unparsedAmounts.push(clause.text);
    };
    for (const clause of splitClauses(text)) {
        const body = clause.text;
        if (body === '') continue;
        const fine = FINE_CLAUSE.exec(body);
        const fineFirst = fine ? undefined : FINE_FIRST.exec(body);
        if (fine || fineFirst) {
            const amount = readAmount(fine ? fine[5]! : fineFirst![2]!);
            if (amount !== undefined) {
                const prefix = fine ? `${fine[1] ?? ''}${fine[4] ?? ''}` : (fineFirst![1] ?? '');
                const partyText = fine?.[2] ?? fine?.[3];
                const party = (partyText !== undefined ? partyOf(partyText) : undefined) ?? pendingParty?.party;
                const optional = /可/.test(prefix) || /可/.test(partyText ?? '');
                let combination = '';
                if (fines > 0 || party !== undefined) combination = optional ? '可以并处 ' : '并处 ';
                else if (optional) combination = '可以 ';
                parts.push(`${combination}${party ? `${party} ` : ''}罚款 ${amount}`);
                fines++;
                pendingParty = undefined;
                if (fine?.[6]) restPieces.push(fine[6] + clause.separator);
                continue;
            }
            if (pendingParty) keep(pendingParty.clause);
            pendingParty = undefined;
            keep(clause);
            continue;
        }
        if (pendingParty) {
            keep(pendingParty.clause);
            pendingParty = undefined;
        }
        const partyOnly = /^(并且|并)?对(.+)$/.exec(body);
        if (partyOnly && !/处/.test(body) && partyOf(partyOnly[2]!)) {
            pendingParty = { party: partyOf(partyOnly[2]!)!, clause };
            continue;
        }
        const bare = /罚款/.test(body) ? undefined : readAmount(body);
        if (bare !== undefined) {
            parts.push(`${fines > 0 ? '并处 ' : ''}罚款 ${bare}`);
            fines++;
            continue;
        }
        const sanction = body.replace(/的$/, '');
        if (isSanctionClause(sanction)) {
            parts.push(sanction);
            continue;
        }
        keep(clause);
    }
    if (pendingParty) keep(pendingParty.clause);
    const rest = restPieces.join('').replace(/^[，,；;。：:\s]+|[，,；;：:\s]+$/g, '');
    return { parts, rest, unparsedAmounts };
}

const CITATION_HEAD = /^\s*(《[^《》\n]+》(?:[（(][0-9]{4}年[^（()）\n]{0,8}[）)])?(?:第[0-9零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)?(?:第[0-9零〇一二两三四五六七八九十百千]+款)?(?:第[（(][0-9零〇一二两三四五六七八九十百千]+[）)]项)?(?:[、和及](?:第[0-9零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)?(?:第[0-9零〇一二两三四五六七八九十百千]+款)?(?:第[（(][0-9零〇一二两三四五六七八九十百千]+[）)]项)?)*)/;

/** Splits a 法律依据 cell into its leading citation (checked by the parser) and the rest (the statute text). */
export function readBasis(text: string): { citation?: string; rest: string } {
    const match = CITATION_HEAD.exec(text);
    if (!match) return { rest: text.trim() };
    const citation = match[1]!.replace(/[、和及]$/, '');
    if (!isCitationList(citation)) return { rest: text.trim() };
    const rest = text.slice(match[0].length).replace(/^[\s：:，,。]+/, '').trim();
    return { citation, rest };
}
