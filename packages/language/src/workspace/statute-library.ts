import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LangiumSharedCoreServices } from 'langium';
import { readWorkspaceFile, workspaceFileIn } from './workspace-file.js';
import {
    type Citation, type PenaltyClause, type StatuteArticle, type StatuteItem, type StatuteParagraph, type StatuteText,
    articleKey, canonicalLawName, parseStatuteText, readArticlePenalties
} from '../domain/index.js';

/**
 * The statute library: markdown files of the laws (`大气污染防治法(2018-10-26).md`), one article per
 * `第X条` paragraph, read on first use. Where it lives: the `chidu.statutesDir` setting, else the
 * `CHIDU_STATUTES_DIR` environment variable, else `../shared/reference/statutes/` next to a workspace folder or
 * next to the repository this server runs from.
 */

export type { StatuteArticle, StatuteItem, StatuteParagraph } from '../domain/index.js';

/** Where a statute text came from: the library shipped with Chidu, or a workspace's own `法规/` folder. */
export type StatuteOrigin = 'shipped' | 'workspace';

export interface Statute extends StatuteText {
    readonly file: string;
    readonly uri: string;
    readonly origin: StatuteOrigin;
}

export interface StatuteMatch {
    readonly statute: Statute;
    readonly article?: StatuteArticle;
    readonly paragraph?: StatuteParagraph;
    readonly item?: StatuteItem;
}

/** Parses one statute markdown file. */
export function parseStatute(file: string, text: string, origin: StatuteOrigin = 'shipped'): Statute {
    return { ...parseStatuteText(path.basename(file), text), file, uri: pathToFileURL(file).toString(), origin };
}

/** The penalty clauses of each statute, read on first use (a workspace that cites three laws reads three). */
const penaltyCache = new WeakMap<Statute, Map<string, readonly PenaltyClause[]>>();

/** The penalty clauses of one article of a statute (read once, then cached). */
export function articlePenalties(statute: Statute, article: StatuteArticle): readonly PenaltyClause[] {
    let byArticle = penaltyCache.get(statute);
    if (!byArticle) {
        byArticle = new Map();
        penaltyCache.set(statute, byArticle);
    }
    const key = articleKey(article.number, article.suffix);
    let clauses = byArticle.get(key);
    if (!clauses) {
        clauses = readArticlePenalties(statute.law, article);
        byArticle.set(key, clauses);
    }
    return clauses;
}

/** Every penalty clause of a statute. */
export function statutePenalties(statute: Statute): PenaltyClause[] {
    return [...statute.articles.values()].flatMap(article => articlePenalties(statute, article));
}

function readFolder(folder: string, origin: StatuteOrigin): Statute[] {
    const statutes: Statute[] = [];
    let entries: string[] = [];
    try {
        entries = fs.readdirSync(folder).filter(name => name.endsWith('.md') && !name.startsWith('.')).sort();
    } catch {
        entries = [];
    }
    for (const name of entries) {
        const file = path.join(folder, name);
        try {
            statutes.push(parseStatute(file, fs.readFileSync(file, 'utf8'), origin));
        } catch {
            // an unreadable file is skipped
        }
    }
    return statutes;
}

/** All statutes of one folder. */
export class StatuteCatalogue {
    private readonly byLaw = new Map<string, Statute[]>();

