import { canonicalLawName } from './citation.js';
import { parseNumeral } from './numerals.js';

/**
 * The structure of a statute text in the library's Markdown format (`大气污染防治法(2018-10-26).md`): a `#` title,
 * the adoption and amendment history up to `<!-- INFO END -->`, `##` chapter headings, and one paragraph per line
 * group, an article starting with `第X条` (or `第X条之一`), its items with `（一）`. Pure: the text in, the structure
 * out (the loader reads the files).
 */

/** Where a piece of text was read from: 0-based line, and the columns [start, end) of that line. */
export interface TextSpan {
    readonly line: number;
    readonly start: number;
    readonly end: number;
}

export interface StatuteItem {
    readonly number: number;
    readonly line: number;
    readonly text: string;
    readonly span: TextSpan;
}

export interface StatuteParagraph {
    /** 1-based 款 number within the article. */
    readonly number: number;
    readonly line: number;
    readonly endLine: number;
    /** The paragraph's text (for the first paragraph, with the 第X条 heading). */
    readonly text: string;
    readonly span: TextSpan;
    readonly items: StatuteItem[];
}

export interface StatuteArticle {
    readonly number: number;
    readonly suffix?: number;
    /** 第九十九条 / 第三十一条之一 */
    readonly heading: string;
    readonly startLine: number;
    readonly endLine: number;
    /** The last line's length (for an exact range). */
    readonly endCharacter: number;
    readonly paragraphs: StatuteParagraph[];
    readonly chapter?: string;
}

/** One line of the history before `<!-- INFO END -->`: 2018年10月26日 …《关于修改…的决定》第二次修正. */
export interface StatuteHistoryEntry {
    /** ISO date. */
    readonly date: string;
    readonly kind: '通过' | '修正' | '修订' | '公布' | '其他';
    readonly text: string;
}

export interface StatuteText {
    /** Canonical short name: 大气污染防治法. */
    readonly law: string;
    readonly title: string;
    /** The date in the file name (the version the text is), e.g. 2018-10-26. */
    readonly version?: string;
    readonly history: readonly StatuteHistoryEntry[];
    readonly articles: ReadonlyMap<string, StatuteArticle>;
    readonly lines: readonly string[];
}

const NUMERAL = '[0-9零〇一二两三四五六七八九十百千]+';
const ARTICLE_HEADING = new RegExp(`^第(${NUMERAL})条(?:之([一二三四五六七八九十]+))?(?:[\\s\\u3000]+|$)`);
const ITEM_LINE = /^[（(]([0-9零〇一二两三四五六七八九十百千]+)[）)]/;
const HISTORY_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日/;

function toInt(text: string | undefined): number | undefined {
    if (text === undefined) {
        return undefined;
    }
    const value = parseNumeral(text);
    return value && value.isInteger() ? value.toNumber() : undefined;
}

/** The key of an article in `StatuteText.articles`: `99`, or `31-1` for 第三十一条之一. */
export function articleKey(article: number | undefined, suffix?: number): string {
    return suffix === undefined ? String(article) : `${article}-${suffix}`;
}

/** The law name and version date a library file name carries: 大气污染防治法(2018-10-26).md. */
export function parseStatuteFileName(fileName: string): { name: string; version?: string } {
    const base = fileName.replace(/^.*[\\/]/, '').replace(/\.md$/i, '');
    const match = /^(.*?)(?:[（(](\d{4}-\d{2}-\d{2})[）)])?$/.exec(base);
    return { name: match?.[1] ?? base, version: match?.[2] };
}

function historyEntry(text: string): StatuteHistoryEntry | undefined {
    const date = HISTORY_DATE.exec(text);
    if (!date) {
        return undefined;
    }
    const iso = `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}`;
    const kind = /修订$/.test(text) ? '修订' : /修正$/.test(text) ? '修正' : /通过$/.test(text) ? '通过' : /公布/.test(text) ? '公布' : '其他';
    return { date: iso, kind, text };
}

function spanOf(raw: string, line: number): TextSpan {
    const start = raw.length - raw.trimStart().length;
    return { line, start, end: raw.trimEnd().length };
}

/** Parses one statute text; `fileName` gives the version date (and the name when the text has no title). */
export function parseStatuteText(fileName: string, text: string): StatuteText {
    const lines = text.split(/\r?\n/);
    const { name, version } = parseStatuteFileName(fileName);
    const titleLine = lines.find(l => /^#\s/.test(l));
    const title = titleLine ? titleLine.replace(/^#+\s*/, '').trim() : name;
    const infoEnd = lines.findIndex(l => l.trim().startsWith('<!-- INFO END'));
    const history: StatuteHistoryEntry[] = [];
    const articles = new Map<string, StatuteArticle>();
    let chapter: string | undefined;
    type Open = { number: number; suffix?: number; heading: string; startLine: number; paragraphs: { number: number; line: number; endLine: number; text: string; span: TextSpan; items: StatuteItem[] }[]; chapter?: string };
    let current: Open | undefined;
    let lastContentLine = 0;
    const close = () => {
        if (current) {
            const endLine = Math.max(current.startLine, lastContentLine);
            const key = articleKey(current.number, current.suffix);
            // The first 第X条 of a number wins: a later line starting with the same words is text, not a heading.
            if (!articles.has(key)) {
                articles.set(key, { ...current, endLine, endCharacter: lines[endLine]?.length ?? 0 });
            }
            current = undefined;
        }
    };
    for (let line = 0; line < lines.length; line++) {
        const raw = lines[line];
        const trimmed = raw.trim();
        if (trimmed.length === 0) {
            continue;
        }
        if (line < infoEnd) {
            const entry = historyEntry(trimmed);
            if (entry) {
                history.push(entry);
            }
            continue;
        }
        if (trimmed.startsWith('#')) {
            close();
            if (/^#{2,}/.test(trimmed)) {
                chapter = trimmed.replace(/^#+\s*/, '');
            }
            continue;
        }
        if (trimmed.startsWith('<!--')) {
            continue;
        }
        const heading = ARTICLE_HEADING.exec(trimmed);
        if (heading) {
            close();
            const number = toInt(heading[1]);
            if (number === undefined) {
                continue;
            }
            current = {
                number, suffix: toInt(heading[2]), heading: heading[0].trim(), startLine: line, chapter,
                paragraphs: [{ number: 1, line, endLine: line, text: trimmed, span: spanOf(raw, line), items: [] }]
            };
            lastContentLine = line;
            continue;
        }
        if (!current) {
            continue;
        }
        lastContentLine = line;
        const item = ITEM_LINE.exec(trimmed);
        const paragraph = current.paragraphs[current.paragraphs.length - 1];
        if (item && paragraph) {
            paragraph.items.push({ number: toInt(item[1]) ?? paragraph.items.length + 1, line, text: trimmed, span: spanOf(raw, line) });
            paragraph.endLine = line;
        } else {
            current.paragraphs.push({ number: current.paragraphs.length + 1, line, endLine: line, text: trimmed, span: spanOf(raw, line), items: [] });
        }
    }
    close();
    return { law: canonicalLawName(title), title, version, history, articles, lines };
}

/** The text of a paragraph without its article heading (第九十九条 违反本法规定 … → 违反本法规定 …). */
export function paragraphBody(article: StatuteArticle, paragraph: StatuteParagraph): string {
    return paragraph.number === 1 && paragraph.text.startsWith(article.heading)
        ? paragraph.text.slice(article.heading.length).trim()
        : paragraph.text;
}
