import type { AstNode, LangiumDocument } from 'langium';
import {
    type Component, type ContainmentIssue, checkContainment, compareWindows, contains, describeComponent, describeWindow, dispositionOf, formatInterval, intervalFromData
} from '../domain/index.js';
import * as ast from '../generated/ast.js';
import { effectiveStatutory, tierStandard } from '../model/document-model.js';
import { consequenceOf, describeCondition, impliesAll, lookbackOf, typedConditionText } from '../model/list-model.js';
import type { Loosening } from '../model/list-model.js';
import { compileDocument } from './build-output.js';
import { type EffectiveBenchmarkJson, type IndicatorJson, type ItemJson, type TierJson, selectorText } from './effective-benchmark.js';
import type { EntryJson, ExemptionListJson } from './exemption-list.js';
import { conditionText, penaltyText } from './publish-table.js';

/**
 * What changed between two versions of one document, as the rows of a 新旧对照表: where (item, tier, entry),
 * the old and the new text, and what the change means. Verdicts come from the domain's comparisons
 * (containment of components, look-back windows, implication of conditions); texts from the compiled
 * documents the build writes.
 */
export type ChangeKind =
    | 'header'
    | 'item-added' | 'item-removed' | 'item-renamed' | 'item-recoded' | 'item-citations' | 'item-notes' | 'item-weighted'
    | 'statutory-widened' | 'statutory-narrowed' | 'statutory-changed'
    | 'tier-added' | 'tier-removed' | 'tier-renamed' | 'tier-split' | 'tier-merged'
    | 'tier-widened' | 'tier-narrowed' | 'tier-changed' | 'tier-conditions'
    | 'entry-added' | 'entry-removed' | 'entry-renamed' | 'entry-stricter' | 'entry-looser' | 'entry-changed';

export interface DocumentChange {
    readonly kind: ChangeKind;
    readonly item?: string;
    readonly tiers?: { readonly before: readonly string[]; readonly after: readonly string[] };
    readonly entry?: string;
    /** 原条文 (empty when added). */
    readonly before: string;
    /** 修改后 (empty when removed). */
    readonly after: string;
    /** 说明, in Chinese. */
    readonly note: string;
}

export interface DocumentDiff {
    readonly kind: 'benchmark' | 'list';
    readonly before: { readonly name: string; readonly source: string };
    readonly after: { readonly name: string; readonly source: string };
    readonly changes: readonly DocumentChange[];
}

type Side = { document: LangiumDocument; fileOf: (document: LangiumDocument) => string };

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');

/** Compares two versions of one benchmark or list. Undefined when they are not of one kind (or not documents that compile). */
export function diffDocuments(before: Side, after: Side): DocumentDiff | undefined {
    const oldJson = compileDocument(before.document, before.fileOf);
    const newJson = compileDocument(after.document, after.fileOf);
    const oldRoot = before.document.parseResult.value;
    const newRoot = after.document.parseResult.value;
    if (!oldJson || !newJson || oldJson.format !== newJson.format) {
        return undefined;
    }
    const changes: DocumentChange[] = [...headerChanges(oldJson, newJson)];
    if (ast.isBenchmark(oldRoot) && ast.isBenchmark(newRoot)) {
        changes.push(...benchmarkChanges(oldRoot, newRoot, oldJson as EffectiveBenchmarkJson, newJson as EffectiveBenchmarkJson));
    } else if (ast.isExemptionList(oldRoot) && ast.isExemptionList(newRoot)) {
        changes.push(...listChanges(oldRoot, newRoot, oldJson as ExemptionListJson, newJson as ExemptionListJson));
    }
    return {
        kind: oldJson.format === 'chidu-effective-benchmark' ? 'benchmark' : 'list',
        before: { name: oldJson.document.name, source: oldJson.document.source.file },
        after: { name: newJson.document.name, source: newJson.document.source.file },
        changes
    };
}

// ---------------------------------------------------------------------------------------------------------
// Header

const BOUNDARY = (b: EffectiveBenchmarkJson['document']['boundarySemantics']) =>
    `以上${b.atLeast === 'closed' ? '含' : '不含'}本数，以下${b.atMost === 'closed' ? '含' : '不含'}本数`;
