import { type Interval, uncovered } from './interval.js';
import { type Combination, type Component, type Guard, type Party, type PenaltyKind } from './penalty.js';
import { overlaps } from './interval.js';
import type { PenaltyClause, StatuteSanction } from './statute-penalty.js';
import { STATUTE_VERSIONS, type StatuteVersion, citedVersion, versionInForce } from './statutes.js';
import { ownEntry } from './lookup.js';

/**
 * Comparing what a document says of the law with the law's own text: the statutory penalty of an item against the
 * penalty clauses its 处罚依据 cites, a law name against the names in the library, a cited version against the
 * version the library holds. Every verdict that finds fault is made only on clauses read with certainty.
 */

// ---------------------------------------------------------------------------------------------------------------
// Law names
// ---------------------------------------------------------------------------------------------------------------

const SUFFIXES = ['实施条例', '实施细则', '实施办法', '条例', '办法', '规定', '细则', '决定', '法'] as const;

/** The core of a law name and its kind: 大气污染防治法 → 大气污染防治 + 法. */
export function splitLawName(name: string): { core: string; suffix: string } {
    const suffix = SUFFIXES.find(s => name.endsWith(s) && name.length > s.length) ?? '';
    return { core: name.slice(0, name.length - suffix.length), suffix };
}

function editDistance(a: string, b: string): number {
    const x = [...a];
    const y = [...b];
    let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const current = [i];
        for (let j = 1; j <= y.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[y.length];
}

/**
 * Real national laws the shipped library does not hold, by name only: a citation of one of them is "cannot check",
 * never a misspelling of a law whose name is close (《土壤污染防治法》 is not 《水污染防治法》 misspelt).
 */
export const KNOWN_OTHER_LAWS: readonly string[] = [
    '环境保护法', '土壤污染防治法', '固体废物污染环境防治法', '噪声污染防治法', '环境噪声污染防治法', '海洋环境保护法',
    '放射性污染防治法', '水土保持法', '水法', '森林法', '草原法', '野生动物保护法', '长江保护法', '黄河保护法',
    '清洁生产促进法', '循环经济促进法', '节约能源法', '环境保护税法', '产品质量法', '消费者权益保护法', '价格法',
    '反不正当竞争法', '反垄断法', '商标法', '专利法', '计量法', '标准化法', '药品管理法', '疫苗管理法', '特种设备安全法',
    '农产品质量安全法', '电子商务法', '城乡规划法', '建筑法', '道路交通安全法', '治安管理处罚法', '行政强制法',
    '行政许可法', '行政复议法', '行政诉讼法', '刑法', '民法典', '公司法', '税收征收管理法', '烟草专卖法', '旅游法',
    '食品卫生法', '城市规划法'
];

/**
 * The library's names a cited name is most likely a misspelling of: the same kind (法, 条例, 办法 …) and a core that
 * differs by one character (two for a core of six characters or more), never a name of a real law the library does
 * not hold. Empty when the name is no near-identical name of a known one (then the library cannot check it).
 */
export function misspeltLawNames(name: string, known: readonly string[]): string[] {
    if (known.includes(name) || KNOWN_OTHER_LAWS.includes(name)) {
        return [];
    }
    const cited = splitLawName(name);
    const scored = known.map(candidate => {
        const other = splitLawName(candidate);
        if (other.suffix !== cited.suffix || cited.suffix === '') {
            return undefined;
        }
        const limit = Math.min(cited.core.length, other.core.length) >= 6 ? 2 : 1;
        const distance = editDistance(cited.core, other.core);
        return distance >= 1 && distance <= limit ? { candidate, distance } : undefined;
    }).filter(s => s !== undefined);
    const best = Math.min(...scored.map(s => s.distance));
    return scored.filter(s => s.distance === best).map(s => s.candidate).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------------------------

/** Whether the library's text is the version a citation means, and if not, which version is meant. */
export type VersionVerdict =
    | { readonly kind: 'same' }
    | { readonly kind: 'other'; readonly wanted: string; readonly held: string };

function labelOf(law: string, date: string | undefined): string {
    const version = date ? ownEntry(STATUTE_VERSIONS, law)?.find(v => v.adopted === date) : undefined;
    return version ? `${version.label}（${version.effective} 起施行）` : date ? `${date} 文本` : '未注明版本的文本';
}

/**
 * Compares the version the library holds (the date in its file name) with the one a citation means: the version it
 * names (2018年修正), else the version in force on the document's 施行日期, else the newest version.
 */
export function libraryVersionVerdict(law: string, held: string | undefined, documentDate: string | undefined,
    written: string | undefined): VersionVerdict {
    const versions = ownEntry(STATUTE_VERSIONS, law);
    const heldVersion = held ? versions?.find(v => v.adopted === held) : undefined;
    const other = (wanted: string): VersionVerdict => ({ kind: 'other', wanted, held: labelOf(law, held) });
    if (!versions || !heldVersion) {
        // a regulation the catalogue of versions does not know: the text's date is all there is
        if (written) {
            const year = /^(\d{4})/.exec(written)?.[1];
            return year && held?.startsWith(year) ? { kind: 'same' } : other(written);
        }
        return !held || !documentDate || held <= documentDate ? { kind: 'same' } : other(`${documentDate} 施行时有效的版本`);
    }
    let wanted: StatuteVersion | undefined;
    if (written) {
        wanted = citedVersion(law, written);
        if (!wanted) {
            return other(written);
        }
    } else if (documentDate) {
        wanted = versionInForce(law, documentDate);
        if (!wanted) {
            return other(`${documentDate} 施行时有效的版本`);
        }
    } else {
        wanted = versions.at(-1);
    }
    return wanted === heldVersion ? { kind: 'same' } : other(`${wanted!.label}（${wanted!.effective} 起施行）`);
}

// ---------------------------------------------------------------------------------------------------------------
// Statutory penalty against the clauses
// ---------------------------------------------------------------------------------------------------------------

export type StatuteDisagreement<S> =
    /** The amount leaves every branch of the cited provision that measures it the same way. */
    | { readonly kind: 'range'; readonly component: Component<S>; readonly allowed: readonly StatuteSanction[]; readonly excess: readonly Interval[] }
    /** A kind the cited provision does not have in any branch. */
    | { readonly kind: 'missing-kind'; readonly component: Component<S> }
    /** 并处 where the law says 可以 (or the reverse), in every branch that has the kind. */
    | { readonly kind: 'combination'; readonly component: Component<S>; readonly statute: readonly StatuteSanction[] }
    /** The amount is measured in a way no branch uses (a fixed amount against a multiple): not judged. */
    | { readonly kind: 'incomparable'; readonly component: Component<S>; readonly available: readonly StatuteSanction[] };

/** Kinds that one wording of the law may mean either of (没收 of 违法所得 or of 非法财物; 停业 or 限制开展生产经营活动). */
const KIND_FAMILY: Partial<Record<PenaltyKind, string>> = {
    confiscateGains: 'confiscate', confiscateProperty: 'confiscate', suspendProduction: 'suspend', restrictBusiness: 'suspend'
};

function sameFamily(a: PenaltyKind, b: PenaltyKind): boolean {
    return a === b || (KIND_FAMILY[a] !== undefined && KIND_FAMILY[a] === KIND_FAMILY[b]);
}

/** Parties conflict only when both are named and differ (the law often names the party in the violation). */
function partiesCompatible(a: Party, b: Party): boolean {
    return a === 'default' || b === 'default' || a === b;
}

function guardsCompatible(a: Guard | undefined, b: Guard | undefined): boolean {
    if (!a || !b) {
        return true;
    }
    if (a.kind === 'fallback' || b.kind === 'fallback') {
        return a.kind === b.kind;
    }
    return a.base.key === b.base.key && overlaps(a.interval, b.interval);
}

/** A custom base compared by its words without 的/所/收取 (所收费用 = 收取的费用 is not guessed: only trivial variants). */
function baseKey(component: Component<unknown>): string {
    const key = component.base?.key ?? '-';
    return key.startsWith('custom:') ? key.replace(/的/g, '') : key;
}

const OPTIONAL: ReadonlySet<Combination> = new Set(['optional', 'discretionary']);

/**
 * Compares the components of an item's statutory penalty with the sanctions of the clauses its 处罚依据 cites. A
 * component agrees when ANY branch of any cited clause (an escalation, a party, a threshold branch) allows it, so
 * an item that writes one branch is not at fault. Call it only with clauses read with certainty.
 */
export function compareWithStatute<S>(item: readonly Component<S>[], clauses: readonly PenaltyClause[]): StatuteDisagreement<S>[] {
    const sanctions = clauses.flatMap(c => c.sanctions);
    const hasOther = sanctions.some(s => s.kind === 'other');
    const issues: StatuteDisagreement<S>[] = [];
    for (const component of item) {
        if (component.kind === 'other' || component.unreadable) {
            continue;
        }
        let sameKind = sanctions.filter(s => sameFamily(s.kind, component.kind) && partiesCompatible(s.party, component.party));
        // where the law fines the responsible persons in words of their own, its other fines are the unit's
        if (component.party === 'responsiblePerson' && sameKind.some(s => s.party === 'responsiblePerson')) {
            sameKind = sameKind.filter(s => s.party === 'responsiblePerson');
        }
        if (sameKind.length === 0) {
            // a kind the law words outside 第九条 (撤销…批准文件) might be the one the item names; 没收违法所得
            // applies to every violation with gains (《行政处罚法》第二十八条第二款), named in the article or not
            if (!hasOther && component.kind !== 'confiscateGains' && !sanctions.some(s => sameFamily(s.kind, component.kind))) {
                issues.push({ kind: 'missing-kind', component });
            }
            continue;
        }
        if (component.combination === 'mandatory' || OPTIONAL.has(component.combination)) {
            const optional = OPTIONAL.has(component.combination);
            const judged = sameKind.filter(s => s.combinationWords !== '单处或者并处');
            if (judged.length === sameKind.length && judged.every(s => OPTIONAL.has(s.combination) !== optional)) {
                issues.push({ kind: 'combination', component, statute: judged });
            }
        }
        if (!component.interval || !component.dimension) {
            continue;
        }
        const measured = sameKind.filter(s => s.kind === component.kind && s.interval && s.dimension);
        const comparable = measured.filter(s => s.dimension === component.dimension && baseKey(s) === baseKey(component)
            && guardsCompatible(s.guard, component.guard));
        if (comparable.length === 0) {
            if (measured.length > 0) {
                issues.push({ kind: 'incomparable', component, available: measured });
            }
            continue;
        }
        const excess = uncovered(component.interval, comparable.map(s => s.interval!));
        if (excess.length > 0) {
            issues.push({ kind: 'range', component, allowed: comparable, excess });
        }
    }
    return issues;
}
