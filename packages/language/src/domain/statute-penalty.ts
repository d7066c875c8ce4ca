import { type BoundaryWord, type WrittenBound, STATUTORY_SEMANTICS, resolveRange } from './boundary.js';
import type { Interval } from './interval.js';
import { formatQuantity, makeQuantity } from './quantity.js';
import {
    type Base, type Combination, type Component, type Guard, type Party, type PenaltyKind, BASE_WORDS, PENALTY_KIND_LABEL, makeBase
} from './penalty.js';
import { type StatuteArticle, type StatuteParagraph, type StatuteText, type TextSpan, paragraphBody } from './statute-text.js';

/**
 * A reader of statutory penalty sentences (罚则): 由…部门责令改正，处二万元以上二十万元以下的罚款；拒不改正的，责令停产整治.
 *
 * A paragraph is split into sentences (。), clauses (；) and phrases (，). A phrase is read as a sanction (a kind of
 * 《行政处罚法》第九条 with its amount, party and combination word), a measure (责令改正 …), a trigger (情节严重的,
 * a threshold on a base such as 货值金额不足一万元的), or a phrase known to set no administrative penalty of this
 * article (刑事责任, 赔偿责任, 处分, 由公安机关依法予以处罚 …). Before the first sanction of a sentence, phrases
 * describe the violation. Anything else is not read, and a clause with an unread phrase, or with a penalty word
 * (罚款, 吊销 …) in a phrase that was not read as a sanction, is uncertain: it is shown, never used to find fault.
 */

/** Where a sanction came from: the phrase of the statute text. */
export interface StatuteSource {
    readonly phrase: string;
}

export type StatuteSanction = Component<StatuteSource> & {
    /** The combination as the law writes it: 处, 并处, 可以处, 并可以, 单处或者并处. */
    readonly combinationWords: string;
    /** The party as the law writes it (对机动车所有人 → 机动车所有人). */
    readonly partyText?: string;
    /** The threshold phrase the sanction is under (货值金额一万元以上的). */
    readonly guardText?: string;
};

/** One penalty clause: a paragraph (款) of an article, or an item (项) that carries a penalty of its own. */
export interface PenaltyClause {
    readonly law: string;
    readonly article: number;
    readonly articleSuffix?: number;
    /** 1-based 款. */
    readonly paragraph: number;
    /** 1-based 项, when the item line sets its own penalty (安全生产法第一百一十四条). */
    readonly item?: number;
    /** The clause's text (without the article heading). */
    readonly text: string;
    readonly span: TextSpan;
    readonly sanctions: readonly StatuteSanction[];
    readonly measures: readonly string[];
    /** Every phrase was read and every penalty word belongs to a sanction read. */
    readonly certain: boolean;
    /** The phrases that were not read (why the clause is uncertain). */
    readonly unread: readonly string[];
}

const NUM = '[0-9.零〇一二两三四五六七八九十百千万亿点]+';
/** A quantity of a fine: an amount in 元, a multiple, or a percentage. */
const FINE_QTY = `(?:百分之${NUM}|${NUM}(?:元|倍))`;
const FINE_RANGE = new RegExp(`^(.*?)(${FINE_QTY})(以上|以下|至)?(?:(${FINE_QTY})(以下)?)?$`);
const DAY_RANGE = new RegExp(`^(${NUM}日)(以上|以下)?(?:(${NUM}日)(以下)?)?$`);
const GUARD = new RegExp(`^(.*?)(货值金额|违法所得|广告费用|[\\u4e00-\\u9fa5]{0,4}费用)(?:在)?(不足|超过)?(${NUM}元)(以上|以下)?的$`);
const FALLBACK = /^(.*?)(货值金额|违法所得|广告费用|[\u4e00-\u9fa5]{0,4}费用)无法计算(?:或者明显偏低)?的$/;
const NO_GAINS = new RegExp(`^没有违法所得或者违法所得(?:在)?不足(${NUM}元)的$`);

/** Words that mean a phrase speaks of an administrative penalty. */
const PENALTY_WORD = /罚款|警告|拘留|吊销|没收|停产停业|停业|关闭|暂扣|降低资质|限制从业|通报批评|处罚|罚/;

