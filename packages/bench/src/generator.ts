/**
 * A generator of realistic synthetic province-scale workspaces: one province document, city documents
 * refining a share of its items with their own tiers, county documents below the cities, a mix of fixed
 * ranges, multiples, percentages, threshold switches, 双罚 and escalations drawn from real statutes, and a
 * controllable number of planted defects, each recorded with its file, line and expected code.
 *
 * Deterministic: the same options (seed included) always give the same text.
 */
import { Random } from './prng.js';
import { type End, type Interval, type Semantics, STATUTORY, quantityText, rangeText } from './render.js';
import { CONDITIONS, EXTRA_KINDS, type Dim, NOTES, QUALIFIERS, STATUTES, type Statute } from './statute-table.js';

export interface GeneratorOptions {
    readonly seed: number;
    readonly provinceItems: number;
    readonly cities: number;
    readonly cityItems: number;
    readonly counties: number;
    readonly countyItems: number;
    /** How many defects to plant (spread over the kinds below). */
    readonly defects: number;
}

/** The default "province" size: 1 × 3,000 + 4 × 1,000 + 6 × 500 = 10,000 items. */
export const DEFAULT_OPTIONS: GeneratorOptions = {
    seed: 20240601, provinceItems: 3000, cities: 4, cityItems: 1000, counties: 6, countyItems: 500, defects: 50
};

/** Scales the default shape (30 % province, 40 % cities, 30 % counties) to a total item count. */
export function optionsForTotal(total: number, base: Partial<GeneratorOptions> = {}): GeneratorOptions {
    const cities = base.cities ?? DEFAULT_OPTIONS.cities;
    const counties = base.counties ?? DEFAULT_OPTIONS.counties;
    const provinceItems = Math.round(total * 0.3);
    const cityItems = Math.round((total * 0.4) / cities);
    const countyItems = Math.max(1, total - provinceItems - cityItems * cities) / counties;
    return {
        ...DEFAULT_OPTIONS, ...base, cities, counties, provinceItems, cityItems,
        countyItems: Math.round(countyItems)
    };
}

export type DefectKind = 'CD401' | 'CD303' | 'CD304' | 'CD501' | 'CD202';
export const DEFECT_KINDS: readonly DefectKind[] = ['CD401', 'CD303', 'CD304', 'CD501', 'CD202'];

export interface PlantedDefect {
    /** Path relative to the workspace root, with forward slashes. */
    readonly file: string;
    /** 1-based line the diagnostic must start on. */
    readonly line: number;
    /** Other lines the same defect may also be reported on (the other measures of the same tier). */
    readonly alsoLines: readonly number[];
    readonly kind: DefectKind;
    /** Codes that count as finding it (a new kind is CD304 against the statute or CD403 against the upper level). */
    readonly accept: readonly string[];
    readonly what: string;
}

/** The upper end of one tier range in the edit file: where an edit changes an amount. */
export interface EditTarget {
    /** 0-based LSP position of the quantity text. */
    readonly line: number;
    readonly character: number;
    readonly text: string;
    readonly v: number;
    readonly dim: Dim;
}

export interface GeneratedFile {
    readonly path: string;
    readonly text: string;
    readonly items: number;
    readonly level: '省' | '市' | '县';
}

export interface GeneratedWorkspace {
    readonly options: GeneratorOptions;
    readonly files: readonly GeneratedFile[];
    readonly planted: readonly PlantedDefect[];
    readonly items: number;
    /** The county file the edit benchmark opens (its items refine the province through its city). */
    readonly editFile: string;
    readonly editTargets: readonly EditTarget[];
}

type Style = 'A' | 'B' | 'O';

interface TierRef {
    readonly name: string;
    readonly numeric: boolean;
}

interface TierModel {
    name: string;
    numeric: boolean;
    grade?: string;
    refines: TierRef[];
    conditions: string[];
    ivs: Interval[];
    escalation?: string;
    extraKind?: string;
    defect?: DefectKind;
}

interface ItemModel {
    code: string;
    violation: string;
    statute: Statute;
    /** The code written after 细化 (own code of the upper item, or the code it refines). */
    refCode?: string;
    upper?: ItemModel;
    tiers: TierModel[];
    restateBasis: boolean;
    note?: string;
    refinedBy: number;
    doc: DocModel;
    defect?: DefectKind;
    comment?: string;
}