const HIT = (h: string | null) => h === 'heavier' ? '取重' : h === 'lighter' ? '取轻' : h === 'unique' ? '唯一' : '';

function headerFields(json: EffectiveBenchmarkJson | ExemptionListJson): [string, string][] {
    const d = json.document;
    const fields: [string, string][] = [
        ['名称', d.name], ['制定机关', d.issuer ?? ''], ['层级', d.levelLabel ?? ''], ['文号', d.docNumber ?? ''],
        ['施行日期', d.effectiveFrom ?? ''], ['废止日期', d.effectiveTo ?? ''],
        ['有效期', d.validFor ? `${d.validFor.value}${({ year: '年', month: '个月', day: '日' } as Record<string, string>)[d.validFor.unit] ?? d.validFor.unit}` : ''],
        ['领域', d.domain ?? ''], ['上级', d.parents.map(p => `「${p.name}」`).join('、')]
    ];
    if (json.format === 'chidu-effective-benchmark') {
        fields.push(['边界', BOUNDARY(json.document.boundarySemantics)], ['竞合', HIT(json.document.hitPolicy)]);
    } else {
        fields.push(['类别', json.document.kind ?? ''], ['基准', json.document.benchmarks.map(b => `「${b}」`).join('、')],
            ['排除领域', json.document.excludedDomains.join('、')], ['排除区域', json.document.excludedAreas.join('、')]);
    }
    return fields;
}

function headerChanges(oldJson: EffectiveBenchmarkJson | ExemptionListJson, newJson: EffectiveBenchmarkJson | ExemptionListJson): DocumentChange[] {
    const after = new Map(headerFields(newJson));
    return headerFields(oldJson).flatMap(([label, value]) => {
        const now = after.get(label) ?? '';
        if (value === now) return [];
        const note = !value ? `新增${label}` : !now ? `删除${label}` : `${label}修改`;
        const extra = label === '边界' ? '；以上、以下的含义改变，端点处的阶次归属随之改变' : label === '排除区域' || label === '排除领域' ? listScopeNote(value, now) : '';
        return [{ kind: 'header' as const, before: value ? `${label}：${value}` : '', after: now ? `${label}：${now}` : '', note: note + extra }];
    });
}

function listScopeNote(before: string, after: string): string {
    const a = new Set(before.split('、').filter(Boolean));
    const b = new Set(after.split('、').filter(Boolean));
    const added = [...b].filter(x => !a.has(x));
    const removed = [...a].filter(x => !b.has(x));
    return [added.length > 0 ? `；排除增加「${added.join('、')}」，清单适用范围缩小（收紧）` : '',
        removed.length > 0 ? `；排除减少「${removed.join('、')}」，清单适用范围扩大（放宽）` : ''].join('');
}

// ---------------------------------------------------------------------------------------------------------
// Ranges: one verdict from the containment of components, both ways

type RangeVerdict = { kind: 'same' } | { kind: 'narrowed' | 'widened' | 'changed'; details: string[] };

function issueText(issue: ContainmentIssue<AstNode, AstNode>, direction: 'new' | 'old'): string {
    const what = describeComponent(issue.component);
    switch (issue.kind) {
        case 'new-kind': return direction === 'new' ? `新增处罚种类：${what}` : `删除处罚种类：${what}`;
        case 'incomparable': return `${what}的计量方式改变`;
        case 'outside': {
            const parts = issue.excess.map(e => formatInterval(e, issue.component.dimension ?? 'yuan')).join('、');
            return direction === 'new' ? `${what}新增 ${parts}（超出原幅度）` : `${what}不再包括原幅度中的 ${parts}`;
        }
    }
}

/** How the new components relate to the old ones: the same range, narrowed (new ⊆ old), widened (old ⊆ new) or changed. */
export function compareRanges(oldComponents: readonly Component<AstNode>[], newComponents: readonly Component<AstNode>[]): RangeVerdict {
    const newOutside = checkContainment(newComponents, oldComponents);
    const oldOutside = checkContainment(oldComponents, newComponents);
    if (newOutside.length === 0 && oldOutside.length === 0) return { kind: 'same' };
    const details = [...newOutside.map(i => issueText(i, 'new')), ...oldOutside.map(i => issueText(i, 'old'))];
    if (newOutside.length === 0) return { kind: 'narrowed', details };
    if (oldOutside.length === 0) return { kind: 'widened', details };
    return { kind: 'changed', details };
}