/** Phrases known to set no administrative penalty of the article: criminal and civil liability, discipline, procedure. */
const NOT_A_PENALTY = [
    /刑事责任/, /构成犯罪/, /赔偿责任/, /连带责任/, /处分/, /所需费用由.*承担/, /代为治理/,
    /提出意见$/, /^根据违法情节/, /^(?:并|还可以|并可以)?报经.*批准$/, /^依法承担/, /向社会公布$/
];

/** A trigger whose clause belongs to another law or authority (走私, 治安管理): the clause is not this article's penalty. */
const FOREIGN_TRIGGER = /(?<!不)构成(?:走私|违反治安管理|犯罪)/;

/** Kinds written after 责令 (or alone), and the measures that are not penalties (第二十八条). */
const ORDER_KINDS: Readonly<Record<string, PenaltyKind>> = {
    '停产停业': 'suspendProduction', '停产停业整顿': 'suspendProduction', '停业': 'suspendProduction', '停业整顿': 'suspendProduction',
    '关闭': 'close', '停产': 'suspendProduction'
};
const ORDER_MEASURES = new Set([
    '改正', '限期改正', '停止违法行为', '停止建设', '备案', '恢复原状', '停止发布广告', '限期拆除', '拆除', '停止施工', '停止使用',
    '停产整治', '停工整治', '停业整治', '限制生产', '消除影响', '立即消除', '限期消除', '限期采取治理措施', '船舶临时停航',
    '停止生产', '停止经营', '停止生产经营', '召回', '退还', '立即改正'
]);
const PLAIN_MEASURES = [/^限期改正$/, /^限期采取治理措施$/, /^消除污染$/, /^强制拆除$/, /^限制生产$/, /^停产整治$/, /^组织拆除/, /^车辆不得上道路行驶$/];

/** Sanctions the law words outside the kinds of 第九条; read as 其他处罚 with their words. */
const OTHER_SANCTIONS = [
    /^(?:予以)?撤销.*(?:文件|资格|资质|许可|登记)?$/, /^暂停.+业务$/, /^(?:依法)?停止相关业务$/, /^[一二三四五六七八九十]+年内不(?:受理|得).+$/,
    /^取消.+资格$/, /^禁止从事.+$/, /^(?:依法)?责令停止执业$/, /^终身.+禁入$/
];

const AGENCY_END = /(部门|机构|机关|海关|人民政府)$/;
const ACTION_START = /^(责令|处|给予|予以|没收|吊销|对|依法|依照|按照|可以|并|暂扣|撤销|取消|报请|还|直至|指定|组织|限期|强制)/;

interface Context {
    combination: Combination;
    combinationWords: string;
    party: Party;
    partyText?: string;
    escalation?: string;
    guard?: Guard;
    /** A combination word written before a procedural phrase (还可以报经…批准，责令关闭). */
    pending?: string;
    guardText?: string;
}

function partyOf(text: string): Party {
    if (/^(其)?(直接负责的主管人员|法定代表人|主要负责人|有关责任人员|直接责任人员)/.test(text) || /直接责任人员$/.test(text)) {
        return 'responsiblePerson';
    }
    if (text === '单位') return 'unit';
    if (text === '个人') return 'individual';
    return 'default';
}

function baseOf(text: string): Base | undefined {
    const word = text.replace(/的$/, '');
    if (word === '') {
        return undefined;
    }
    if (Object.prototype.hasOwnProperty.call(BASE_WORDS, word)) {
        return makeBase(word, false);
    }
    const known = Object.keys(BASE_WORDS).find(key => word.endsWith(key) && !/^每/.test(word));
    return known ? makeBase(known, false) : makeBase(word, true);
}

function fineQuantity(text: string) {
    if (text.startsWith('百分之')) {
        return makeQuantity(text.slice(3), '百分之');
    }
    const unit = text.endsWith('倍') ? '倍' : '元';
    return makeQuantity(text.slice(0, -1), unit);
}