interface DocModel {
    path: string;
    name: string;
    issuer: string;
    level: '省' | '市' | '县';
    prefix: string;
    numericCodes: boolean;
    semantics: Semantics;
    boundaryLine?: string;
    hitPolicy?: string;
    style: Style;
    parent?: DocModel;
    items: ItemModel[];
    adoptions: string[];
    chinese: number;
    date: string;
    validFor: string;
    docNumber?: string;
    /** For cities and counties: which upper item each code resolves to (own codes and aliases). */
    visible: Map<string, ItemModel>;
}

interface DocSpec {
    key: string;
    prefix: string;
    place: string;
    style: Style;
    semantics: Semantics;
    boundaryLine?: string;
    hitPolicy?: string;
    numericCodes?: boolean;
    parentIndex?: number;
}

const BOTH_INCLUSIVE = '边界 以上含本数 以下含本数';
const GD_BOUNDARY = '边界 以上含本数 以下不含本数';
const GD_SEMANTICS: Semantics = { atLeastClosed: true, atMostClosed: false };

const CITY_SPECS: readonly DocSpec[] = [
    { key: 'guangzhou', prefix: 'GZ', place: '广州市', style: 'B', semantics: STATUTORY },
    { key: 'shenzhen', prefix: 'SZ', place: '深圳市', style: 'B', semantics: STATUTORY },
    { key: 'foshan', prefix: 'FS', place: '佛山市', style: 'A', semantics: GD_SEMANTICS, boundaryLine: GD_BOUNDARY },
    { key: 'jiangmen', prefix: 'JM', place: '江门市', style: 'O', semantics: STATUTORY, boundaryLine: BOTH_INCLUSIVE, hitPolicy: '取重', numericCodes: true },
    { key: 'zhuhai', prefix: 'ZH', place: '珠海市', style: 'B', semantics: STATUTORY },
    { key: 'huizhou', prefix: 'HZ', place: '惠州市', style: 'A', semantics: GD_SEMANTICS, boundaryLine: GD_BOUNDARY },
    { key: 'dongguan', prefix: 'DG', place: '东莞市', style: 'O', semantics: STATUTORY, boundaryLine: BOTH_INCLUSIVE, hitPolicy: '取重' },
    { key: 'zhongshan', prefix: 'ZS', place: '中山市', style: 'B', semantics: STATUTORY }
];

const COUNTY_SPECS: readonly DocSpec[] = [
    { key: 'taishan', prefix: 'TS', place: '台山市', style: 'O', semantics: STATUTORY, boundaryLine: BOTH_INCLUSIVE, hitPolicy: '取重', parentIndex: 3 },
    { key: 'kaiping', prefix: 'KP', place: '开平市', style: 'A', semantics: STATUTORY, boundaryLine: BOTH_INCLUSIVE, parentIndex: 3 },
    { key: 'panyu', prefix: 'PY', place: '广州市番禺区', style: 'O', semantics: STATUTORY, boundaryLine: BOTH_INCLUSIVE, hitPolicy: '取重', parentIndex: 0 },
    { key: 'nanshan', prefix: 'NS', place: '深圳市南山区', style: 'A', semantics: STATUTORY, parentIndex: 1 },
    { key: 'shunde', prefix: 'SD', place: '佛山市顺德区', style: 'A', semantics: GD_SEMANTICS, boundaryLine: GD_BOUNDARY, parentIndex: 2 },
    { key: 'nanhai', prefix: 'NH', place: '佛山市南海区', style: 'B', semantics: STATUTORY, parentIndex: 2 }
];

const EDIT_COUNTY = 'nanshan';

function pad(n: number, width = 4): string {
    return String(n).padStart(width, '0');
}

/** Nice split points: the coarsest round number strictly inside the interval and after the previous point. */
function nicePoint(x: number, after: number, before: number, dim: Dim): number | undefined {
    const steps = dim === 'yuan' ? [100_000, 50_000, 10_000, 5_000, 1_000, 500, 100, 10, 1] : [100, 50, 10, 5, 1];
    for (const step of steps) {
        const r = Math.round(x / step) * step;
        if (r > after && r < before) {
            return r;
        }
    }
    return undefined;
}