const hasAmounts = (components: readonly Component<AstNode>[]) => components.some(c => c.interval !== undefined);

// ---------------------------------------------------------------------------------------------------------
// Benchmarks

function itemText(item: ItemJson | undefined): string {
    return item ? `事项 ${item.code}「${item.violation ?? ''}」` : '';
}

function tierText(item: ItemJson | undefined, tier: TierJson | undefined): string {
    if (!item || !tier) return '';
    const situation = [...tier.conditions, ...tier.selectors.map(selectorText)].join('；');
    return `事项 ${item.code} 阶次「${tier.name}」${situation ? `（${situation}）` : ''}：${penaltyText(tier.standard)}`;
}

function benchmarkChanges(oldDoc: ast.Benchmark, newDoc: ast.Benchmark, oldJson: EffectiveBenchmarkJson, newJson: EffectiveBenchmarkJson): DocumentChange[] {
    const changes: DocumentChange[] = [];
    const oldItems = new Map(oldDoc.items.map(i => [i.code, i]));
    const newItems = new Map(newDoc.items.map(i => [i.code, i]));
    const oldItemJson = new Map(oldJson.items.map(i => [i.code, i]));
    const newItemJson = new Map(newJson.items.map(i => [i.code, i]));
    const removed = [...oldItems.keys()].filter(code => !newItems.has(code));
    const added = new Set([...newItems.keys()].filter(code => !oldItems.has(code)));
    const pairs: [ast.Item, ast.Item][] = [...oldItems.entries()].filter(([code]) => newItems.has(code)).map(([code, item]) => [item, newItems.get(code)!]);
    // A code changed, the violation kept: the same item renumbered.
    for (const code of removed) {
        const old = oldItems.get(code)!;
        const match = [...added].find(c => squash(newItems.get(c)!.violation) === squash(old.violation) && squash(old.violation) !== '');
        if (match) {
            added.delete(match);
            changes.push({ kind: 'item-recoded', item: match, before: itemText(oldItemJson.get(code)), after: itemText(newItemJson.get(match)), note: `事项编码由 ${code} 改为 ${match}` });
            pairs.push([old, newItems.get(match)!]);
        } else {
            changes.push({ kind: 'item-removed', item: code, before: itemText(oldItemJson.get(code)), after: '', note: '删除事项' });
        }
    }
    for (const code of added) {
        const json = newItemJson.get(code);
        changes.push({ kind: 'item-added', item: code, before: '', after: itemText(json), note: `新增事项${json && json.tiers.length > 0 ? `，${json.tiers.length} 个阶次` : ''}` });
    }
    for (const [old, now] of pairs) {
        changes.push(...itemChanges(old, now, oldItemJson.get(old.code)!, newItemJson.get(now.code)!));
    }
    // Items applied directly (直接适用): added or removed.
    const adopted = (doc: ast.Benchmark) => new Set(doc.adoptions.flatMap(a => a.items.map(r => r.ref?.code ?? r.$refText)));
    const oldAdopted = adopted(oldDoc);
    const newAdopted = adopted(newDoc);
    for (const code of oldAdopted) {
        if (!newAdopted.has(code) && !newItems.has(code)) changes.push({ kind: 'item-removed', item: code, before: `直接适用 ${code}`, after: '', note: '不再直接适用上级事项' });
    }
    for (const code of newAdopted) {
        if (!oldAdopted.has(code) && !oldItems.has(code)) changes.push({ kind: 'item-added', item: code, before: '', after: `直接适用 ${code}`, note: '新增直接适用的上级事项' });
    }
    return changes;
}

function citationsOf(item: ItemJson, property: 'violatedProvisions' | 'penaltyBasis'): string {
    return item[property].map(c => c.text).join('、');
}

