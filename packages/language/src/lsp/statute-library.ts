import * as fs from 'node:fs';
import { readWorkspaceFile, workspaceFileIn } from '../workspace/workspace-file.js';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LangiumSharedServices } from 'langium/lsp';
import { type Citation, canonicalLawName, parseNumeral } from '../domain/index.js';

/**
 * The statute library: markdown files of the laws (`大气污染防治法(2018-10-26).md`), one article per
 * `第X条` paragraph, read on first use. Where it lives: the `chidu.statutesDir` setting, else the
 * `CHIDU_STATUTES_DIR` environment variable, else `../shared/reference/statutes/` next to a workspace folder or
 * next to the repository this server runs from.
 */

export interface StatuteItem {
    readonly number: number;
    readonly line: number;
    readonly text: string;
}

export interface StatuteParagraph {
    readonly line: number;
    readonly endLine: number;
    readonly text: string;
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

export interface Statute {
    /** Canonical short name: 大气污染防治法. */
    readonly law: string;
    readonly title: string;
    /** The date in the file name (the version), e.g. 2018-10-26. */
    readonly version?: string;
    readonly file: string;
    readonly uri: string;
    readonly articles: ReadonlyMap<string, StatuteArticle>;
    readonly lines: readonly string[];
}

export interface StatuteMatch {
    readonly statute: Statute;
    readonly article?: StatuteArticle;
    readonly paragraph?: StatuteParagraph;
    readonly item?: StatuteItem;
}

const NUMERAL = '[0-9零〇一二两三四五六七八九十百千]+';
const ARTICLE_HEADING = new RegExp(`^第(${NUMERAL})条(?:之([一二三四五六七八九十]+))?(?:[\\s\\u3000]+|$)`);
const ITEM_LINE = /^[（(]([0-9零〇一二两三四五六七八九十百千]+)[）)]/;

function toInt(text: string | undefined): number | undefined {
    if (text === undefined) {
        return undefined;
    }
    const value = parseNumeral(text);
    return value && value.isInteger() ? value.toNumber() : undefined;
}

function articleKey(article: number | undefined, suffix?: number): string {
    return suffix === undefined ? String(article) : `${article}-${suffix}`;
}

/** Parses one statute markdown file. */
export function parseStatute(file: string, text: string): Statute {
    const lines = text.split(/\r?\n/);
    const base = path.basename(file, path.extname(file));
    const nameMatch = /^(.*?)(?:[（(](\d{4}-\d{2}-\d{2})[）)])?$/.exec(base);
    const titleLine = lines.find(l => /^#\s/.test(l));
    const title = titleLine ? titleLine.replace(/^#+\s*/, '').trim() : (nameMatch?.[1] ?? base);
    const articles = new Map<string, StatuteArticle>();
    let chapter: string | undefined;
    let current: { number: number; suffix?: number; heading: string; startLine: number; paragraphs: { line: number; endLine: number; text: string; items: StatuteItem[] }[]; chapter?: string } | undefined;
    let lastContentLine = 0;
    const close = () => {
        if (current) {
            const endLine = Math.max(current.startLine, lastContentLine);
            articles.set(articleKey(current.number, current.suffix), {
                ...current, endLine, endCharacter: lines[endLine]?.length ?? 0
            });
            current = undefined;
        }
    };
    for (let line = 0; line < lines.length; line++) {
        const text = lines[line].trim();
        if (text.length === 0) {
            continue;
        }
        if (text.startsWith('#')) {
            close();
            if (/^#{2,}/.test(text)) {
                chapter = text.replace(/^#+\s*/, '');
            }
            continue;
        }
        if (text.startsWith('<!--')) {
            continue;
        }
        const heading = ARTICLE_HEADING.exec(text);
        if (heading) {
            close();
            const number = toInt(heading[1]);
            if (number === undefined) {
                continue;
            }
            current = {
                number, suffix: toInt(heading[2]), heading: heading[0].trim(), startLine: line, chapter,
                paragraphs: [{ line, endLine: line, text, items: [] }]
            };
            lastContentLine = line;
            continue;
        }
        if (!current) {
            continue;
        }
        lastContentLine = line;
        const item = ITEM_LINE.exec(text);
        const paragraph = current.paragraphs[current.paragraphs.length - 1];
        if (item && paragraph) {
            paragraph.items.push({ number: toInt(item[1]) ?? paragraph.items.length + 1, line, text });
            paragraph.endLine = line;
        } else {
            current.paragraphs.push({ line, endLine: line, text, items: [] });
        }
    }
    close();
    return {
        law: canonicalLawName(title),
        title,
        version: nameMatch?.[2],
        file,
        uri: pathToFileURL(file).toString(),
        articles,
        lines
    };
}

/** All statutes of one folder. */
export class StatuteCatalogue {
    private readonly byLaw = new Map<string, Statute[]>();

    constructor(readonly folder: string, statutes: readonly Statute[]) {
        for (const statute of statutes) {
            for (const name of new Set([statute.law, canonicalLawName(path.basename(statute.file).replace(/[（(].*$/, '').replace(/\.md$/, ''))])) {
                const list = this.byLaw.get(name) ?? [];
                list.push(statute);
                list.sort((a, b) => (b.version ?? '').localeCompare(a.version ?? ''));
                this.byLaw.set(name, list);
            }
        }
    }

    static load(folder: string): StatuteCatalogue {
        const statutes: Statute[] = [];
        let entries: string[] = [];
        try {
            entries = fs.readdirSync(folder).filter(name => name.endsWith('.md')).sort();
        } catch {
            entries = [];
        }
        for (const name of entries) {
            const file = path.join(folder, name);
            try {
                statutes.push(parseStatute(file, fs.readFileSync(file, 'utf8')));
            } catch {
                // an unreadable file is skipped
            }
        }
        return new StatuteCatalogue(folder, statutes);
    }

    get laws(): string[] {
        return [...new Set([...this.byLaw.values()].flat().map(s => s.law))].sort();
    }

    statutesOf(law: string): readonly Statute[] {
        return this.byLaw.get(canonicalLawName(law)) ?? [];
    }

    /** The statute, article, paragraph and item a citation names (as far as the library has them). */
    find(citation: Citation): StatuteMatch | undefined {
        const candidates = this.statutesOf(citation.law);
        if (candidates.length === 0) {
            return undefined;
        }
        const year = /^(\d{4})/.exec(citation.version ?? '')?.[1];
        const statute = (year && candidates.find(s => s.version?.startsWith(year))) || candidates[0];
        if (citation.article === undefined) {
            return { statute };
        }
        const article = statute.articles.get(articleKey(citation.article, citation.articleSuffix));
        if (!article) {
            return { statute };
        }
        let paragraph: StatuteParagraph | undefined;
        let item: StatuteItem | undefined;
        if (citation.paragraph !== undefined) {
            paragraph = article.paragraphs[citation.paragraph - 1];
        }
        if (citation.item !== undefined) {
            // 第（一）项 without 款 lives in the only paragraph that lists items
            const holder = paragraph ?? article.paragraphs.find(p => p.items.length > 0);
            item = holder?.items.find(i => i.number === citation.item);
            paragraph = paragraph ?? holder;
        }
        return { statute, article, paragraph, item };
    }
}

function moduleDirectory(): string | undefined {
    try {
        return path.dirname(fileURLToPath(import.meta.url));
    } catch {
        return undefined;
    }
}

const libraries = new WeakMap<object, StatuteLibrary>();

/** Resolves the statutes folder and caches its catalogue. One per language server. */
export class StatuteLibrary {
    private catalogue: StatuteCatalogue | undefined;
    private configured: string | undefined;
    private configurationRead = false;

    static of(shared: LangiumSharedServices): StatuteLibrary {
        let library = libraries.get(shared);
        if (!library) {
            library = new StatuteLibrary(shared);
            libraries.set(shared, library);
        }
        return library;
    }

    constructor(private readonly shared?: LangiumSharedServices) {
        const configuration = shared?.workspace.ConfigurationProvider;
        configuration?.onConfigurationSectionUpdate(update => {
            if (update.section === 'chidu') {
                const dir = (update.configuration as { statutesDir?: unknown } | undefined)?.statutesDir;
                this.configured = typeof dir === 'string' && dir.trim() ? dir.trim() : undefined;
                this.catalogue = undefined;
            }
        });
    }

    /** Candidate folders, most specific first. */
    candidates(): string[] {
        const result: string[] = [];
        if (this.configured) {
            result.push(this.configured);
        }
        const env = process.env.CHIDU_STATUTES_DIR;
        if (env && env.trim()) {
            result.push(env.trim());
        }
        for (const folder of this.shared?.workspace.WorkspaceManager.workspaceFolders ?? []) {
            try {
                const root = fileURLToPath(folder.uri);
                // the workspace file's 法条目录 (chidu.json), after the editor setting and the environment
                const workspaceFile = workspaceFileIn(root);
                const statutesDir = workspaceFile ? readWorkspaceFile(workspaceFile).config?.statutesDir : undefined;
                if (statutesDir) {
                    result.push(statutesDir);
                }
                result.push(path.resolve(root, '../shared/reference/statutes'), path.resolve(root, 'statutes'));
            } catch {
                // not a file URI
            }
        }
        const here = moduleDirectory();
        if (here) {
            // packages/language/{src,out}/lsp → repository root → ../shared/reference/statutes
            result.push(path.resolve(here, '../../../../../shared/reference/statutes'));
            // a bundled copy next to the server (an extension ships one)
            result.push(path.resolve(here, 'statutes'), path.resolve(here, '../statutes'));
        }
        return result;
    }

    /** The catalogue, after reading the `chidu.statutesDir` setting once (never waiting long for it). */
    async load(): Promise<StatuteCatalogue> {
        if (!this.configurationRead && this.shared) {
            this.configurationRead = true;
            const timeout = new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), 200).unref());
            const value: unknown = await Promise.race([
                this.shared.workspace.ConfigurationProvider.getConfiguration('chidu', 'statutesDir').catch(() => undefined),
                timeout
            ]);
            if (typeof value === 'string' && value.trim() && value.trim() !== this.configured) {
                this.configured = value.trim();
                this.catalogue = undefined;
            }
        }
        return this.get();
    }

    get(): StatuteCatalogue {
        if (!this.catalogue) {
            const folder = this.candidates().find(dir => {
                try {
                    return fs.statSync(dir).isDirectory();
                } catch {
                    return false;
                }
            });
            this.catalogue = folder ? StatuteCatalogue.load(folder) : new StatuteCatalogue('', []);
        }
        return this.catalogue;
    }

    async find(citation: Citation): Promise<StatuteMatch | undefined> {
        return (await this.load()).find(citation);
    }
}