/**
 * Splits the intervals of one tier (one per measure) into k consecutive pieces at the same relative points:
 * A = [a, b) [b, c], B = [a, b] (b, c], O = [a, b] [b, c] (overlapping at the point, for 竞合 取重).
 */
function split(parent: readonly Interval[], dims: readonly Dim[], k: number, style: Style, rng: Random): Interval[][] | undefined {
    if (k <= 1) {
        return [parent.map(iv => ({ ...iv }))];
    }
    const fractions: number[] = [];
    for (let attempt = 0; attempt < 20 && fractions.length < k - 1; attempt++) {
        const f = 0.12 + rng.next() * 0.76;
        if (fractions.every(g => Math.abs(g - f) > 0.1)) {
            fractions.push(f);
        }
    }
    if (fractions.length < k - 1) {
        return undefined;
    }
    fractions.sort((a, b) => a - b);
    const cuts: number[][] = [];
    for (let c = 0; c < parent.length; c++) {
        const lo = parent[c].lo?.v ?? 0;
        const hi = parent[c].hi.v;
        const points: number[] = [];
        let previous = lo;
        for (const f of fractions) {
            const point = nicePoint(lo + f * (hi - lo), previous, hi, dims[c]);
            if (point === undefined) {
                return undefined;
            }
            points.push(point);
            previous = point;
        }
        cuts.push(points);
    }
    const pieces: Interval[][] = [];
    for (let j = 0; j < k; j++) {
        pieces.push(parent.map((iv, c) => ({
            lo: j === 0 ? iv.lo : { v: cuts[c][j - 1], closed: style !== 'B' },
            hi: j === k - 1 ? iv.hi : { v: cuts[c][j], closed: style !== 'A' }
        })));
    }
    return pieces;
}

function statutoryIntervals(statute: Statute): Interval[] {
    return statute.measures.map(m => ({
        lo: m.lo === undefined ? undefined : { v: m.lo, closed: true },
        hi: { v: m.hi, closed: true }
    }));
}

const TIER_SCHEMES: readonly ((k: number) => { names: string[]; numeric: boolean; grades?: string[] } | undefined)[] = [
    k => ({ names: Array.from({ length: k }, (_, i) => String(i + 1)), numeric: true }),
    k => k === 3 ? { names: ['低档', '中档', '高档'], numeric: false } : undefined,
    k => k === 3 ? { names: ['从轻', '一般', '从重'], numeric: false, grades: ['从轻', '一般', '从重'] } : undefined,
    k => ({ names: ['一档', '二档', '三档', '四档', '五档', '六档'].slice(0, k), numeric: false })
];

const SUB_NAMES: Record<number, readonly (readonly string[])[]> = {
    2: [['-从轻', '-适中'], ['（一）', '（二）'], ['-轻', '-重']],
    3: [['-从轻', '-一般', '-从重'], ['（一）', '（二）', '（三）']]
};

class Generator {
    private readonly rng: Random;
    private readonly docs: DocModel[] = [];
    private provinceSeq = 0;

    constructor(private readonly options: GeneratorOptions) {
        this.rng = new Random(options.seed);
    }

    run(): GeneratedWorkspace {
        const province = this.makeProvince();
        const cities = Array.from({ length: this.options.cities }, (_, i) => this.makeCity(i, province));
        const counties = Array.from({ length: this.options.counties }, (_, i) => this.makeCounty(i, cities));
        const planned = this.plantDefects([province, ...cities, ...counties]);
        const files: GeneratedFile[] = [];
        const planted: PlantedDefect[] = [];
        let editTargets: EditTarget[] = [];
        const editDoc = counties.find(d => d.path.endsWith(`${EDIT_COUNTY}.chidu`)) ?? counties[0];
        for (const doc of this.docs) {
            const rendered = this.render(doc, planned);
            files.push({ path: doc.path, text: rendered.text, items: doc.items.length, level: doc.level });
            planted.push(...rendered.planted);
            if (doc === editDoc) {
                editTargets = rendered.targets;
            }
        }
        planted.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
        return {
            options: this.options,
            files,
            planted,
            items: this.docs.reduce((sum, d) => sum + d.items.length, 0),
            editFile: editDoc?.path ?? files[0].path,
            editTargets
        };
    }

