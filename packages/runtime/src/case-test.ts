import type { Chain } from './chain.js';
import type { Decision } from './evaluate.js';
import type { Case } from './facts.js';

/** One compared field of a case test. */
export interface Mismatch { readonly field: string; readonly expected: string | null; readonly actual: string | null }

export interface CaseResult {
    readonly file: string;
    readonly name: string;
    readonly passed: boolean;
    readonly mismatches: readonly Mismatch[];
    /** A case that could not be read or evaluated (its Chinese problems); it fails. */
    readonly error: string | undefined;
    readonly decision: Decision | undefined;
    readonly seconds: number;
}

/** Compares a decision with what its case expects: each field the case states. */
export function compareExpected(kase: Case, decision: Decision): Mismatch[] {
    const expected = kase.expected;
    if (!expected) return [];
    const mismatches: Mismatch[] = [];
    const check = (field: keyof NonNullable<Case['expected']>, actual: string | null) => {
        const want = expected[field];
        if (want === undefined) return;
        const normalized = want === '无' ? null : want;
        if (normalized !== actual) mismatches.push({ field, expected: normalized ?? null, actual });
    };
    check('item', decision.item?.code ?? null);
    check('tier', decision.tier);
    check('range', decision.range);
    check('exemption', decision.exemption?.consequence ?? null);
    check('entry', decision.exemption?.entry ?? null);
    check('benchmark', decision.benchmark?.name ?? null);
    return mismatches;
}

/** What no case reached: tiers never applied and list entries never satisfied, per document. */
export interface Coverage {
    readonly tiers: { readonly reached: number; readonly total: number };
    readonly entries: { readonly reached: number; readonly total: number };
    /** Items some case touched, with the tiers no case applied. */
    readonly partialItems: readonly { readonly document: string; readonly code: string; readonly missing: readonly string[] }[];
    readonly untouchedItems: number;
    readonly unreachedEntries: readonly { readonly list: string; readonly number: string }[];
}

export function coverage(chain: Chain, decisions: readonly Decision[]): Coverage {
    const applied = new Set<string>();
    const touched = new Set<string>();
    const satisfied = new Set<string>();
    for (const d of decisions) {
        if (d.item) {
            // An adopted item (直接适用) is the upper item itself: its tiers are covered there.
            const item = chain.benchmarkByName.get(d.item.document)?.items.find(i => i.code === d.item!.code);
            const home = item?.origin === 'adopted' && item.adoptedFrom ? item.adoptedFrom : { document: d.item.document, code: d.item.code };
            touched.add(`${home.document}\u0000${home.code}`);
            if (d.tier !== null) applied.add(`${home.document}\u0000${home.code}\u0000${d.tier}`);
        }
        for (const e of d.entries) if (e.status === 'met') satisfied.add(`${e.list}\u0000${e.number}`);
    }
    let tiersTotal = 0;
    let untouchedItems = 0;
    const partialItems: { document: string; code: string; missing: string[] }[] = [];
    for (const benchmark of chain.benchmarks) {
        for (const item of benchmark.items.filter(i => i.origin !== 'adopted')) {
            tiersTotal += item.tiers.length;
            const key = `${benchmark.document.name}\u0000${item.code}`;
            if (!touched.has(key)) {
                untouchedItems++;
                continue;
            }
            const missing = item.tiers.filter(t => !applied.has(`${key}\u0000${t.name}`)).map(t => t.name);
            if (missing.length > 0) partialItems.push({ document: benchmark.document.name, code: item.code, missing });
        }
    }
    const entries = chain.lists.flatMap(l => l.entries.filter(e => e.origin !== 'adopted').map(e => ({ list: l.document.name, number: e.number })));
    return {
        tiers: { reached: applied.size, total: tiersTotal },
        entries: { reached: entries.filter(e => satisfied.has(`${e.list}\u0000${e.number}`)).length, total: entries.length },
        partialItems, untouchedItems,
        unreachedEntries: entries.filter(e => !satisfied.has(`${e.list}\u0000${e.number}`))
    };
}

function escapeXml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;' })[c]!)
        // characters XML 1.0 cannot carry at all
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** JUnit XML (the format CI systems read): one testsuite per case file, one testcase per case. */
export function junitXml(results: readonly CaseResult[]): string {
    const byFile = new Map<string, CaseResult[]>();
    for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
    const failures = results.filter(r => !r.passed && !r.error).length;
    const errors = results.filter(r => r.error).length;
    const time = (s: number) => s.toFixed(4);
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="chidu test" tests="${results.length}" failures="${failures}" errors="${errors}" time="${time(results.reduce((a, r) => a + r.seconds, 0))}">`];
    for (const [file, cases] of byFile) {
        lines.push(`  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${cases.filter(c => !c.passed && !c.error).length}" ` +
            `errors="${cases.filter(c => c.error).length}" time="${time(cases.reduce((a, r) => a + r.seconds, 0))}">`);
        for (const c of cases) {
            const open = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(c.name)}" time="${time(c.seconds)}"`;
            if (c.error) {
                lines.push(`${open}>`, `      <error message="${escapeXml(c.error)}"/>`, '    </testcase>');
            } else if (!c.passed) {
                const message = c.mismatches.map(m => `${m.field}：预期 ${m.expected ?? '无'}，实际 ${m.actual ?? '无'}`).join('；');
                lines.push(`${open}>`, `      <failure message="${escapeXml(message)}">${escapeXml(c.decision?.explanation ?? '')}</failure>`, '    </testcase>');
            } else {
                lines.push(`${open}/>`);
            }
        }
        lines.push('  </testsuite>');
    }
    lines.push('</testsuites>', '');
    return lines.join('\n');
}