function itemChanges(old: ast.Item, now: ast.Item, oldJson: ItemJson, newJson: ItemJson): DocumentChange[] {
    const changes: DocumentChange[] = [];
    const code = now.code;
    if (squash(oldJson.violation) !== squash(newJson.violation)) {
        changes.push({ kind: 'item-renamed', item: code, before: itemText(oldJson), after: itemText(newJson), note: '违法行为表述修改' });
    }
    for (const [property, label] of [['violatedProvisions', '违反条款'], ['penaltyBasis', '处罚依据']] as const) {
        const a = citationsOf(oldJson, property);
        const b = citationsOf(newJson, property);
        if (a !== b) changes.push({ kind: 'item-citations', item: code, before: `事项 ${code} ${label}：${a}`, after: `事项 ${code} ${label}：${b}`, note: `${label}修改` });
    }
    const oldStatutory = effectiveStatutory(old)?.model.components ?? [];
    const newStatutory = effectiveStatutory(now)?.model.components ?? [];
    const statutory = compareRanges(oldStatutory, newStatutory);
    const oldStatutoryText = penaltyText(oldJson.statutoryPenalty);
    const newStatutoryText = penaltyText(newJson.statutoryPenalty);
    if (statutory.kind !== 'same' || oldStatutoryText !== newStatutoryText) {
        const kind = statutory.kind === 'same' ? 'statutory-changed' : `statutory-${statutory.kind}` as const;
        const word = statutory.kind === 'narrowed' ? '法定处罚幅度缩小' : statutory.kind === 'widened' ? '法定处罚幅度扩大' : statutory.kind === 'changed' ? '法定处罚改变' : '法定处罚表述修改，幅度不变';
        changes.push({
            kind, item: code, before: `事项 ${code} 法定处罚：${oldStatutoryText}`, after: `事项 ${code} 法定处罚：${newStatutoryText}`,
            note: [word, ...(statutory.kind === 'same' ? [] : statutory.details)].join('；')
        });
    }
    if (JSON.stringify(oldJson.weightedTable) !== JSON.stringify(newJson.weightedTable)) {
        changes.push({
            kind: 'item-weighted', item: code,
            before: oldJson.weightedTable ? `事项 ${code} 权重表：${oldJson.weightedTable.range.notation}` : '',
            after: newJson.weightedTable ? `事项 ${code} 权重表：${newJson.weightedTable.range.notation}` : '',
            note: !oldJson.weightedTable ? '新增权重表' : !newJson.weightedTable ? '删除权重表' : '权重表修改（起点、要素或权重）'
        });
    }
    changes.push(...tierChanges(old, now, oldJson, newJson));
    const oldNotes = oldJson.notes.join('；');
    const newNotes = newJson.notes.join('；');
    if (oldNotes !== newNotes) {
        changes.push({ kind: 'item-notes', item: code, before: oldNotes ? `事项 ${code} 备注：${oldNotes}` : '', after: newNotes ? `事项 ${code} 备注：${newNotes}` : '', note: '备注修改' });
    }
    return changes;
}

interface TierSide { readonly node: ast.Tier; readonly json: TierJson; readonly components: readonly Component<AstNode>[] }