function bound(text: string | undefined, word: string | undefined, parse: (t: string) => ReturnType<typeof makeQuantity>): WrittenBound<string> | undefined {
    return text === undefined ? undefined : { quantity: parse(text), word: word as BoundaryWord | undefined, source: text };
}

type Amount = { dimension: Component<StatuteSource>['dimension']; interval: Interval; shape: Component<StatuteSource>['shape']; base?: Base };

/** 二万元以上二十万元以下 / 五万元以下 / 货值金额一倍以上三倍以下 / 建设项目总投资额百分之一以上百分之五以下; undefined when not read. */
export function readFineAmount(text: string): Amount | undefined {
    const match = FINE_RANGE.exec(text);
    if (!match) {
        return undefined;
    }
    const [, baseText, first, firstWord, second, secondWord] = match;
    const bounds = [bound(first, firstWord, fineQuantity), bound(second, secondWord, fineQuantity)].filter(b => b !== undefined);
    const { range, problems } = resolveRange(bounds, STATUTORY_SEMANTICS, text);
    if (!range || problems.length > 0) {
        return undefined;
    }
    const base = baseOf(baseText);
    if (range.dimension === 'yuan' ? base !== undefined : base === undefined || base.label.startsWith('每')) {
        return undefined; // 每辆机动车五千元: a rate per unit; a multiple of nothing
    }
    return { dimension: range.dimension, interval: range.interval, shape: range.shape, base: range.dimension === 'yuan' ? undefined : base };
}

function readDays(text: string): Amount | undefined {
    const match = DAY_RANGE.exec(text);
    if (!match) {
        return undefined;
    }
    const days = (t: string) => makeQuantity(t.slice(0, -1), '日');
    const bounds = [bound(match[1], match[2], days), bound(match[3], match[4], days)].filter(b => b !== undefined);
    const { range, problems } = resolveRange(bounds, STATUTORY_SEMANTICS, text);
    return range && problems.length === 0 ? { dimension: range.dimension, interval: range.interval, shape: range.shape } : undefined;
}

/** A trigger on a base: 货值金额不足一万元的 / 违法所得十万元以上的 / 广告费用无法计算或者明显偏低的. */
function readGuards(phrase: string): Guard[] | undefined {
    const noGains = NO_GAINS.exec(phrase);
    if (noGains) {
        const base = makeBase('违法所得', false);
        const upper = makeQuantity(noGains[1].slice(0, -1), '元');
        return upper ? [
            { kind: 'range', base, interval: { upper: { value: upper.value, closed: false } } },
            { kind: 'fallback', base, word: '没有违法所得' }
        ] : undefined;
    }
    const fallback = FALLBACK.exec(phrase);
    if (fallback) {
        return [{ kind: 'fallback', base: baseOf(fallback[2])!, word: '无法计算' }];
    }
    const match = GUARD.exec(phrase);
    if (!match) {
        return undefined;
    }
    const [, , baseWord, prefix, amount, suffix] = match;
    if (prefix && suffix) {
        return undefined;
    }
    const quantity = makeQuantity(amount.slice(0, -1), '元');
    const { range } = resolveRange([{ quantity, word: (prefix ?? suffix) as BoundaryWord | undefined, source: phrase }], STATUTORY_SEMANTICS, phrase);
    return range && range.shape !== 'exact' ? [{ kind: 'range', base: baseOf(baseWord)!, interval: range.interval }] : undefined;
}

class ClauseReader {
    readonly sanctions: StatuteSanction[] = [];
    readonly measures: string[] = [];
    readonly unread: string[] = [];

    constructor(private readonly itemsCarryPenalties: boolean) { }