    // ------------------------------------------------------------------------------------------
    // Documents and items
    // ------------------------------------------------------------------------------------------

    private makeProvince(): DocModel {
        const doc: DocModel = {
            path: 'province.chidu', name: '广东省行政处罚裁量权基准（合成·省级）', issuer: '广东省人民政府（合成）', level: '省',
            prefix: 'GD', numericCodes: false, semantics: GD_SEMANTICS, boundaryLine: GD_BOUNDARY, style: 'A',
            items: [], adoptions: [], chinese: 0.85, date: '2025-01-01', validFor: '5年', docNumber: '粤府规〔2021〕7号',
            visible: new Map()
        };
        this.docs.push(doc);
        for (let i = 0; i < this.options.provinceItems; i++) {
            doc.items.push(this.newItem(doc, statute => `${statute.id}-${pad(++this.provinceSeq)}`));
        }
        return doc;
    }

    private pickStatute(): Statute {
        return this.rng.weighted(STATUTES.map(s => [s, s.weight] as const));
    }

    private specOf(specs: readonly DocSpec[], index: number): DocSpec {
        const spec = specs[index % specs.length];
        const round = Math.floor(index / specs.length);
        return round === 0 ? spec : { ...spec, key: `${spec.key}${round + 1}`, prefix: `${spec.prefix}${round + 1}`, place: `${spec.place}（${round + 1}）` };
    }

    private makeCity(index: number, province: DocModel): DocModel {
        const spec = this.specOf(CITY_SPECS, index);
        const doc: DocModel = {
            path: `cities/${spec.key}.chidu`, name: `${spec.place}行政处罚裁量权基准（合成）`, issuer: `${spec.place}人民政府（合成）`,
            level: '市', prefix: spec.prefix, numericCodes: spec.numericCodes ?? false, semantics: spec.semantics,
            boundaryLine: spec.boundaryLine, hitPolicy: spec.hitPolicy, style: spec.style, parent: province,
            items: [], adoptions: [], chinese: 0.6, date: `2025-0${2 + (index % 6)}-01`, validFor: '4年', visible: new Map()
        };
        this.docs.push(doc);
        const refining = Math.round(this.options.cityItems * 0.9);
        const refined = this.rng.sample(province.items, refining);
        const chapterSeq = new Map<string, number>();
        const codeFor = (statute: Statute): string => {
            if (doc.numericCodes) {
                const chapter = STATUTES.indexOf(statute) + 1;
                const n = (chapterSeq.get(statute.id) ?? 0) + 1;
                chapterSeq.set(statute.id, n);
                return `${chapter}-${n}`;
            }
            return `${doc.prefix}-${pad(doc.items.length + 1)}`;
        };
        for (const upper of refined) {
            const item = this.refiningItem(doc, upper, codeFor(upper.statute), upper.code);
            doc.items.push(item);
            doc.visible.set(item.code, item);
            doc.visible.set(upper.code, item);
        }
        for (let i = refined.length; i < this.options.cityItems; i++) {
            const item = this.newItem(doc, codeFor);
            doc.items.push(item);
            doc.visible.set(item.code, item);
        }
        this.rng.shuffle(doc.items);
        const used = new Set(refined);
        const adoptable = province.items.filter(p => !used.has(p));
        doc.adoptions = this.rng.sample(adoptable, Math.round(this.options.cityItems * 0.03)).map(p => p.code);
        return doc;
    }

