import { Decimal } from 'decimal.js';
import { type Endpoint, type Interval, contains } from './interval.js';
import type { ResolvedRange } from './boundary.js';

/** Tier grades that carry a numeric meaning under a profile. */
export type ProfileGrade = '从轻' | '一般' | '从重';

/** The statutory range a tier is graded against, with the shape the statute writes it in. */
export interface GradedRange {
    readonly min: Decimal;
    readonly max?: Decimal;
    readonly shape: ResolvedRange['shape'];
}

/**
 * What a grade requires of a tier's interval: to lie inside a band (`within`), or to include a point
 * (`includes`, for the "about 20 % of the maximum" rules). `strict` requirements are binding rules of
 * the issuer; the others are the rule's "一般按…确定" guidance.
 */
export type Requirement =
    | { readonly kind: 'within'; readonly band: Interval; readonly strict: true; readonly rule: string }
    | { readonly kind: 'includes'; readonly point: Decimal; readonly strict: false; readonly rule: string };

export interface Profile {
    readonly name: string;
    requirement(grade: ProfileGrade, range: GradedRange): Requirement | undefined;
}

const end = (value: Decimal, isClosed: boolean): Endpoint => ({ value, closed: isClosed });

/** A band given as fractions of the statutory width [min, max]. */
function band(range: GradedRange, from: number, to: number, toClosed: boolean): Interval | undefined {
    if (range.max === undefined) {
        return undefined;
    }
    const width = range.max.minus(range.min);
    return { lower: end(range.min.plus(width.times(from)), true), upper: end(range.min.plus(width.times(to)), toClosed) };
}

/** 市场监管总局 国市监法规〔2022〕2号: 从轻 in the lowest 30 %, 从重 in the highest 30 % (by symmetry). */
export const SAMR_PROFILE: Profile = {
    name: '市场监管',
    requirement(grade, range) {
        const rule = '从轻在法定幅度最低 30% 以内，从重在最高 30% 以内';
        if (grade === '从轻') {
            const b = band(range, 0, 0.3, true);
            return b && { kind: 'within', band: b, strict: true, rule };
        }
        if (grade === '从重') {
            const b = band(range, 0.7, 1, true);
            return b && { kind: 'within', band: b, strict: true, rule };
        }
        return undefined;
    }
};

/** 粤环发〔2021〕7号 第十二条: midpoint rules for ranges and multiples; 20 % / 50 % of max; 2× / 5× min. */
export const GUANGDONG_ECO_PROFILE: Profile = {
    name: '广东生态环境',
    requirement(grade, range) {
        if (range.shape === 'both' && range.max !== undefined) {
            const mid = range.min.plus(range.max).div(2);
            const rule = '第十二条：从轻低于平均值（中间倍数），一般按平均值，从重不低于平均值';
            switch (grade) {
                case '从轻': return { kind: 'within', band: { lower: end(range.min, true), upper: end(mid, false) }, strict: true, rule };
                case '从重': return { kind: 'within', band: { lower: end(mid, true), upper: end(range.max, true) }, strict: true, rule };
                case '一般': return { kind: 'includes', point: mid, strict: false, rule };
            }
        }
        if (range.shape === 'max-only' && range.max !== undefined) {
            const rule = '第十二条（三）：只规定最高额的，从轻一般按最高额的20%，一般处罚按50%';
            if (grade === '从轻') return { kind: 'includes', point: range.max.times(0.2), strict: false, rule };
            if (grade === '一般') return { kind: 'includes', point: range.max.times(0.5), strict: false, rule };
        }
        if (range.shape === 'min-only') {
            const rule = '第十二条（三）：只规定最低额的，从重一般按最低额的5倍，一般处罚按2倍';
            if (grade === '从重') return { kind: 'includes', point: range.min.times(5), strict: false, rule };
            if (grade === '一般') return { kind: 'includes', point: range.min.times(2), strict: false, rule };
        }
        return undefined;
    }
};

/** The old 广州 卫生 rule: 从轻 below min + 60 % of the width, 从重 from there. */
export const GUANGZHOU_HEALTH_PROFILE: Profile = {
    name: '广州卫生',
    requirement(grade, range) {
        const rule = '从轻低于最低额加幅度的60%，从重不低于该数额';
        if (grade === '从轻') {
            const b = band(range, 0, 0.6, false);
            return b && { kind: 'within', band: b, strict: true, rule };
        }
        if (grade === '从重') {
            const b = band(range, 0.6, 1, true);
            return b && { kind: 'within', band: b, strict: true, rule };
        }
        return undefined;
    }
};

export const NAMED_PROFILES: Record<string, Profile> = {
    [SAMR_PROFILE.name]: SAMR_PROFILE,
    [GUANGDONG_ECO_PROFILE.name]: GUANGDONG_ECO_PROFILE,
    [GUANGZHOU_HEALTH_PROFILE.name]: GUANGZHOU_HEALTH_PROFILE
};

/** A profile written in the document: each grade's band as a percentage position inside [min, max]. */
export function customProfile(bands: ReadonlyMap<ProfileGrade, Interval>): Profile {
    return {
        name: '本文件档次规则',
        requirement(grade, range) {
            const position = bands.get(grade);
            if (!position || range.max === undefined) {
                return undefined;
            }
            const width = range.max.minus(range.min);
            const at = (p: Endpoint | undefined, fallback: Decimal): Endpoint =>
                p ? end(range.min.plus(width.times(p.value).div(100)), p.closed) : end(fallback, true);
            return {
                kind: 'within', strict: true, rule: '本文件「档次规则」',
                band: { lower: at(position.lower, range.min), upper: at(position.upper, range.max) }
            };
        }
    };
}

/** Whether a tier interval meets a requirement. */
export function meets(requirement: Requirement, interval: Interval): boolean {
    if (requirement.kind === 'within') {
        return contains(requirement.band, interval);
    }
    return contains(interval, { lower: end(requirement.point, true), upper: end(requirement.point, true) });
}