    /** Reads one sentence; `labelCondition` makes its leading violation text the branch's label (a later sentence, an item). */
    readSentence(sentence: string, labelCondition: boolean): void {
        const clauses = sentence.split(/[；;]/).map(c => c.trim()).filter(c => c !== '');
        let leading = true;
        const condition: string[] = [];
        for (const clause of clauses) {
            const context: Context = { combination: 'applies', combinationWords: '处', party: 'default' };
            const phrases = clause.split(/[，,]/).map(p => p.trim()).filter(p => p !== '');
            // 有…行为之一，尚不构成犯罪的，由公安机关…: a trigger written over several phrases
            const triggerEnd = phrases.findIndex(p => p.endsWith('的'));
            if (!leading && triggerEnd > 0 && phrases.slice(0, triggerEnd).every(p => !ACTION_START.test(p) && !p.startsWith('由'))) {
                phrases.splice(0, triggerEnd + 1, phrases.slice(0, triggerEnd + 1).join('，'));
            }
            if (phrases.length > 0 && phrases[0].endsWith('的') && FOREIGN_TRIGGER.test(phrases[0])) {
                continue; // 构成违反治安管理行为的，由公安机关依法予以处罚
            }
            for (const phrase of phrases) {
                const read = this.readPhrase(phrase, context, leading);
                if (read === 'condition') {
                    condition.push(phrase);
                    continue;
                }
                if (leading && read !== 'trigger') {
                    leading = false;
                    if (labelCondition && condition.length > 0) {
                        context.escalation = condition.join('，');
                    }
                }
            }
        }
        // Violation text that names a sanction (依照本条第二款的规定处以罚款, 受到罚款处罚) was not read as one.
        for (const phrase of condition) {
            if ((leading ? PENALTY_WORD : SANCTION_WORD).test(phrase) && !NOT_A_PENALTY.some(p => p.test(phrase))) {
                this.unread.push(phrase);
            }
        }
    }

    /** What a phrase is; sanctions and measures are recorded. */
    private readPhrase(original: string, context: Context, leading: boolean): 'sanction' | 'measure' | 'trigger' | 'ignored' | 'condition' | 'unread' {
        let phrase = original.replace(/[：:。]$/, '').trim();
        if (phrase === '') {
            return 'ignored';
        }
        if (!leading && phrase.endsWith('的') && !/^(处|并处|可以处)/.test(phrase)) {
            const guards = readGuards(phrase);
            if (guards) {
                context.guard = guards[0];
                context.guardText = phrase;
                (context as { guards?: Guard[] }).guards = guards;
            } else {
                context.escalation = phrase;
                context.guard = undefined;
                context.guardText = undefined;
                (context as { guards?: Guard[] }).guards = undefined;
            }
            context.party = 'default';
            context.partyText = undefined;
            return 'trigger';
        }
        if (NOT_A_PENALTY.some(p => p.test(phrase))) {
            // 还可以报经有批准权的人民政府批准，责令关闭: the combination word belongs to the next phrase
            const word = /^(并可以|还可以|并)/.exec(phrase)?.[1];
            if (word && !leading) {
                context.pending = word;
            }
            return leading ? 'condition' : 'ignored';
        }
        if (context.pending) {
            phrase = context.pending + phrase;
            context.pending = undefined;
        }
        // combination, agency and party may come in any order before the action
        let combination: Combination = 'applies';
        let combinationWords = '处';
        let party = context.party;
        let partyText = context.partyText;
        for (let changed = true; changed;) {
            changed = false;
            const combo = /^(单处或者并处|可以并处|并可以|还可以|并处|并|可以)/.exec(phrase);
            if (combo) {
                const word = combo[1];
                combination = word === '并处' || word === '并' ? (combination === 'discretionary' ? 'optional' : 'mandatory')
                    : word === '可以' ? (combination === 'mandatory' ? 'optional' : 'discretionary') : 'optional';
                combinationWords = word === '并' ? '并处' : word === '可以' ? '可以处' : word;
                phrase = (word.endsWith('处') ? '处' : '') + phrase.slice(word.length);
                changed = true;
            }
            if (phrase.startsWith('由')) {
                const rest = this.stripAgency(phrase);
                if (rest !== undefined) {
                    phrase = rest;
                    changed = true;
                }
            }
            const partyMatch = /^对(.+?)(?=处|给予|予以|没收|吊销|依法|可以|并处|责令|$)/.exec(phrase);
            if (partyMatch && !phrase.endsWith('的') && !partyMatch[1].endsWith('的')) {
                partyText = partyMatch[1].replace(/^其/, '').trim();
                party = partyOf(partyMatch[1]);
                phrase = phrase.slice(partyMatch[0].length);
                changed = true;
                if (phrase === '') {
                    // 对广告经营者、广告发布者，由…没收广告费用: the party of the phrases that follow
                    context.party = party;
                    context.partyText = partyText;
                    return leading ? 'condition' : 'ignored';
                }
            }
        }
        const common = { combination, combinationWords, party, partyText, escalation: context.escalation };
        const read = this.readAction(phrase, original, common, context);
        if (read) {
            return read;
        }
        if (leading) {
            return 'condition';
        }
        this.unread.push(original);
        return 'unread';
    }