function tierChanges(old: ast.Item, now: ast.Item, oldItem: ItemJson, newItem: ItemJson): DocumentChange[] {
    const side = (item: ast.Item, json: ItemJson): TierSide[] => item.tiers.map((node, i) => ({ node, json: json.tiers[i]!, components: tierStandard(node).components }));
    const oldTiers = side(old, oldItem);
    const newTiers = side(now, newItem);
    const changes: DocumentChange[] = [];
    const code = now.code;
    const usedOld = new Set<TierSide>();
    const usedNew = new Set<TierSide>();
    const inside = (inner: TierSide, outer: TierSide) => hasAmounts(inner.components) && hasAmounts(outer.components)
        && checkContainment(inner.components, outer.components).length === 0;
    const texts = (tiers: readonly TierSide[], item: ItemJson) => tiers.map(t => tierText(item, t.json)).join('\n');
    const names = (tiers: readonly TierSide[]) => tiers.map(t => t.json.name);

    // 1. The same name: the same tier, perhaps with a new range (a narrowed tier whose cut-off part went to
    //    new tiers is a split).
    const paired: [TierSide, TierSide][] = [];
    for (const o of oldTiers) {
        const n = newTiers.find(t => !usedNew.has(t) && squash(t.json.name) === squash(o.json.name));
        if (n) { paired.push([o, n]); usedOld.add(o); usedNew.add(n); }
    }
    // 2. Split: an old tier whose range now holds two or more new tiers.
    for (const o of oldTiers) {
        const partner = paired.find(([p]) => p === o)?.[1];
        const parts = newTiers.filter(n => !usedNew.has(n) && inside(n, o));
        if (partner ? parts.length >= 1 && inside(partner, o) : parts.length >= 2) {
            const all = partner ? [partner, ...parts] : parts;
            all.forEach(n => usedNew.add(n));
            usedOld.add(o);
            if (partner) paired.splice(paired.findIndex(([p]) => p === o), 1);
            changes.push({
                kind: 'tier-split', item: code, tiers: { before: [o.json.name], after: names(all) },
                before: texts([o], oldItem), after: texts(all, newItem),
                note: `阶次拆分：原阶次「${o.json.name}」拆分为${all.map(n => `「${n.json.name}」`).join('、')}，各新阶次均在原阶次幅度之内`
            });
        }
    }
    // 3. Merge: a new tier whose range holds two or more old tiers.
    for (const n of newTiers) {
        if (usedNew.has(n)) continue;
        const parts = oldTiers.filter(o => !usedOld.has(o) && inside(o, n));
        if (parts.length >= 2) {
            parts.forEach(o => usedOld.add(o));
            usedNew.add(n);
            changes.push({
                kind: 'tier-merged', item: code, tiers: { before: names(parts), after: [n.json.name] },
                before: texts(parts, oldItem), after: texts([n], newItem),
                note: `阶次合并：${parts.map(o => `「${o.json.name}」`).join('、')}合并为「${n.json.name}」，原各阶次均在新阶次幅度之内`
            });
        }
    }
    // 4. A renamed tier: the one remaining old and new tier whose ranges meet each other only.
    for (const o of oldTiers.filter(t => !usedOld.has(t))) {
        const candidates = newTiers.filter(n => !usedNew.has(n) && (inside(n, o) || inside(o, n)));
        if (candidates.length === 1) {
            const n = candidates[0]!;
            usedOld.add(o); usedNew.add(n);
            paired.push([o, n]);
        }
    }
    for (const [o, n] of paired) {
        changes.push(...pairedTierChanges(o, n, oldItem, newItem));
    }
    for (const o of oldTiers.filter(t => !usedOld.has(t))) {
        changes.push({ kind: 'tier-removed', item: code, tiers: { before: [o.json.name], after: [] }, before: texts([o], oldItem), after: '', note: `删除阶次「${o.json.name}」` });
    }
    for (const n of newTiers.filter(t => !usedNew.has(t))) {
        changes.push({ kind: 'tier-added', item: code, tiers: { before: [], after: [n.json.name] }, before: '', after: texts([n], newItem), note: `新增阶次「${n.json.name}」` });
    }
    return changes;
}

function pairedTierChanges(o: TierSide, n: TierSide, oldItem: ItemJson, newItem: ItemJson): DocumentChange[] {
    const changes: DocumentChange[] = [];
    const code = newItem.code;
    const tiers = { before: [o.json.name], after: [n.json.name] };
    const before = tierText(oldItem, o.json);
    const after = tierText(newItem, n.json);
    const notes: string[] = [];
    if (squash(o.json.name) !== squash(n.json.name)) notes.push(`阶次名称由「${o.json.name}」改为「${n.json.name}」`);
    if ((o.json.grade ?? '') !== (n.json.grade ?? '')) notes.push(`裁量种类由「${o.json.grade ?? '未标明'}」改为「${n.json.grade ?? '未标明'}」`);
    const range = compareRanges(o.components, n.components);
    const standardChanged = penaltyText(o.json.standard) !== penaltyText(n.json.standard);
    const conditionNotes = selectorNotes(o.json, n.json);
    const conditionsChanged = o.json.conditions.map(squash).join('|') !== n.json.conditions.map(squash).join('|');
    if (conditionsChanged) conditionNotes.unshift('适用情形修改');
    let kind: ChangeKind = 'tier-renamed';
    if (range.kind !== 'same') {
        kind = `tier-${range.kind}`;
        notes.push(range.kind === 'narrowed' ? '处罚标准幅度缩小（新幅度在原幅度之内）' : range.kind === 'widened' ? '处罚标准幅度扩大（原幅度在新幅度之内）' : '处罚标准改变', ...range.details);
    } else if (standardChanged) {
        kind = 'tier-changed';
        notes.push('处罚标准表述修改，幅度不变');
    }
    if (conditionNotes.length > 0) {
        if (kind === 'tier-renamed' && notes.length === 0) kind = 'tier-conditions';
        notes.push(...conditionNotes);
    }
    if (notes.length > 0) changes.push({ kind, item: code, tiers, before, after, note: notes.join('；') });
    return changes;
}