    private makeCounty(index: number, cities: readonly DocModel[]): DocModel {
        const spec = this.specOf(COUNTY_SPECS, index);
        const city = cities[(spec.parentIndex ?? index) % cities.length];
        const province = city.parent!;
        const doc: DocModel = {
            path: `counties/${spec.key}.chidu`, name: `${spec.place}行政处罚裁量权细化标准（合成）`, issuer: `${spec.place}人民政府（合成）`,
            level: '县', prefix: spec.prefix, numericCodes: false, semantics: spec.semantics,
            boundaryLine: spec.boundaryLine, hitPolicy: spec.hitPolicy, style: spec.style, parent: city,
            items: [], adoptions: [], chinese: 0.4, date: `2025-${String(9 + (index % 3)).padStart(2, '0')}-15`, validFor: '3年', visible: new Map()
        };
        this.docs.push(doc);
        const used = new Set<ItemModel>();
        const cityRefinements = this.rng.shuffle(city.items.filter(i => i.upper));
        const cityNew = this.rng.shuffle(city.items.filter(i => !i.upper));
        const cityRefined = new Set(city.items.map(i => i.upper).filter((u): u is ItemModel => u !== undefined));
        const adopted = new Set(city.adoptions);
        const provinceOnly = this.rng.shuffle(province.items.filter(p => !cityRefined.has(p) && !adopted.has(p.code)));
        const target = this.options.countyItems;
        let seq = 0;
        for (let n = 0; n < target; n++) {
            const roll = this.rng.next();
            const code = `${doc.prefix}-${pad(++seq)}`;
            let upper: ItemModel | undefined;
            let refCode: string | undefined;
            if (roll < 0.8 && cityRefinements.length > 0) {
                upper = cityRefinements.pop()!;
                refCode = this.rng.chance(0.5) ? upper.code : upper.upper!.code;
            } else if (roll < 0.92 && provinceOnly.length > 0) {
                upper = provinceOnly.pop()!;
                refCode = upper.code;
            } else if (roll < 0.97 && cityNew.length > 0) {
                upper = cityNew.pop()!;
                refCode = upper.code;
            }
            if (upper && !used.has(upper)) {
                used.add(upper);
                doc.items.push(this.refiningItem(doc, upper, code, refCode!));
            } else {
                doc.items.push(this.newItem(doc, () => code));
            }
        }
        const adoptable = [...cityRefinements.slice(0, 50), ...provinceOnly.slice(0, 50)].filter(u => !used.has(u));
        doc.adoptions = this.rng.sample(adoptable, Math.round(target * 0.02))
            .map(u => u.doc === city && u.upper && this.rng.chance(0.5) ? u.upper.code : u.code);
        return doc;
    }

    private violationOf(statute: Statute): string {
        return `${this.rng.pick(statute.violations)}（${this.rng.pick(QUALIFIERS)}）`;
    }

    private conditionsAt(position: number): string[] {
        const pool = position < 0.34 ? CONDITIONS.light : position < 0.67 ? CONDITIONS.middle : CONDITIONS.heavy;
        return this.rng.sample(pool, this.rng.int(1, 2));
    }

    /** A new item with its own statutory penalty and tiers dividing it. */
    private newItem(doc: DocModel, codeFor: (statute: Statute) => string): ItemModel {
        const statute = this.pickStatute();
        const item: ItemModel = {
            code: codeFor(statute), violation: this.violationOf(statute), statute, tiers: [], restateBasis: true, refinedBy: 0, doc,
            note: this.rng.chance(0.15) ? this.rng.pick(NOTES) : undefined,
            comment: this.rng.chance(0.1) ? `${statute.basis}` : undefined
        };
        const dims = statute.measures.map(m => m.dim);
        const parent = statutoryIntervals(statute);
        let k: number = this.rng.weighted([[3, 6], [4, 3], [5, 1]] as const);
        let pieces = split(parent, dims, k, doc.style, this.rng);
        while (!pieces && k > 1) {
            k--;
            pieces = split(parent, dims, k, doc.style, this.rng);
        }
        const scheme = this.rng.shuffle([...TIER_SCHEMES]).map(s => s(k)).find(s => s !== undefined)!;
        item.tiers = pieces!.map((ivs, i) => ({
            name: scheme.names[i], numeric: scheme.numeric, grade: scheme.grades?.[i], refines: [],
            conditions: this.conditionsAt(k === 1 ? 0.5 : i / (k - 1)), ivs,
            escalation: i === k - 1 && statute.heavyEscalation && this.rng.chance(0.5) ? statute.heavyEscalation : undefined
        }));
        return item;
    }