    /** 由县级以上人民政府生态环境主管部门按照职责责令改正 → 责令改正; undefined when no agency ends before an action. */
    private stripAgency(phrase: string): string | undefined {
        for (let end = 2; end < phrase.length; end++) {
            if (!AGENCY_END.test(phrase.slice(0, end))) {
                continue;
            }
            const rest = phrase.slice(end).replace(/^(按照(各自)?职(责|权)(分工)?|依法|按照国务院规定的权限)/, '');
            if (ACTION_START.test(rest) && !/^(部门|机构)/.test(phrase.slice(end))) {
                return rest;
            }
        }
        return undefined;
    }

    private readAction(phrase: string, original: string,
        common: Pick<StatuteSanction, 'combination' | 'combinationWords' | 'party' | 'partyText' | 'escalation'>, context: Context):
        'sanction' | 'measure' | 'ignored' | undefined {
        const source: StatuteSource = { phrase: original.replace(/[：:。]$/, '') };
        const push = (sanction: Omit<StatuteSanction, 'source' | 'combination' | 'combinationWords' | 'party' | 'partyText' | 'escalation'>) => {
            this.sanctions.push({ ...common, ...sanction, source });
        };
        if (/^依照下列规定处以罚款$/.test(phrase) && this.itemsCarryPenalties) {
            return 'ignored';
        }
        let body = phrase.replace(/^处(?=没收|吊销)/, '');
        // 处 / 处以 / 给予 …, alternatives with 或者
        const imposed = /^(?:处以|处|给予|予以)(.+)$/.exec(body);
        if (imposed && !/^(?:给予|予以)(撤销|取消)/.test(body)) {
            const alternatives = imposed[1].split('或者');
            const read: Omit<StatuteSanction, 'source' | 'combination' | 'combinationWords' | 'party' | 'partyText' | 'escalation'>[] = [];
            for (const alternative of alternatives) {
                const one = this.readImposed(alternative, context);
                if (!one) {
                    return undefined;
                }
                read.push(...one);
            }
            read.forEach(push);
            return 'sanction';
        }
        body = body.replace(/^直至/, '').replace(/^由原发证部门/, '').replace(/^报请本级人民政府/, '');
        const confiscate = /^没收(.+)$/.exec(body);
        if (confiscate) {
            const objects = confiscate[1];
            if (/违法所得/.test(objects)) {
                push({ kind: 'confiscateGains' });
            }
            const property = objects.replace(/违法所得/, '').replace(/^[和、以及]+|[和、以及]+$/g, '');
            if (property !== '') {
                push({ kind: 'confiscateProperty', detail: property });
            }
            return 'sanction';
        }
        if (/^吊销.+/.test(body)) {
            push({ kind: 'revokeLicense', detail: body.slice(2) });
            return 'sanction';
        }
        if (/^暂扣.*(许可证|执照|证件|证书)/.test(body)) {
            push({ kind: 'suspendLicense' });
            return 'sanction';
        }
        if (/^降低资质等级$/.test(body)) {
            push({ kind: 'demoteQualification' });
            return 'sanction';
        }
        if (/^(予以)?关闭$/.test(body)) {
            push({ kind: 'close' });
            return 'sanction';
        }
        if (/^警告$/.test(body)) {
            push({ kind: 'warning' });
            return 'sanction';
        }
        const order = /^责令(.+)$/.exec(body);
        if (order) {
            const pieces = order[1].split(/、|或者/).map(p => p.replace(/^责令/, ''));
            const kinds: PenaltyKind[] = [];
            const measures: string[] = [];
            for (const piece of pieces) {
                const kind = Object.prototype.hasOwnProperty.call(ORDER_KINDS, piece) ? ORDER_KINDS[piece] : undefined;
                if (kind) {
                    kinds.push(kind);
                } else if (ORDER_MEASURES.has(piece) || /消除影响$|^停止生产该车型$/.test(piece)) {
                    measures.push(`责令${piece}`);
                } else {
                    return undefined;
                }
            }
            kinds.forEach(kind => push({ kind }));
            this.measures.push(...measures);
            return kinds.length > 0 ? 'sanction' : 'measure';
        }
        if (PLAIN_MEASURES.some(p => p.test(body))) {
            this.measures.push(body);
            return 'measure';
        }
        if (OTHER_SANCTIONS.some(p => p.test(body))) {
            // a sanction outside the kinds of 第九条 as the law words it (撤销…批准文件, 一年内不受理…申请)
            push({ kind: 'other', detail: body });
            return 'sanction';
        }
        // several actions joined by 、 (暂停广告发布业务、吊销营业执照), each read on its own
        const pieces = body.split('、');
        if (pieces.length > 1 && pieces.every(piece => ACTION_START.test(piece) || OTHER_SANCTIONS.some(p => p.test(piece)))) {
            const before = this.sanctions.length;
            const results = pieces.map(piece => this.readAction(piece, original, common, context));
            if (results.every(r => r !== undefined)) {
                return results.includes('sanction') ? 'sanction' : 'measure';
            }
            this.sanctions.length = before;
        }
        return undefined;
    }

