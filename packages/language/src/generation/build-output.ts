import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { type EffectiveBenchmarkJson, effectiveBenchmark } from './effective-benchmark.js';
import { type ExemptionListJson, exemptionListJson } from './exemption-list.js';

/** The compiled form of one document: its effective benchmark or its list; catalogues compile to nothing. */
export function compileDocument(document: LangiumDocument, fileOf: (document: LangiumDocument) => string): EffectiveBenchmarkJson | ExemptionListJson | undefined {
    const root = document.parseResult.value;
    if (ast.isBenchmark(root)) {
        return effectiveBenchmark(document, fileOf);
    }
    if (ast.isExemptionList(root)) {
        return exemptionListJson(document, fileOf);
    }
    return undefined;
}

/** The deepest directory holding all files. */
function commonRoot(files: readonly string[]): string {
    const dirs = files.map(f => path.dirname(f).split(path.sep));
    const first = dirs[0] ?? [];
    let length = first.length;
    for (const dir of dirs) {
        let i = 0;
        while (i < length && dir[i] === first[i]) i++;
        length = i;
    }
    return first.slice(0, length).join(path.sep) || path.sep;
}

export interface BuildOutput {
    /** Output path relative to the output folder (POSIX separators), named after the source file. */
    readonly path: string;
    readonly content: string;
    /** What the manifest says of this output (index.json). */
    readonly entry: ManifestEntry;
}

/** One output file in the build manifest `index.json`. */
export interface ManifestEntry {
    /** Output path relative to the output folder, `/`-separated. */
    readonly path: string;
    /** The source document, as `source.file` names it (relative to the workspace root). */
    readonly source: string;
    /** `benchmark` (an effective benchmark) or `exemption-list` (a list). */
    readonly kind: 'benchmark' | 'exemption-list';
    /** The list's own kind as written (不予处罚清单, 免罚清单 …); null for a benchmark. */
    readonly listKind: string | null;
    readonly name: string;
    readonly issuer: string | null;
    readonly level: string | null;
    readonly docNumber: string | null;
    /** The version of a document is its 施行日期 (and 废止日期): a revision has a new one. */
    readonly effectiveFrom: string | null;
    readonly effectiveTo: string | null;
    /** sha256 of the output file's bytes (UTF-8), lower-case hex. */
    readonly sha256: string;
    readonly bytes: number;
}

/** The build manifest: every output file of the tree with its source document, version and hash. */
export interface BuildManifest {
    readonly format: 'chidu-build-manifest';
    readonly formatVersion: 1;
    /** The outputs, sorted by path; the manifest does not list itself. */
    readonly outputs: readonly ManifestEntry[];
}

/** The manifest's name at the root of the output tree. */
export const MANIFEST_FILE = 'index.json';

export interface BuildOptions {
    /**
     * The folder output paths are relative to (the workspace root). Without it, the deepest folder holding all
     * documents, which depends on which documents were built.
     */
    readonly root?: string;
}

export interface CompiledDocument {
    /** The source file relative to the workspace root (or the inputs' common folder), without `.chidu` (POSIX separators). */
    readonly path: string;
    readonly json: EffectiveBenchmarkJson | ExemptionListJson;
}

/**
 * Every benchmark and list compiled, named after its source file relative to the inputs' common root, sorted
 * by path: what the build writes and what `chidu publish` renders.
 */
export function compileDocuments(documents: readonly LangiumDocument[], fileOf: (document: LangiumDocument) => string, options: BuildOptions = {}): CompiledDocument[] {
    const root = options.root ?? commonRoot(documents.map(d => d.uri.fsPath));
    return documents
        .flatMap(document => {
            const json = compileDocument(document, fileOf);
            return json ? [{ path: path.relative(root, document.uri.fsPath).split(path.sep).join('/').replace(/\.chidu$/, ''), json }] : [];
        })
        .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What `chidu build` writes, deterministically: one JSON per benchmark and per list, named after its source
 * file relative to the workspace root (or the documents' common folder), sorted by path.
 */
export function buildOutputs(documents: readonly LangiumDocument[], fileOf: (document: LangiumDocument) => string, options: BuildOptions = {}): BuildOutput[] {
    return compileDocuments(documents, fileOf, options).map(({ path: stem, json }) => {
        const outputPath = `${stem}.json`;
        const content = `${JSON.stringify(json, null, 2)}\n`;
        const bytes = Buffer.from(content, 'utf8');
        const header = json.document;
        const entry: ManifestEntry = {
            path: outputPath,
            source: header.source.file,
            kind: json.format === 'chidu-effective-benchmark' ? 'benchmark' : 'exemption-list',
            listKind: 'kind' in header ? header.kind : null,
            name: header.name,
            issuer: header.issuer,
            level: header.level,
            docNumber: header.docNumber,
            effectiveFrom: header.effectiveFrom,
            effectiveTo: header.effectiveTo,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            bytes: bytes.length
        };
        return { path: outputPath, content, entry };
    });
}

/** The manifest of a build's outputs (what `index.json` holds and `chidu build --format json` reports). */
export function buildManifest(outputs: readonly BuildOutput[]): BuildManifest {
    return { format: 'chidu-build-manifest', formatVersion: 1, outputs: outputs.map(o => o.entry) };
}