/** Typed tier conditions (指标) compared by meaning: the interval of each indicator, old against new. */
function selectorNotes(o: TierJson, n: TierJson): string[] {
    const notes: string[] = [];
    for (const selector of n.selectors) {
        if (selector.type === 'membership') {
            const before = o.selectors.find(s => s.type === 'membership' && squash(s.fact) === squash(selector.fact));
            if (!before) notes.push(`新增条件${selector.text}`);
            else if (before.text !== selector.text) notes.push(`条件由${before.text}改为${selector.text}`);
            continue;
        }
        const previous = o.selectors.find((s): s is IndicatorJson => s.type === 'indicator' && squash(s.name) === squash(selector.name));
        if (!previous) { notes.push(`新增指标「${selector.name}」${selector.text}`); continue; }
        const a = previous.interval && intervalFromData({ lower: previous.interval.lower ?? undefined, upper: previous.interval.upper ?? undefined });
        const b = selector.interval && intervalFromData({ lower: selector.interval.lower ?? undefined, upper: selector.interval.upper ?? undefined });
        if (!a || !b || previous.interval!.unit !== selector.interval!.unit) {
            if (previous.text !== selector.text) notes.push(`指标「${selector.name}」由${previous.text}改为${selector.text}（无法比较）`);
            continue;
        }
        const narrower = contains(a, b);
        const wider = contains(b, a);
        if (narrower && wider) continue;
        notes.push(`指标「${selector.name}」由${previous.text}改为${selector.text}（${narrower ? '适用范围缩小' : wider ? '适用范围扩大' : '适用范围改变'}）`);
    }
    for (const selector of o.selectors) {
        const key = selector.type === 'indicator' ? selector.name : selector.fact;
        if (!n.selectors.some(s => squash(s.type === 'indicator' ? s.name : s.fact) === squash(key))) notes.push(`删除条件${selectorText(selector)}`);
    }
    return notes;
}

// ---------------------------------------------------------------------------------------------------------
// Lists

function entryText(entry: EntryJson | undefined): string {
    if (!entry) return '';
    const parts = [`条目 ${entry.number}「${entry.name ?? entry.violation ?? ''}」`];
    const conditions = conditionText(entry.conditions).replace(/\n/g, ' ');
    if (conditions) parts.push(`条件：${conditions}`);
    if (entry.consequence) parts.push(`后果：${entry.consequence.word}`);
    if (entry.lookback) parts.push(`回溯期：${entry.lookback.value}${({ year: '年', month: '个月', day: '日' } as Record<string, string>)[entry.lookback.unit] ?? entry.lookback.unit}`);
    if (entry.measures.length > 0) parts.push(`措施：${entry.measures.join('、')}`);
    if (entry.grounds.length > 0) parts.push(`依据：${entry.grounds.map(g => g.text).join('、')}`);
    return parts.join('；');
}

function effectiveConditions(entry: ast.Entry): ast.Condition[] {
    for (let current: ast.Entry | undefined = entry, depth = 0; current && depth < 16; current = current.refines?.ref, depth++) {
        if (current.conditions.length > 0) return current.conditions;
    }
    return [];
}