    /** What follows 处: 二万元以上二十万元以下的罚款 / 警告 / 五日以上十五日以下拘留. */
    private readImposed(text: string, context: Context): Omit<StatuteSanction, 'source' | 'combination' | 'combinationWords' | 'party' | 'partyText' | 'escalation'>[] | undefined {
        const guards = (context as { guards?: Guard[] }).guards ?? (context.guard ? [context.guard] : [undefined]);
        if (/^警告(处罚)?$/.test(text)) {
            return [{ kind: 'warning' }];
        }
        if (/^关闭$/.test(text)) {
            return [{ kind: 'close' }];
        }
        if (/^通报批评$/.test(text)) {
            return [{ kind: 'notice' }];
        }
        const fine = /^(.+?)的?罚款$/.exec(text);
        if (fine) {
            const amount = readFineAmount(fine[1]);
            return amount ? guards.map(guard => ({ kind: 'fine' as const, ...amount, ...(guard ? { guard, guardText: context.guardText } : {}) })) : undefined;
        }
        const detention = /^(.+?)的?(?:行政)?拘留$/.exec(text);
        if (detention) {
            const days = readDays(detention[1]);
            return days ? [{ kind: 'detention', ...days }] : undefined;
        }
        return undefined;
    }
}

function readClause(body: string, itemsCarryPenalties: boolean, labelFirst: boolean): Pick<PenaltyClause, 'sanctions' | 'measures' | 'certain' | 'unread'> {
    const reader = new ClauseReader(itemsCarryPenalties);
    body.split(/。/).map(s => s.trim()).filter(s => s !== '').forEach((sentence, index) => reader.readSentence(sentence, labelFirst || index > 0));
    return {
        sanctions: reader.sanctions, measures: [...new Set(reader.measures)], unread: reader.unread,
        certain: reader.unread.length === 0 && (reader.sanctions.length > 0 || itemsCarryPenalties)
    };
}

/** Whether a paragraph sets a penalty: it names a sanction (a mention of 处罚 in general does not count). */
const SANCTION_WORD = /(?:处|处以)[^，；。]{0,60}?(?:罚款|拘留)|(?:给予|予以|处)(?:警告|通报批评)|责令(?:停产停业|停业|关闭)|予以关闭|(?:^|[，；由])[^，；。]{0,30}(?:吊销|没收|暂扣)|依法予以处罚|依照[^，；。]*规定(?:予以)?处罚|计算罚款|按日连续处罚/;

