import { addPeriod, isValidDate, nearestFirst, periodUnit } from '@chidu/language/domain';
import type { CompiledDocument, DocumentHeaderJson, EffectiveBenchmarkJson, ExemptionListJson } from './format.js';

/** A compiled document that is not a benchmark or list of the format the runtime reads. */
export class ChainError extends Error { }

/** The compiled benchmarks and lists of one chain (or several), indexed for evaluation. */
export interface Chain {
    readonly benchmarks: readonly EffectiveBenchmarkJson[];
    readonly lists: readonly ExemptionListJson[];
    /** Benchmarks by name (a name is unique in a validated workspace). */
    readonly benchmarkByName: ReadonlyMap<string, EffectiveBenchmarkJson>;
    readonly listByName: ReadonlyMap<string, ExemptionListJson>;
}

/**
 * Reads the JSON objects `chidu build` writes (one per benchmark and per list). Catalogues and other JSON are
 * refused: evaluation must not silently ignore a document the caller meant to give.
 */
export function loadChain(documents: readonly unknown[]): Chain {
    const benchmarks: EffectiveBenchmarkJson[] = [];
    const lists: ExemptionListJson[] = [];
    documents.forEach((document, index) => {
        const d = document as Partial<CompiledDocument> | null;
        // The build's manifest (index.json) sits beside the documents: a reader may hand over the whole tree.
        if (typeof d === 'object' && d !== null && (d as { format?: unknown }).format === 'chidu-build-manifest') return;
        if (typeof d !== 'object' || d === null || (d.format !== 'chidu-effective-benchmark' && d.format !== 'chidu-exemption-list')) {
            throw new ChainError(`第 ${index + 1} 个文档不是尺度编译输出（format 应为 chidu-effective-benchmark 或 chidu-exemption-list）`);
        }
        if (d.formatVersion !== 1) {
            throw new ChainError(`「${d.document?.name ?? index + 1}」的 formatVersion 为 ${String(d.formatVersion)}，本运行时只读第 1 版`);
        }
        if (d.format === 'chidu-effective-benchmark') benchmarks.push(d as EffectiveBenchmarkJson);
        else lists.push(d as ExemptionListJson);
    });
    return {
        benchmarks, lists,
        benchmarkByName: new Map(benchmarks.map(b => [b.document.name, b])),
        listByName: new Map(lists.map(l => [l.document.name, l]))
    };
}

/** The first day a document is no longer in force: 废止日期, or 施行日期 plus 有效期; undefined when open-ended. */
export function endOf(header: DocumentHeaderJson): string | undefined {
    if (header.effectiveTo) return header.effectiveTo;
    if (header.effectiveFrom && header.validFor) {
        const unit = periodUnit({ year: '年', month: '个月', day: '日' }[header.validFor.unit] ?? header.validFor.unit);
        const amount = Number(header.validFor.value);
        return unit && /^\d+$/.test(header.validFor.value) ? addPeriod(header.effectiveFrom, amount, unit) : undefined;
    }
    return undefined;
}

/** Whether a document is in force on an ISO date, and if not, why (in Chinese). */
export function inForce(header: DocumentHeaderJson, date: string): { inForce: true } | { inForce: false; why: string } {
    if (header.effectiveFrom && date < header.effectiveFrom) {
        return { inForce: false, why: `${header.effectiveFrom} 起施行` };
    }
    const end = endOf(header);
    if (end && date >= end) {
        return { inForce: false, why: header.effectiveTo ? `${end} 起废止` : `有效期至 ${end} 前` };
    }
    return { inForce: true };
}

/** The benchmarks above one, nearest first along 上级 (each once). */
export function upperBenchmarks(chain: Chain, start: EffectiveBenchmarkJson): EffectiveBenchmarkJson[] {
    return nearestFirst(start, b => b.document.parents
        .map(p => chain.benchmarkByName.get(p.name))
        .filter((p): p is EffectiveBenchmarkJson => p !== undefined));
}

/** Every authority that issued a benchmark or list, for messages. */
export function authorities(chain: Chain): string[] {
    return [...new Set([...chain.benchmarks, ...chain.lists].map(d => d.document.issuer).filter((i): i is string => i !== null))].sort();
}

export function isIsoDate(text: unknown): text is string {
    return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && isValidDate(text);
}

/** The lists that belong to a chain of benchmarks: attached to one of them (基准 …) or issued by one of their authorities. */
export function listsOfChain(chain: Chain, benchmarks: readonly EffectiveBenchmarkJson[]): ExemptionListJson[] {
    const names = benchmarks.map(b => b.document.name);
    const issuers = benchmarks.map(b => b.document.issuer);
    const rank = (list: ExemptionListJson) => {
        const byBenchmark = list.document.benchmarks.map(n => names.indexOf(n)).filter(i => i >= 0);
        const byIssuer = issuers.indexOf(list.document.issuer);
        return Math.min(...byBenchmark, byIssuer >= 0 ? byIssuer : Infinity);
    };
    return chain.lists.filter(l => rank(l) !== Infinity).sort((a, b) => rank(a) - rank(b));
}
