import { ownEntry } from './lookup.js';

/**
 * A small catalogue of statute versions, starting with the texts in shared/reference/statutes/. Each version
 * is the text as adopted or amended on `adopted`, in force from `effective` (the law's own 施行 article, or
 * the amending decision's). The next version's `effective` ends a version.
 */
export interface StatuteVersion {
    readonly label: string;
    readonly adopted: string;
    readonly effective: string;
}

export const STATUTE_VERSIONS: Readonly<Record<string, readonly StatuteVersion[]>> = {
    '行政处罚法': [
        { label: '1996年', adopted: '1996-03-17', effective: '1996-10-01' },
        { label: '2009年修正', adopted: '2009-08-27', effective: '2009-08-27' },
        { label: '2017年修正', adopted: '2017-09-01', effective: '2018-01-01' },
        { label: '2021年修订', adopted: '2021-01-22', effective: '2021-07-15' }
    ],
    '大气污染防治法': [
        { label: '2000年修订', adopted: '2000-04-29', effective: '2000-09-01' },
        { label: '2015年修订', adopted: '2015-08-29', effective: '2016-01-01' },
        { label: '2018年修正', adopted: '2018-10-26', effective: '2018-10-26' }
    ],
    '水污染防治法': [
        { label: '2008年修订', adopted: '2008-02-28', effective: '2008-06-01' },
        { label: '2017年修正', adopted: '2017-06-27', effective: '2018-01-01' }
    ],
    '环境影响评价法': [
        { label: '2002年', adopted: '2002-10-28', effective: '2003-09-01' },
        { label: '2016年修正', adopted: '2016-07-02', effective: '2016-09-01' },
        { label: '2018年修正', adopted: '2018-12-29', effective: '2018-12-29' }
    ],
    '食品安全法': [
        { label: '2015年修订', adopted: '2015-04-24', effective: '2015-10-01' },
        { label: '2018年修正', adopted: '2018-12-29', effective: '2018-12-29' },
        { label: '2021年修正', adopted: '2021-04-29', effective: '2021-04-29' }
    ],
    '广告法': [
        { label: '2015年修订', adopted: '2015-04-24', effective: '2015-09-01' },
        { label: '2018年修正', adopted: '2018-10-26', effective: '2018-10-26' },
        { label: '2021年修正', adopted: '2021-04-29', effective: '2021-04-29' }
    ],
    '消防法': [
        { label: '2008年修订', adopted: '2008-10-28', effective: '2009-05-01' },
        { label: '2019年修正', adopted: '2019-04-23', effective: '2019-04-23' },
        { label: '2021年修正', adopted: '2021-04-29', effective: '2021-04-29' }
    ],
    '安全生产法': [
        { label: '2014年修正', adopted: '2014-08-31', effective: '2014-12-01' },
        { label: '2021年修正', adopted: '2021-06-10', effective: '2021-09-01' }
    ]
};

/** The version in force on a date (ISO), if the law is catalogued and was in force then. */
export function versionInForce(law: string, date: string): StatuteVersion | undefined {
    const versions = ownEntry(STATUTE_VERSIONS, law);
    return versions?.filter(v => v.effective <= date).at(-1);
}

/**
 * The catalogued version a citation names by its written version (2018年修订, 2018年修正, 2018年): matched
 * by year, preferring the same kind of change.
 */
export function citedVersion(law: string, written: string): StatuteVersion | undefined {
    const year = /^(\d{4})年/.exec(written)?.[1];
    const versions = ownEntry(STATUTE_VERSIONS, law);
    if (!year || !versions) {
        return undefined;
    }
    const sameYear = versions.filter(v => v.label.startsWith(year));
    return sameYear.find(v => v.label === written) ?? sameYear[0];
}

/** Versions that came into force after a date (amendments a document from that date predates). */
export function versionsAfter(law: string, date: string): StatuteVersion[] {
    return (ownEntry(STATUTE_VERSIONS, law) ?? []).filter(v => v.effective > date);
}

/** A law repealed as a whole, with the law that replaced it (the successor's own 施行 article repeals it). */
export interface Repeal {
    readonly repealed: string;
    readonly successor: string;
}

export const REPEALED_LAWS: Readonly<Record<string, Repeal>> = {
    // 《噪声污染防治法》（2021年12月24日通过）自2022年6月5日起施行，《环境噪声污染防治法》同时废止
    '环境噪声污染防治法': { repealed: '2022-06-05', successor: '噪声污染防治法' },
    // 《食品安全法》（2009年）自2009年6月1日起施行，《食品卫生法》同时废止
    '食品卫生法': { repealed: '2009-06-01', successor: '食品安全法' },
    // 《城乡规划法》自2008年1月1日起施行，《城市规划法》同时废止
    '城市规划法': { repealed: '2008-01-01', successor: '城乡规划法' }
};

/**
 * Whether a document in force over [from, until) cites a repealed law while it applies: `before` when the law was
 * repealed before the document came into force, `during` when the repeal falls inside its period.
 */
export function repealDuring(law: string, from: string | undefined, until: string | undefined):
    { readonly when: 'before' | 'during'; readonly repeal: Repeal } | undefined {
    const repeal = ownEntry(REPEALED_LAWS, law);
    if (!repeal || !from) {
        return undefined;
    }
    if (from >= repeal.repealed) {
        return { when: 'before', repeal };
    }
    return until === undefined || until > repeal.repealed ? { when: 'during', repeal } : undefined;
}
