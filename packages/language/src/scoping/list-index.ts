import type * as ast from '../generated/ast.js';
import { normalizeCode, normalizeTierName } from '../parser/chidu-value-converter.js';
import { nearestFirst } from '../domain/index.js';
import { upperDocuments } from '../model/document-model.js';
import { resolveUpperItem, visibleUpperItems } from './item-index.js';

/** The upper lists of a list, nearest first (breadth-first, cycle-safe). */
export function upperLists(list: ast.ExemptionList): ast.ExemptionList[] {
    return nearestFirst(list, upperDocuments);
}

/** An upper entry by its number: the nearest upper list holding that number wins. */
export function resolveUpperEntry(list: ast.ExemptionList, number: string): ast.Entry | undefined {
    const key = normalizeTierName(number);
    for (const upper of upperLists(list)) {
        const found = upper.entries.find(e => normalizeTierName(e.number ?? '') === key);
        if (found) {
            return found;
        }
    }
    return undefined;
}

export function visibleUpperEntries(list: ast.ExemptionList): Map<string, ast.Entry> {
    const result = new Map<string, ast.Entry>();
    for (const upper of upperLists(list)) {
        for (const entry of upper.entries) {
            const key = normalizeTierName(entry.number ?? '');
            if (!result.has(key)) {
                result.set(key, entry);
            }
        }
    }
    return result;
}

/** The benchmarks a list speaks about: its own 基准, else those of its nearest upper list that names any. */
export function benchmarksOf(list: ast.ExemptionList): ast.Benchmark[] {
    for (const candidate of [list, ...upperLists(list)]) {
        const benchmarks = candidate.benchmarks.map(b => b.ref).filter((b): b is ast.Benchmark => b !== undefined);
        if (benchmarks.length > 0) {
            return benchmarks;
        }
    }
    return [];
}

/** A benchmark item by code, as the list's benchmarks see it (their own items first, then their upper chain). */
export function resolveListItem(list: ast.ExemptionList, code: string): ast.Item | undefined {
    const key = normalizeCode(code);
    for (const benchmark of benchmarksOf(list)) {
        const own = benchmark.items.find(i => normalizeCode(i.code ?? '') === key);
        const found = own ?? resolveUpperItem(benchmark, code);
        if (found) {
            return found;
        }
    }
    return undefined;
}

export function visibleListItems(list: ast.ExemptionList): Map<string, ast.Item> {
    const result = new Map<string, ast.Item>();
    for (const benchmark of benchmarksOf(list)) {
        for (const item of benchmark.items) {
            result.set(normalizeCode(item.code ?? ''), item);
        }
        for (const [code, item] of visibleUpperItems(benchmark)) {
            if (!result.has(code)) {
                result.set(code, item);
            }
        }
    }
    return result;
}