    /** An item refining `upper`: each upper tier split into finer tiers (or two adjacent ones merged). */
    private refiningItem(doc: DocModel, upper: ItemModel, code: string, refCode: string): ItemModel {
        upper.refinedBy++;
        const statute = upper.statute;
        const dims = statute.measures.map(m => m.dim);
        const item: ItemModel = {
            code, violation: upper.violation, statute, refCode, upper, tiers: [], restateBasis: this.rng.chance(0.5),
            refinedBy: 0, doc, note: this.rng.chance(0.1) ? this.rng.pick(NOTES) : undefined
        };
        const n = upper.tiers.length;
        for (let i = 0; i < n; i++) {
            const t = upper.tiers[i];
            const ref = { name: t.name, numeric: t.numeric };
            const position = n === 1 ? 0.5 : i / (n - 1);
            if (i + 1 < n && this.rng.chance(0.1)) {
                const next = upper.tiers[i + 1];
                item.tiers.push({
                    name: `${t.name}至${next.name}`, numeric: false, refines: [ref, { name: next.name, numeric: next.numeric }],
                    conditions: this.conditionsAt(position), ivs: t.ivs.map((iv, c) => ({ lo: iv.lo, hi: next.ivs[c].hi })),
                    escalation: next.escalation
                });
                i++;
                continue;
            }
            const m = doc.level === '县'
                ? this.rng.weighted([[1, 70], [2, 25], [3, 5]] as const)
                : this.rng.weighted([[1, 50], [2, 40], [3, 10]] as const);
            const pieces = split(t.ivs, dims, m, doc.style, this.rng) ?? [t.ivs.map(iv => ({ ...iv }))];
            const suffixes = pieces.length > 1 ? this.rng.pick(SUB_NAMES[pieces.length]) : undefined;
            pieces.forEach((ivs, j) => {
                item.tiers.push({
                    name: suffixes ? `${t.name}${suffixes[j]}` : t.name, numeric: suffixes ? false : t.numeric, refines: [ref],
                    conditions: this.conditionsAt(position), ivs,
                    escalation: j === pieces.length - 1 ? t.escalation : undefined
                });
            });
        }
        if (!doc.hitPolicy) {
            // Without a hit policy, a point shared by two upper tiers (an upper 取重 document) belongs to one tier only.
            for (let i = 1; i < item.tiers.length; i++) {
                item.tiers[i].ivs = item.tiers[i].ivs.map((iv, c) => {
                    const before = item.tiers[i - 1].ivs[c].hi;
                    return iv.lo && iv.lo.closed && before.closed && before.v === iv.lo.v ? { ...iv, lo: { v: iv.lo.v, closed: false } } : iv;
                });
            }
        }
        return item;
    }

    // ------------------------------------------------------------------------------------------
    // Planted defects
    // ------------------------------------------------------------------------------------------

