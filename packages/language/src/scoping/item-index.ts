import type * as ast from '../generated/ast.js';
import { nearestFirst } from '../domain/index.js';
import { upperDocuments } from '../model/document-model.js';
import { normalizeCode } from '../parser/chidu-value-converter.js';

/**
 * Which item each code names inside one document: its own items by code, its refinements also under the
 * code they refine (so a county refining DQ-99-1 meets the city's refinement of DQ-99-1, not the province's),
 * and its adoptions (直接适用) under the adopted code.
 */
interface DocumentCodes {
    readonly own: Map<string, ast.Item>;
    readonly aliases: Map<string, ast.Item>;
    readonly adopted: Map<string, ast.Adoption>;
}

const codesCache = new WeakMap<ast.Benchmark, DocumentCodes>();

function codesOf(benchmark: ast.Benchmark): DocumentCodes {
    let codes = codesCache.get(benchmark);
    if (!codes) {
        const own = new Map<string, ast.Item>();
        const aliases = new Map<string, ast.Item>();
        const adopted = new Map<string, ast.Adoption>();
        for (const item of benchmark.items) {
            if (typeof item.code !== 'string') {
                continue; // half-typed (事项 「…」 { without its code): names nothing
            }
            const code = normalizeCode(item.code);
            if (!own.has(code)) {
                own.set(code, item);
            }
            const refined = item.refines?.$refText;
            if (refined && !aliases.has(normalizeCode(refined))) {
                aliases.set(normalizeCode(refined), item);
            }
        }
        for (const adoption of benchmark.adoptions) {
            for (const ref of adoption.items) {
                if (typeof ref.$refText === 'string' && !adopted.has(normalizeCode(ref.$refText))) {
                    adopted.set(normalizeCode(ref.$refText), adoption);
                }
            }
        }
        codes = { own, aliases, adopted };
        codesCache.set(benchmark, codes);
    }
    return codes;
}

/** The parents of a benchmark that resolve, in declaration order. */
export function parentsOf(benchmark: ast.Benchmark): ast.Benchmark[] {
    return upperDocuments(benchmark);
}

/**
 * Resolves a code the way a lower document sees the upper levels: the nearest upper document that holds the
 * code (own item, refinement or adoption) wins; adoptions resolve further up. Breadth-first, cycle-safe.
 */
export function resolveUpperItem(benchmark: ast.Benchmark, code: string): ast.Item | undefined {
    const key = normalizeCode(code);
    const visited = new Set<ast.Benchmark>([benchmark]);
    let frontier = parentsOf(benchmark);
    while (frontier.length > 0) {
        const next: ast.Benchmark[] = [];
        for (const doc of frontier) {
            if (visited.has(doc)) {
                continue;
            }
            visited.add(doc);
            const codes = codesOf(doc);
            const found = codes.own.get(key) ?? codes.aliases.get(key);
            if (found) {
                return found;
            }
            if (codes.adopted.has(key)) {
                // An adoption stands for the upper item itself: keep looking further up.
                next.unshift(...parentsOf(doc));
                continue;
            }
            next.push(...parentsOf(doc));
        }
        frontier = next;
    }
    return undefined;
}

/** Every code visible from a document's upper levels, nearest first (for completion). */
export function visibleUpperItems(benchmark: ast.Benchmark): Map<string, ast.Item> {
    const result = new Map<string, ast.Item>();
    for (const doc of ancestorsOf(benchmark)) {
        const codes = codesOf(doc);
        for (const [code, item] of [...codes.own, ...codes.aliases]) {
            if (!result.has(code)) {
                result.set(code, item);
            }
        }
    }
    return result;
}

/** Ancestor documents (all levels above), nearest first. */
export function ancestorsOf(benchmark: ast.Benchmark): ast.Benchmark[] {
    return nearestFirst(benchmark, parentsOf);
}

/** Codes an upper document declares itself (own items only), for the duplicate-code check. */
export function ownCodes(benchmark: ast.Benchmark): ReadonlyMap<string, ast.Item> {
    return codesOf(benchmark).own;
}