/** The first condition of `required` that `given` does not imply, or undefined when it implies all. */
function firstNotImplied(given: readonly ast.Condition[], required: readonly ast.Condition[]): Loosening | undefined {
    for (const condition of required) {
        const reason = impliesAll(given, condition);
        if (reason) return reason;
    }
    return undefined;
}

function looseningText(reason: Loosening, direction: 'added' | 'dropped'): string {
    if (reason.kind === 'dropped') {
        return direction === 'added' ? `新增条件${describeCondition(reason.upper)}` : `删除条件${describeCondition(reason.upper)}`;
    }
    return direction === 'added'
        ? `指标「${reason.upper.name}」由${typedConditionText(reason.lower)}改为${typedConditionText(reason.upper)}（范围缩小）`
        : `指标「${reason.upper.name}」由${typedConditionText(reason.upper)}改为${typedConditionText(reason.lower)}（范围扩大）`;
}

function listChanges(oldDoc: ast.ExemptionList, newDoc: ast.ExemptionList, oldJson: ExemptionListJson, newJson: ExemptionListJson): DocumentChange[] {
    const changes: DocumentChange[] = [];
    const key = (e: ast.Entry) => e.number;
    const oldEntries = new Map(oldDoc.entries.map(e => [key(e), e]));
    const newEntries = new Map(newDoc.entries.map(e => [key(e), e]));
    const oldText = new Map(oldJson.entries.map(e => [e.number, e]));
    const newText = new Map(newJson.entries.map(e => [e.number, e]));
    const added = new Set([...newEntries.keys()].filter(k => !oldEntries.has(k)));
    const pairs: [ast.Entry, ast.Entry][] = [];
    for (const [number, old] of oldEntries) {
        const now = newEntries.get(number);
        if (now) { pairs.push([old, now]); continue; }
        const renumbered = [...added].find(k => squash(newEntries.get(k)!.name) === squash(old.name) && squash(old.name) !== '');
        if (renumbered) {
            added.delete(renumbered);
            changes.push({ kind: 'entry-renamed', entry: renumbered, before: entryText(oldText.get(number)), after: entryText(newText.get(renumbered)), note: `条目编号由 ${number} 改为 ${renumbered}` });
            pairs.push([old, newEntries.get(renumbered)!]);
        } else {
            changes.push({ kind: 'entry-removed', entry: number, before: entryText(oldText.get(number)), after: '', note: '删除条目（该情形不再列入清单）' });
        }
    }
    for (const number of added) {
        changes.push({ kind: 'entry-added', entry: number, before: '', after: entryText(newText.get(number)), note: '新增条目' });
    }
    for (const [old, now] of pairs) {
        const change = entryChange(old, now, oldText.get(old.number)!, newText.get(now.number)!);
        if (change) changes.push(change);
    }
    const imported = (doc: ast.ExemptionList) => new Set(doc.imports.flatMap(i => i.entries.map(r => r.ref?.number ?? r.$refText)));
    const oldImported = imported(oldDoc);
    const newImported = imported(newDoc);
    for (const n of oldImported) if (!newImported.has(n)) changes.push({ kind: 'entry-removed', entry: n, before: `直接适用 条目 ${n}`, after: '', note: '不再直接适用上级条目' });
    for (const n of newImported) if (!oldImported.has(n)) changes.push({ kind: 'entry-added', entry: n, before: '', after: `直接适用 条目 ${n}`, note: '新增直接适用的上级条目' });
    return changes;
}

/**
 * One entry, old against new. Stricter: fewer cases are exempted (conditions added or narrowed, a longer
 * look-back window, 不予 became 可以不予, more excluded areas); looser: the reverse. Both, or a change that
 * cannot be ordered (reworded conditions), is a change whose direction is not proved.
 */
