import { parseNumeral, readNumeral, toChineseInteger } from './numerals.js';

/**
 * A structured citation: 《法名》第N条第N款第（N）项, Chinese or Arabic numerals; 项 also as the law itself writes it in
 * cross-references (第一百条第二项, without parentheses), and 第N条之一.
 */
export interface Citation {
    /** Canonical short law name (中华人民共和国 dropped), e.g. 大气污染防治法. */
    readonly law: string;
    /** The version written after the name, e.g. 2018年修订. */
    readonly version?: string;
    readonly article?: number;
    /** 第N条之一 */
    readonly articleSuffix?: number;
    readonly paragraph?: number;
    readonly item?: number;
}

const NUM = '([0-9零〇一二两三四五六七八九十百千]+)';
const CITATION_PATTERN = new RegExp(
    `^(?:《([^《》]+)》(?:[（(]([0-9]{4}年[^（()）]{0,8})[）)])?)?` +
    `(?:第${NUM}条(?:之([一二三四五六七八九十]+))?)?(?:第${NUM}款)?(?:第(?:[（(]${NUM}[）)]|${NUM})项)?$`
);

export function canonicalLawName(name: string): string {
    return name.trim().replace(/^中华人民共和国/, '');
}

function toInt(text: string | undefined): number | undefined {
    if (text === undefined) {
        return undefined;
    }
    const value = parseNumeral(text);
    return value && value.isInteger() ? value.toNumber() : undefined;
}

/**
 * Parses a citation. A continuation without a law name (第二款 after 《环境影响评价法》第三十一条第一款) takes
 * the law, and where it starts below the article level also the article, from `previous`.
 * Returns undefined when the text cannot be a citation or nothing supplies the law.
 */
export function parseCitation(text: string, previous?: Citation): Citation | undefined {
    const match = CITATION_PATTERN.exec(text.trim());
    // An irregular number (第十十条) is not dropped: the citation would silently name the whole law or article.
    if (!match || match.slice(3).some(n => n !== undefined && readNumeral(n).kind !== 'value')) {
        return undefined;
    }
    const [, law, version, article, suffix, paragraph, itemInParentheses, itemBare] = match;
    const item = itemInParentheses ?? itemBare;
    if (law !== undefined) {
        return clean({
            law: canonicalLawName(law), version, article: toInt(article), articleSuffix: toInt(suffix),
            paragraph: toInt(paragraph), item: toInt(item)
        });
    }
    if (!previous) {
        return undefined;
    }
    if (article !== undefined) {
        return clean({ law: previous.law, version: previous.version, article: toInt(article), articleSuffix: toInt(suffix), paragraph: toInt(paragraph), item: toInt(item) });
    }
    if (paragraph !== undefined) {
        return clean({ ...previous, paragraph: toInt(paragraph), item: toInt(item) });
    }
    return clean({ ...previous, item: toInt(item) });
}

function clean(citation: Citation): Citation {
    return Object.fromEntries(Object.entries(citation).filter(([, v]) => v !== undefined)) as unknown as Citation;
}

/** The irregular numbers of a citation (第十十条 → 十十) with the regular ones they could mean. */
export function irregularCitationNumbers(text: string): { readonly numeral: string; readonly readings: readonly string[] }[] {
    const match = CITATION_PATTERN.exec(text.trim());
    const out: { numeral: string; readings: readonly string[] }[] = [];
    for (const numeral of match ? match.slice(3) : []) {
        const reading = numeral === undefined ? undefined : readNumeral(numeral);
        if (reading?.kind === 'irregular') {
            out.push({ numeral: numeral!, readings: reading.readings });
        }
    }
    return out;
}

/** Canonical written form: 《大气污染防治法》第九十九条第（一）项. */
export function formatCitation(citation: Citation): string {
    let out = `《${citation.law}》`;
    if (citation.article !== undefined) {
        out += `第${toChineseInteger(citation.article)}条`;
        if (citation.articleSuffix !== undefined) {
            out += `之${toChineseInteger(citation.articleSuffix)}`;
        }
    }
    if (citation.paragraph !== undefined) {
        out += `第${toChineseInteger(citation.paragraph)}款`;
    }
    if (citation.item !== undefined) {
        out += `第（${toChineseInteger(citation.item)}）项`;
    }
    return out;
}

/** Same law, article, paragraph and item (versions aside). */
export function sameProvision(a: Citation, b: Citation): boolean {
    return a.law === b.law && a.article === b.article && a.articleSuffix === b.articleSuffix
        && a.paragraph === b.paragraph && a.item === b.item;
}

/**
 * Whether `outer` names `inner` or a provision containing it: an article contains its paragraphs and items, a
 * paragraph its items (《环境影响评价法》第三十一条 contains 第三十一条第一款). A law cited without an article contains
 * every article of it.
 */
export function containsProvision(outer: Citation, inner: Citation): boolean {
    return outer.law === inner.law
        && (outer.article === undefined || (outer.article === inner.article && outer.articleSuffix === inner.articleSuffix))
        && (outer.paragraph === undefined || outer.paragraph === inner.paragraph)
        && (outer.item === undefined || outer.item === inner.item);
}

/** Whether two citations can name the same provision: one contains the other. */
export function sameOrNestedProvision(a: Citation, b: Citation): boolean {
    return containsProvision(a, b) || containsProvision(b, a);
}
