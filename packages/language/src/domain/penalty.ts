import type { Interval } from './interval.js';
import type { ResolvedRange } from './boundary.js';
import type { Dimension } from './quantity.js';
import { ownEntry } from './lookup.js';

/** Penalty kinds of 《行政处罚法》第九条. */
export type PenaltyKind =
    | 'warning' | 'notice' | 'fine' | 'confiscateGains' | 'confiscateProperty'
    | 'suspendLicense' | 'demoteQualification' | 'revokeLicense'
    | 'restrictBusiness' | 'suspendProduction' | 'close' | 'restrictPractice'
    | 'detention' | 'other';

export const PENALTY_KIND_LABEL: Record<PenaltyKind, string> = {
    warning: '警告', notice: '通报批评', fine: '罚款', confiscateGains: '没收违法所得', confiscateProperty: '没收非法财物',
    suspendLicense: '暂扣许可证件', demoteQualification: '降低资质等级', revokeLicense: '吊销许可证件',
    restrictBusiness: '限制开展生产经营活动', suspendProduction: '责令停产停业', close: '责令关闭',
    restrictPractice: '限制从业', detention: '行政拘留', other: '其他处罚'
};

/** The words the law uses for each kind; several spellings map to one kind (吊销营业执照 → 吊销许可证件). */
const PENALTY_KIND_WORDS: Record<string, PenaltyKind> = {
    '警告': 'warning', '通报批评': 'notice', '罚款': 'fine', '没收违法所得': 'confiscateGains',
    '没收非法财物': 'confiscateProperty', '暂扣许可证件': 'suspendLicense', '降低资质等级': 'demoteQualification',
    '吊销许可证件': 'revokeLicense', '吊销许可证': 'revokeLicense', '吊销营业执照': 'revokeLicense',
    '限制开展生产经营活动': 'restrictBusiness', '责令停产停业': 'suspendProduction', '责令停业': 'suspendProduction',
    '责令关闭': 'close', '关闭': 'close', '限制从业': 'restrictPractice', '行政拘留': 'detention'
};

export function parsePenaltyKind(word: string): PenaltyKind | undefined {
    return ownEntry(PENALTY_KIND_WORDS, word);
}

/** Bases of a fine. */
export type BaseKind = 'illegalGains' | 'goodsValue' | 'adFees' | 'totalInvestment' | 'constructionCost'
    | 'illegalTurnover' | 'sales' | 'revenue';

export const BASE_WORDS: Record<string, BaseKind> = {
    '违法所得': 'illegalGains', '货值金额': 'goodsValue', '广告费用': 'adFees', '总投资额': 'totalInvestment',
    '工程造价': 'constructionCost', '违法经营额': 'illegalTurnover', '销售额': 'sales', '营业额': 'revenue'
};

export const BASE_LABEL: Record<BaseKind, string> = Object.fromEntries(
    Object.entries(BASE_WORDS).map(([word, kind]) => [kind, word])) as Record<BaseKind, string>;

/** A named base: one of the statutory bases or a custom one such as 「所收费用」. */
export interface Base {
    readonly key: string;
    readonly label: string;
}

export function makeBase(word: string, custom: boolean): Base {
    const key = custom ? undefined : ownEntry(BASE_WORDS, word);
    if (key) {
        return { key, label: word };
    }
    return { key: `custom:${word}`, label: word };
}

/** 并处 vs 可以并处 vs a group that simply applies. */
export type Combination = 'applies' | 'mandatory' | 'optional' | 'alone' | 'discretionary';

export const COMBINATION_WORDS: Record<string, Combination> = {
    '并处': 'mandatory', '可以并处': 'optional', '单处': 'alone', '可以': 'discretionary'
};

/** Who is sanctioned (双罚: the unit and its responsible persons each get their own range). */
export type Party = 'default' | 'unit' | 'individual' | 'responsiblePerson';

export const PARTY_WORDS: Record<string, Party> = { '对单位': 'unit', '对个人': 'individual', '对责任人员': 'responsiblePerson' };
export const PARTY_LABEL: Record<Party, string> = { default: '', unit: '对单位', individual: '对个人', responsiblePerson: '对责任人员' };

/**
 * Whether two statements speak of the same party: 对单位, 对个人 and 对责任人员 each have their own range
 * (消防法第六十条: 单位 五千元以上五万元以下, 个人 五百元以下); a plain statement (no party word) is about the
 * party sanctioned, so it meets 对单位 and 对个人 but not the responsible persons of 双罚.
 */
export function partiesMatch(a: Party, b: Party): boolean {
    if (a === b) {
        return true;
    }
    return (a === 'default' && b !== 'responsiblePerson') || (b === 'default' && a !== 'responsiblePerson');
}

/** A guard on a threshold branch: an interval of the base, or the fallback when the base cannot be computed. */
export type Guard = { readonly kind: 'range'; readonly base: Base; readonly interval: Interval }
    | { readonly kind: 'fallback'; readonly base: Base; readonly word: string };

/**
 * One comparable piece of a penalty, the unit the checks work on: a kind, for whom, measured how
 * (a fixed amount, a multiple or percentage of a base, days, months), under which threshold branch,
 * with its interval. `S` is an opaque handle on the source text that produced it.
 */
export interface Component<S> {
    readonly kind: PenaltyKind;
    /** For kind 'other': its name. */
    readonly detail?: string;
    readonly party: Party;
    readonly combination: Combination;
    readonly dimension?: Dimension;
    readonly base?: Base;
    readonly guard?: Guard;
    readonly interval?: Interval;
    readonly shape?: ResolvedRange['shape'];
    /** The escalation trigger (情节严重的…) when the component belongs to an escalation step. */
    readonly escalation?: string;
    /**
     * The range is written but cannot be read (an irregular numeral such as 一万万元): nothing is known of the
     * amount, so it is compared with nothing, and no judgement that needs it (containment, partition) is made.
     */
    readonly unreadable?: true;
    readonly source: S;
}

/** Components with the same key measure the same thing; whether they concern the same party is `partiesMatch`. */
export function comparisonKey(component: Component<unknown>): string {
    const detail = component.kind === 'other' ? `:${component.detail ?? ''}` : '';
    return `${component.kind}${detail}|${component.dimension ?? '-'}|${component.base?.key ?? '-'}`;
}

/** The measure of a component in words: 罚款（货值金额倍数）, 对责任人员罚款（金额）. */
export function describeComponent(component: Component<unknown>): string {
    const party = PARTY_LABEL[component.party];
    const kind = component.kind === 'other' ? (component.detail ?? '其他处罚') : PENALTY_KIND_LABEL[component.kind];
    let measure = '';
    if (component.base && component.dimension === 'multiple') {
        measure = `（${component.base.label}倍数）`;
    } else if (component.base && component.dimension === 'percent') {
        measure = `（${component.base.label}百分比）`;
    }
    return `${party}${kind}${measure}`;
}

/** Non-penalty measures (责令改正 is not a penalty, 第二十八条). */
export const MEASURE_WORDS = new Set([
    '责令改正', '责令限期改正', '限制生产', '停产整治', '责令停止建设', '责令恢复原状', '责令备案',
    '责令停止违法行为', '责令停止经营', '责令停止生产', '责令停止生产经营', '责令停止使用', '责令停止发布广告',
    '责令拆除', '责令限期拆除', '责令召回', '责令退还', '责令消除影响', '批评教育', '教育', '没收'
]);