    /** Mutates the model; returns the tiers/items to report, keyed by the object that carries the line. */
    private plantDefects(docs: readonly DocModel[]): Map<object, DefectKind> {
        const planned = new Map<object, DefectKind>();
        const count = this.options.defects;
        const free = (item: ItemModel) => item.defect === undefined;
        const all = docs.flatMap(d => d.items);
        const candidates: Record<DefectKind, () => ItemModel[]> = {
            // A lower tier that names the wrong upper tier: its range lies outside the one it claims to refine.
            CD401: () => all.filter(i => free(i) && i.upper && i.upper.tiers.length >= 2 && i.tiers.some(t => t.refines.length === 1)),
            // A tier reaching above the statutory maximum, in an item nobody refines (no knock-on below).
            CD303: () => all.filter(i => free(i) && !i.upper && i.refinedBy === 0 && !i.statute.escalationFine),
            // A tier adding a penalty kind the statute does not have.
            CD304: () => all.filter(i => free(i)),
            // Two tiers overlapping where the document declares no 竞合.
            CD501: () => all.filter(i => free(i) && !i.doc.hitPolicy && this.overlapTier(i) !== undefined),
            // A refinement of a code that does not exist in the upper chain (an item nobody refines).
            CD202: () => all.filter(i => free(i) && i.upper && i.refinedBy === 0)
        };
        for (let n = 0; n < count; n++) {
            const kind = DEFECT_KINDS[n % DEFECT_KINDS.length];
            const pool = candidates[kind]();
            if (pool.length === 0) {
                continue;
            }
            const item = this.rng.pick(pool);
            item.defect = kind;
            switch (kind) {
                case 'CD401': {
                    const tier = this.rng.pick(item.tiers.filter(t => t.refines.length === 1));
                    const upperTiers = item.upper!.tiers;
                    const index = upperTiers.findIndex(t => t.name === tier.refines[0].name);
                    const wrong = upperTiers[index < upperTiers.length / 2 ? upperTiers.length - 1 : 0];
                    tier.refines = [{ name: wrong.name, numeric: wrong.numeric }];
                    planned.set(tier, kind);
                    break;
                }
                case 'CD303': {
                    const tier = item.tiers[item.tiers.length - 1];
                    const hi = tier.ivs[0].hi.v;
                    const step = item.statute.measures[0].dim === 'yuan' ? 10_000 : 50;
                    tier.ivs[0] = { ...tier.ivs[0], hi: { v: Math.ceil((hi * 1.5) / step) * step, closed: true } };
                    planned.set(tier, kind);
                    break;
                }
                case 'CD304': {
                    const tier = this.rng.pick(item.tiers);
                    const kinds = EXTRA_KINDS.filter(k => !k.sameAs.some(w => item.statute.kindWords.includes(w)));
                    tier.extraKind = this.rng.pick(kinds).word;
                    planned.set(tier, kind);
                    break;
                }
                case 'CD501': {
                    const index = this.overlapTier(item)!;
                    const before = item.tiers[index - 1].ivs[0];
                    const lo = before.lo?.v ?? 0;
                    const mid = nicePoint((lo + before.hi.v) / 2, lo, before.hi.v, item.statute.measures[0].dim)!;
                    const tier = item.tiers[index];
                    tier.ivs[0] = { ...tier.ivs[0], lo: { v: mid, closed: true } };
                    planned.set(tier, kind);
                    break;
                }
                case 'CD202': {
                    item.refCode = `${item.refCode}9`;
                    for (const tier of item.tiers) {
                        tier.refines = [];
                    }
                    planned.set(item, kind);
                    break;
                }
            }
        }
        return planned;
    }

    /** A tier that can be made to overlap the one before it without leaving the upper tier both refine. */
    private overlapTier(item: ItemModel): number | undefined {
        for (let i = 1; i < item.tiers.length; i++) {
            const a = item.tiers[i - 1];
            const b = item.tiers[i];
            const sameUpper = !item.upper || (a.refines.length === 1 && b.refines.length === 1 && a.refines[0].name === b.refines[0].name);
            const iv = a.ivs[0];
            const lo = iv.lo?.v ?? 0;
            if (sameUpper && nicePoint((lo + iv.hi.v) / 2, lo, iv.hi.v, item.statute.measures[0].dim) !== undefined) {
                return i;
            }
        }
        return undefined;
    }

    // ------------------------------------------------------------------------------------------
    // Text
    // ------------------------------------------------------------------------------------------