    constructor(readonly folder: string, statutes: readonly Statute[]) {
        for (const statute of statutes) {
            for (const name of new Set([statute.law, canonicalLawName(path.basename(statute.file).replace(/[（(].*$/, '').replace(/\.md$/, ''))])) {
                const list = this.byLaw.get(name) ?? [];
                // a workspace text of the same law and version replaces the shipped one
                if (!list.some(s => s.version === statute.version && s.origin === 'workspace' && statute.origin === 'shipped')) {
                    list.push(statute);
                }
                // newest version first; a stable sort keeps the workspace text first within one version
                list.sort((a, b) => (b.version ?? '').localeCompare(a.version ?? ''));
                this.byLaw.set(name, list);
            }
        }
    }

    static load(folder: string, origin: StatuteOrigin = 'shipped'): StatuteCatalogue {
        return new StatuteCatalogue(folder, readFolder(folder, origin));
    }

    /** This catalogue with the statutes of a workspace folder added (they come first for the same law and version). */
    withWorkspace(folder: string, statutes: readonly Statute[]): StatuteCatalogue {
        return new StatuteCatalogue(folder, [...statutes, ...this.all]);
    }

    /** Every statute text, each once. */
    get all(): Statute[] {
        return [...new Set([...this.byLaw.values()].flat())];
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

/** The folder of a workspace that holds its own regulations (same format as the shipped library). */
export const REGULATIONS_FOLDER = '法规';

/** Resolves the statutes folder and caches its catalogue. One per language server. */
export class StatuteLibrary {
    private catalogue: StatuteCatalogue | undefined;
    /** Directory → the nearest `法规/` folder at or above it (null: none). */
    private readonly regulationFolders = new Map<string, string | null>();
    /** `法规/` folder → the shipped catalogue with that folder's texts added. */
    private readonly withRegulations = new Map<string, StatuteCatalogue>();
    private configured: string | undefined;
    private configurationRead = false;

    static of(shared: LangiumSharedCoreServices): StatuteLibrary {
        let library = libraries.get(shared);
        if (!library) {
            library = new StatuteLibrary(shared);
            libraries.set(shared, library);
        }
        return library;
    }

    constructor(private readonly shared?: LangiumSharedCoreServices) {
        const configuration = shared?.workspace.ConfigurationProvider;
        configuration?.onConfigurationSectionUpdate(update => {
            if (update.section === 'chidu') {
                const dir = (update.configuration as { statutesDir?: unknown } | undefined)?.statutesDir;
                this.configured = typeof dir === 'string' && dir.trim() ? dir.trim() : undefined;
                this.reset();
            }
        });
    }

    private reset(): void {
        this.catalogue = undefined;
        this.withRegulations.clear();
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
            // packages/language/{src,out}/workspace → repository root → ../shared/reference/statutes
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
                this.reset();
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

    /**
     * The `法规/` folder a file sees: the one in its own directory or in the nearest directory above it that has one
     * (a department keeps its provincial regulations and 规章 there, in the library's Markdown format).
     */
    regulationFolderOf(file: string): string | undefined {
        const start = path.dirname(path.resolve(file));
        const visited: string[] = [];
        let found: string | null = null;
        for (let dir = start; ; dir = path.dirname(dir)) {
            const known = this.regulationFolders.get(dir);
            if (known !== undefined) {
                found = known;
                break;
            }
            visited.push(dir);
            const candidate = path.join(dir, REGULATIONS_FOLDER);
            try {
                if (fs.statSync(candidate).isDirectory()) {
                    found = candidate;
                    break;
                }
            } catch {
                // no such folder here
            }
            if (path.dirname(dir) === dir) {
                break;
            }
        }
        for (const dir of visited) {
            this.regulationFolders.set(dir, found);
        }
        return found ?? undefined;
    }

    /** The catalogue a document sees: the shipped library and the `法规/` folder of its workspace. */
    forDocument(uri: string | undefined): StatuteCatalogue {
        const shipped = this.get();
        let file: string | undefined;
        try {
            file = uri?.startsWith('file:') ? fileURLToPath(uri) : undefined;
        } catch {
            file = undefined;
        }
        const folder = file ? this.regulationFolderOf(file) : undefined;
        if (!folder) {
            return shipped;
        }
        let catalogue = this.withRegulations.get(folder);
        if (!catalogue) {
            catalogue = shipped.withWorkspace(shipped.folder, readFolder(folder, 'workspace'));
            this.withRegulations.set(folder, catalogue);
        }
        return catalogue;
    }

    async find(citation: Citation, documentUri?: string): Promise<StatuteMatch | undefined> {
        await this.load();
        return this.forDocument(documentUri).find(citation);
    }
}