function entryChange(old: ast.Entry, now: ast.Entry, oldJson: EntryJson, newJson: EntryJson): DocumentChange | undefined {
    const stricter: string[] = [];
    const looser: string[] = [];
    const other: string[] = [];
    const oldConditions = effectiveConditions(old);
    const newConditions = effectiveConditions(now);
    const newNotImplyingOld = firstNotImplied(newConditions, oldConditions);
    const oldNotImplyingNew = firstNotImplied(oldConditions, newConditions);
    if (!newNotImplyingOld && oldNotImplyingNew) stricter.push(looseningText(oldNotImplyingNew, 'added'));
    else if (newNotImplyingOld && !oldNotImplyingNew) looser.push(looseningText(newNotImplyingOld, 'dropped'));
    else if (newNotImplyingOld && oldNotImplyingNew) other.push(`条件改变：${looseningText(oldNotImplyingNew, 'added')}，${looseningText(newNotImplyingOld, 'dropped')}；无法证明收紧或放宽（文字不同的条件按不同条件比较）`);
    else if (conditionText(oldJson.conditions) !== conditionText(newJson.conditions)) other.push('条件表述修改，含义不变');

    const oldWindow = lookbackOf(old);
    const newWindow = lookbackOf(now);
    if (oldWindow && newWindow) {
        const verdict = compareWindows(newWindow.window, oldWindow.window);
        const text = `首次违法的回溯期由${describeWindow(oldWindow.window)}改为${describeWindow(newWindow.window)}`;
        if (verdict === 'stricter') stricter.push(`${text}（更少的行为算作首次违法）`);
        else if (verdict === 'looser') looser.push(`${text}（更多的行为算作首次违法）`);
        else if (verdict === 'incomparable') other.push(`${text}（无法比较）`);
    }
    const oldConsequence = consequenceOf(old);
    const newConsequence = consequenceOf(now);
    if (oldConsequence?.word !== newConsequence?.word) {
        const text = `后果由「${oldConsequence?.word ?? '未写明'}」改为「${newConsequence?.word ?? '未写明'}」`;
        const a = dispositionOf(oldConsequence?.word);
        const b = dispositionOf(newConsequence?.word);
        if (a && b && a.kind === b.kind && a.mandatory && !b.mandatory) stricter.push(`${text}（由应当改为可以）`);
        else if (a && b && a.kind === b.kind && !a.mandatory && b.mandatory) looser.push(`${text}（由可以改为应当）`);
        else other.push(text);
    }
    const areasAdded = newJson.excludedAreas.filter(a => !oldJson.excludedAreas.includes(a));
    const areasRemoved = oldJson.excludedAreas.filter(a => !newJson.excludedAreas.includes(a));
    if (areasAdded.length > 0) stricter.push(`不适用区域增加「${areasAdded.join('、')}」`);
    if (areasRemoved.length > 0) looser.push(`不适用区域减少「${areasRemoved.join('、')}」`);
    const oldGrounds = oldJson.grounds.map(g => g.text).join('、');
    const newGrounds = newJson.grounds.map(g => g.text).join('、');
    if (oldGrounds !== newGrounds) other.push(`依据由${oldGrounds || '（未写明）'}改为${newGrounds || '（未写明）'}`);
    const measuresAdded = newJson.measures.filter(m => !oldJson.measures.includes(m));
    const measuresRemoved = oldJson.measures.filter(m => !newJson.measures.includes(m));
    if (measuresAdded.length > 0) other.push(`增加措施「${measuresAdded.join('、')}」`);
    if (measuresRemoved.length > 0) other.push(`删除措施「${measuresRemoved.join('、')}」`);
    if (squash(oldJson.name) !== squash(newJson.name) || squash(oldJson.violation) !== squash(newJson.violation)) other.push('名称或违法行为表述修改');
    if (stricter.length + looser.length + other.length === 0) return undefined;
    const kind: ChangeKind = stricter.length > 0 && looser.length === 0 && other.length === 0 ? 'entry-stricter'
        : looser.length > 0 && stricter.length === 0 && other.length === 0 ? 'entry-looser' : 'entry-changed';
    const lead = kind === 'entry-stricter' ? '收紧（适用范围缩小）' : kind === 'entry-looser' ? '放宽（适用范围扩大）' : stricter.length > 0 && looser.length > 0 ? '既有收紧也有放宽' : '修改';
    return {
        kind, entry: now.number, before: entryText(oldJson), after: entryText(newJson),
        note: [lead, ...stricter.map(s => `收紧：${s}`), ...looser.map(s => `放宽：${s}`), ...other].join('；')
    };
}