    private render(doc: DocModel, planned: Map<object, DefectKind>): { text: string; planted: PlantedDefect[]; targets: EditTarget[] } {
        const lines: string[] = [];
        const planted: PlantedDefect[] = [];
        const targets: EditTarget[] = [];
        const push = (line: string): number => lines.push(line);
        const plant = (line: number, kind: DefectKind, what: string) => planted.push({
            file: doc.path, line, alsoLines: [], kind, accept: kind === 'CD304' ? ['CD304', 'CD403'] : [kind], what
        });
        const tierName = (name: string, numeric: boolean) => numeric ? name : `「${name}」`;

        push(`// ${doc.name}`);
        push('// 由 packages/bench 生成的合成基准（用于性能基准测试），不是真实发布的文件。');
        push('');
        push(`基准 「${doc.name}」 {`);
        push(`    制定机关 「${doc.issuer}」`);
        push(`    层级 ${doc.level}`);
        if (doc.docNumber) push(`    文号 「${doc.docNumber}」`);
        push(`    施行日期 ${doc.date}`);
        push(`    有效期 ${doc.validFor}`);
        push('    领域 「综合行政执法」');
        if (doc.parent) push(`    上级 「${doc.parent.name}」`);
        if (doc.boundaryLine) push(`    ${doc.boundaryLine}`);
        if (doc.hitPolicy) push(`    竞合 ${doc.hitPolicy}`);
        push('}');

        const penaltyLines = (indent: string, template: readonly (readonly (string | { comp: number })[])[], ivs: readonly Interval[],
            semantics: Semantics, onComp?: (comp: number, line: number, hiCharacter: number, hiText: string) => void) => {
            for (const segments of template) {
                let text = indent;
                const comps: { comp: number; hiCharacter: number; hiText: string }[] = [];
                for (const segment of segments) {
                    if (typeof segment === 'string') {
                        text += segment;
                    } else {
                        const measureDim = this.currentDims[segment.comp];
                        const r = rangeText(ivs[segment.comp], measureDim, semantics, this.rng, doc.chinese);
                        comps.push({ comp: segment.comp, hiCharacter: text.length + r.hiStart, hiText: r.hiText });
                        text += r.text;
                    }
                }
                const line = push(text);
                for (const c of comps) {
                    onComp?.(c.comp, line, c.hiCharacter, c.hiText);
                }
            }
        };

        for (const item of doc.items) {
            this.currentDims = item.statute.measures.map(m => m.dim);
            push('');
            if (item.comment) push(`// ${item.comment}`);
            const refines = item.refCode ? ` 细化 ${item.refCode}` : '';
            const header = push(`事项 ${item.code} 「${item.violation}」${refines} {`);
            if (planned.get(item) === 'CD202') {
                plant(header, 'CD202', `事项 ${item.code} 细化不存在的编码 ${item.refCode}`);
            }
            if (!item.upper) {
                push(`    违反条款 ${item.statute.violated}`);
            }
            if (!item.upper || item.restateBasis) {
                push(`    处罚依据 ${item.statute.basis}`);
            }
            if (!item.upper) {
                push('    法定处罚 {');
                penaltyLines('        ', item.statute.statutory, statutoryIntervals(item.statute), STATUTORY);
                push('    }');
            }
            for (const tier of item.tiers) {
                const grade = tier.grade ? ` ${tier.grade}` : '';
                push(`    阶次 ${tierName(tier.name, tier.numeric)}${grade} {`);
                if (tier.refines.length > 0) {
                    push(`        细化 ${tier.refines.map(r => tierName(r.name, r.numeric)).join('、')}`);
                }
                push(`        情形 ${tier.conditions.map(c => `「${c}」`).join(' ')}`);
                const kind = planned.get(tier);
                penaltyLines('        ', item.statute.tier, tier.ivs, doc.semantics, (comp, line, character, hiText) => {
                    if (comp === 0 && kind && kind !== 'CD304') {
                        plant(line, kind, `事项 ${item.code} 阶次「${tier.name}」`);
                    } else if (kind && kind !== 'CD304' && planted.length > 0) {
                        (planted[planted.length - 1].alsoLines as number[]).push(line);
                    }
                    if (!item.defect && doc.level === '县') {
                        targets.push({ line: line - 1, character, text: hiText, v: tier.ivs[comp].hi.v, dim: this.currentDims[comp] });
                    }
                });
                if (tier.extraKind) {
                    const line = push(`        ${tier.extraKind}`);
                    plant(line, 'CD304', `事项 ${item.code} 阶次「${tier.name}」增设${tier.extraKind}`);
                }
                if (tier.escalation) {
                    push(`        ${tier.escalation}`);
                }
                push('    }');
            }
            if (item.note) push(`    备注 「${item.note}」`);
            push('}');
        }
        if (doc.adoptions.length > 0) {
            push('');
            push('// 以下事项直接适用上级基准');
            for (let i = 0; i < doc.adoptions.length; i += 8) {
                push(`直接适用 ${doc.adoptions.slice(i, i + 8).join('、')}`);
            }
        }
        return { text: `${lines.join('\n')}\n`, planted, targets };
    }

    private currentDims: Dim[] = [];
}

export function generateWorkspace(options: GeneratorOptions = DEFAULT_OPTIONS): GeneratedWorkspace {
    return new Generator(options).run();
}

/** A quantity ten times larger, written the same way (for "break" edits in the edit benchmark). */
export function scaledQuantity(target: EditTarget, factor: number, seed: number): string {
    return quantityText(target.v * factor, target.dim, new Random(seed), 0.5);
}

export type { End };
