import type { Citation } from './citation.js';

/**
 * 《行政处罚法》第三十条至第三十三条: when a decision may go below the statutory minimum (减轻) or impose no
 * penalty (不予 / 可以不予), and what ground it needs. One coding of those articles, read by benchmark tiers
 * and by list entries alike.
 */

/** What a tier grade or an entry consequence decides. */
export type DispositionKind = 'ordinary' | 'lenient' | 'aggravated' | 'mitigated' | 'noPenalty' | 'noCoercion';

export interface Disposition {
    readonly kind: DispositionKind;
    /** 不予 (the law says it must) rather than 可以不予 (the authority may). */
    readonly mandatory: boolean;
}

/** The grades a tier can carry (阶次 名称 等级), in the order tables print them. */
export const GRADE_WORDS = ['从轻', '一般', '从重', '减轻', '不予处罚', '可以不予处罚'] as const;
export type GradeWord = typeof GRADE_WORDS[number];

/** Every word that names a disposition: tier grades and list consequences. The one table of these words. */
const DISPOSITIONS: Readonly<Record<string, Disposition>> = {
    '从轻': { kind: 'lenient', mandatory: true },
    '一般': { kind: 'ordinary', mandatory: true },
    '从重': { kind: 'aggravated', mandatory: true },
    '减轻': { kind: 'mitigated', mandatory: true },
    '不予处罚': { kind: 'noPenalty', mandatory: true },
    '可以不予处罚': { kind: 'noPenalty', mandatory: false },
    '免予处罚': { kind: 'noPenalty', mandatory: true },
    '可以免予处罚': { kind: 'noPenalty', mandatory: false },
    '减轻处罚': { kind: 'mitigated', mandatory: true },
    '从轻处罚': { kind: 'lenient', mandatory: true },
    '从重处罚': { kind: 'aggravated', mandatory: true },
    '免予行政强制': { kind: 'noCoercion', mandatory: true },
    '可以免予行政强制': { kind: 'noCoercion', mandatory: false }
};

export function isGradeWord(word: string | undefined): word is GradeWord {
    return word !== undefined && (GRADE_WORDS as readonly string[]).includes(word);
}

/** The disposition a grade or consequence word names; undefined for any other word. */
export function dispositionOf(word: string | undefined): Disposition | undefined {
    return word === undefined || !Object.prototype.hasOwnProperty.call(DISPOSITIONS, word) ? undefined : DISPOSITIONS[word];
}

/** A decision that leaves the ordinary statutory range: 减轻 (below the minimum) or 不予 / 可以不予. */
export type Relief =
    | { readonly kind: 'mitigated' }
    | { readonly kind: 'noPenalty'; readonly mandatory: boolean };

export function reliefOf(word: string | undefined): Relief | undefined {
    const disposition = dispositionOf(word);
    if (disposition?.kind === 'mitigated') {
        return { kind: 'mitigated' };
    }
    return disposition?.kind === 'noPenalty' ? { kind: 'noPenalty', mandatory: disposition.mandatory } : undefined;
}

/** Only 减轻 may go below the statutory minimum (第三十二条); 从轻 and 一般 stay inside the range. */
export function mayGoBelowMinimum(grade: string | undefined): boolean {
    return dispositionOf(grade)?.kind === 'mitigated';
}

/** Tiers of 减轻 and 不予 stand outside the tiers that divide the ordinary range. */
export function leavesOrdinaryRange(grade: string | undefined): boolean {
    return reliefOf(grade) !== undefined;
}

/** Articles of 《行政处罚法》 that ground each relief (special laws ground it too). */
const GROUND_ARTICLES: Readonly<Record<Relief['kind'], ReadonlySet<number>>> = {
    mitigated: new Set([30, 31, 32]),
    noPenalty: new Set([30, 31, 33])
};

const PENALTY_LAW = '行政处罚法';

/**
 * Circumstances of 第三十三条 as legal staff write them in free text. A reading of free text: what it
 * finds is evidence for a warning, never a proof for an error.
 */
export const CIRCUMSTANCE_WORDS = {
    /** 初次违法 (第三十三条第一款第二句). */
    firstViolation: /首次|初次|首违|第一次/,
    /** 没有造成危害后果 (第三十三条第一款第一句). */
    noHarm: /无危害后果|没有造成危害后果|未造成危害后果|没有危害后果|未产生危害后果|没有产生危害后果/,
    /** 没有主观过错 (第三十三条第二款). */
    noFault: /没有主观过错|无主观过错|不存在主观过错/
} as const;

export interface Circumstances {
    readonly firstViolation: boolean;
    readonly noHarm: boolean;
    readonly noFault: boolean;
}

/** The 第三十三条 circumstances that free-text conditions mention. */
export function readCircumstances(texts: readonly string[]): Circumstances {
    const all = texts.join(' ');
    return {
        firstViolation: CIRCUMSTANCE_WORDS.firstViolation.test(all),
        noHarm: CIRCUMSTANCE_WORDS.noHarm.test(all),
        noFault: CIRCUMSTANCE_WORDS.noFault.test(all)
    };
}

/** What is wrong with the ground of a relief; each field feeds the message. */
export type GroundIssue =
    /** No ground cited at all: lawfulness cannot be proven. */
    | { readonly kind: 'missing'; readonly relief: Relief }
    /** Only articles of 《行政处罚法》 that are no ground for this relief. */
    | { readonly kind: 'not-a-ground'; readonly relief: Relief; readonly cited: readonly Citation[] }
    /**
     * 不予 on 初次违法 with no 没有造成危害后果 and no 没有主观过错: 第三十三条第一款 gives only 可以不予
     * (a reading of free text).
     */
    | { readonly kind: 'first-violation-mandatory' }
    /**
     * 可以不予 on 没有造成危害后果 without 初次违法: 第三十三条第一款 makes it 不予 (a reading of free text).
     */
    | { readonly kind: 'no-harm-discretionary' };

/**
 * Checks the ground of a relief against 第三十条至第三十三条. `grounds` are the citations the decision rests
 * on; `circumstances` what its conditions say. A ground from another law (a special law) is accepted as it is.
 */
export function checkReliefGround(relief: Relief, grounds: readonly Citation[], circumstances: Circumstances): GroundIssue[] {
    if (grounds.length === 0) {
        return [{ kind: 'missing', relief }];
    }
    const articles = GROUND_ARTICLES[relief.kind];
    const valid = grounds.some(g => g.law !== PENALTY_LAW || (g.article !== undefined && articles.has(g.article)));
    if (!valid) {
        return [{ kind: 'not-a-ground', relief, cited: grounds }];
    }
    if (relief.kind !== 'noPenalty' || grounds.some(g => g.law !== PENALTY_LAW)) {
        return [];
    }
    const noFault = circumstances.noFault || grounds.some(g => g.article === 33 && g.paragraph === 2);
    if (relief.mandatory && circumstances.firstViolation && !circumstances.noHarm && !noFault) {
        return [{ kind: 'first-violation-mandatory' }];
    }
    if (!relief.mandatory && circumstances.noHarm && !circumstances.firstViolation) {
        return [{ kind: 'no-harm-discretionary' }];
    }
    return [];
}

/** 第三十条至第三十二条 / 第三十三条 in words, for messages. */
export function groundArticlesText(relief: Relief): string {
    return relief.kind === 'mitigated' ? '《行政处罚法》第三十条至第三十二条' : '《行政处罚法》第三十条、第三十一条、第三十三条';
}
