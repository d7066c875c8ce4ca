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
}

export interface CompiledDocument {
    /** The source file relative to the inputs' common root, without `.chidu` (POSIX separators). */
    readonly path: string;
    readonly json: EffectiveBenchmarkJson | ExemptionListJson;
}

/**
 * Every benchmark and list compiled, named after its source file relative to the inputs' common root, sorted
 * by path: what the build writes and what `chidu publish` renders.
 */
export function compileDocuments(documents: readonly LangiumDocument[], fileOf: (document: LangiumDocument) => string): CompiledDocument[] {
    const root = commonRoot(documents.map(d => d.uri.fsPath));
    return documents
        .flatMap(document => {
            const json = compileDocument(document, fileOf);
            return json ? [{ path: path.relative(root, document.uri.fsPath).split(path.sep).join('/').replace(/\.chidu$/, ''), json }] : [];
        })
        .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What `chidu build` writes, deterministically: one JSON per benchmark and per list, named after its source
 * file relative to the inputs' common root, sorted by path.
 */
export function buildOutputs(documents: readonly LangiumDocument[], fileOf: (document: LangiumDocument) => string): BuildOutput[] {
    return compileDocuments(documents, fileOf).map(compiled => ({ path: `${compiled.path}.json`, content: `${JSON.stringify(compiled.json, null, 2)}\n` }))
        .sort((a, b) => a.path.localeCompare(b.path));
}