function isPenaltyText(text: string): boolean {
    // 给予警告、记过或者记大过处分 is discipline, not an administrative penalty
    return text.split(/[，；。,;]/).some(phrase => !phrase.includes('处分') && SANCTION_WORD.test(phrase));
}

/** The penalty clauses of one paragraph: the paragraph itself, then its items that set penalties of their own. */
export function readParagraphPenalties(law: string, article: StatuteArticle, paragraph: StatuteParagraph): PenaltyClause[] {
    const clauses: PenaltyClause[] = [];
    const itemClauses: PenaltyClause[] = [];
    for (const item of paragraph.items) {
        const body = item.text.replace(/^[（(][^）)]+[）)]/, '');
        // an item that sets a penalty of its own names its case first: （一）发生一般事故的，处…
        if (!/的[，,]/.test(body) || !isPenaltyText(body)) {
            continue;
        }
        itemClauses.push({
            law, article: article.number, articleSuffix: article.suffix, paragraph: paragraph.number, item: item.number,
            text: item.text, span: item.span, ...readClause(body, false, true)
        });
    }
    const body = paragraphBody(article, paragraph);
    if (isPenaltyText(body)) {
        const read = readClause(body, itemClauses.length > 0, false);
        if (read.sanctions.length === 0 && read.unread.length === 0 && itemClauses.length > 0) {
            return itemClauses; // 依照下列规定处以罚款: the items set the penalties
        }
        clauses.push({
            law, article: article.number, articleSuffix: article.suffix, paragraph: paragraph.number, text: body, span: paragraph.span,
            ...read
        });
    }
    return [...clauses, ...itemClauses];
}

/** Every penalty clause of an article. */
export function readArticlePenalties(law: string, article: StatuteArticle): PenaltyClause[] {
    return article.paragraphs.flatMap(paragraph => readParagraphPenalties(law, article, paragraph));
}

/** Every penalty clause of a statute, article by article. */
export function readStatutePenalties(statute: StatuteText): PenaltyClause[] {
    return [...statute.articles.values()].flatMap(article => readArticlePenalties(statute.law, article));
}

/** An amount range in the words of the law: 2万元以上20万元以下, 5万元以下, 不足1万元, 货值金额1倍以上3倍以下. */
export function rangeInWords(interval: Interval, dimension: NonNullable<Component<unknown>['dimension']>): string {
    const { lower, upper } = interval;
    if (lower && upper && lower.closed && upper.closed && lower.value.eq(upper.value)) {
        return formatQuantity(lower.value, dimension);
    }
    const low = lower ? `${lower.closed ? '' : '超过'}${formatQuantity(lower.value, dimension)}${lower.closed ? '以上' : ''}` : '';
    const high = upper ? `${upper.closed ? '' : '不足'}${formatQuantity(upper.value, dimension)}${upper.closed ? '以下' : ''}` : '';
    return `${low}${high}`;
}

/** A sanction as a reader of the law says it: 拒不改正的：并处罚款 2万元以上20万元以下. */
export function sanctionInWords(sanction: StatuteSanction): string {
    const kind = sanction.kind === 'other' ? (sanction.detail ?? '其他处罚')
        : sanction.kind === 'confiscateProperty' && sanction.detail ? `没收非法财物（${sanction.detail}）` : PENALTY_KIND_LABEL[sanction.kind];
    const party = sanction.party === 'responsiblePerson' ? '对直接负责的主管人员和其他直接责任人员' : sanction.partyText ? `对${sanction.partyText}` : '';
    const words = sanction.combinationWords === '处' ? '' : sanction.combinationWords === '可以处' ? '可以' : sanction.combinationWords;
    const amount = sanction.interval && sanction.dimension
        ? ` ${sanction.base ? sanction.base.label : ''}${rangeInWords(sanction.interval, sanction.dimension)}` : '';
    const prefix = [sanction.escalation, sanction.guardText].filter(p => p !== undefined).join('，');
    return `${prefix ? `${prefix}：` : ''}${party}${words}${kind}${amount}`;
}
