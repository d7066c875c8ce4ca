import type { ValidationAcceptor } from 'langium';
import { FACT_KIND_LABELS, type FactDefinition, STATUTORY_SEMANTICS, describeWindow, factKey, makeQuantity, nearestFirst } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { type ChainedDocument, upperDocuments } from '../model/document-model.js';
import { declaredFact, factNamed, membershipOf, vocabularyOf } from '../model/facts.js';
import { resolveRangeNode } from '../model/penalty-model.js';
import { report } from './report.js';

/** The dimension of a declared unit (万元 → 金额), to compare with the ranges written on the fact. */
function unitDimension(unit: string | undefined): string | undefined {
    return unit === undefined ? undefined : makeQuantity('1', unit)?.dimension;
}

/**
 * Declarations of facts: complete (a kind, and an enumeration lists its values), once per document, and
 * consistent with the upper documents' declaration of the same fact.
 */
export function checkFactDeclarations(document: ChainedDocument, accept: ValidationAcceptor): void {
    const seen = new Map<string, ast.Fact>();
    const uppers = nearestFirst<ChainedDocument>(document, upperDocuments);
    for (const node of document.facts) {
        const fact = declaredFact(node, document);
        if (!fact) {
            continue; // a nameless declaration carries its syntax error
        }
        const key = factKey(fact.name);
        if (seen.has(key)) {
            report(accept, 'CD625', `事实「${fact.name}」在本文件中重复声明`, { node, property: 'name' });
            continue;
        }
        seen.set(key, node);
        if (node.kind.length === 0) {
            report(accept, 'CD625', `事实「${fact.name}」没有写「类型」（是否、数量、枚举或次数）；按${FACT_KIND_LABELS[fact.kind]}读取`, { node, property: 'name' });
        } else if (fact.kind === 'enumeration' && !fact.values) {
            report(accept, 'CD625', `枚举事实「${fact.name}」没有列出「取值」：无法核对条件中的取值`, { node, property: 'kind' });
        }
        // A quantity may have no unit (pH, 色度): its ranges are then plain numbers.
        const upper = uppers.flatMap(u => u.facts.map(f => declaredFact(f, u))).find(f => f && factKey(f.name) === key);
        if (upper) {
            const differs = differenceFrom(fact, upper);
            if (differs) {
                report(accept, 'CD624', `事实「${fact.name}」与上级「${upper.document.name}」的声明不一致（${differs}）：下级文件继承上级的事实，改变其含义会使上下级的条件无法比较`, { node, property: 'name' });
            }
        }
    }
}

function differenceFrom(lower: FactDefinition, upper: FactDefinition): string | undefined {
    if (lower.kind !== upper.kind) {
        return `类型：上级为${FACT_KIND_LABELS[upper.kind]}，本文件为${FACT_KIND_LABELS[lower.kind]}`;
    }
    const window = (w: FactDefinition['window']) => w ? describeWindow(w) : '（无）';
    if ((lower.window || upper.window) && window(lower.window) !== window(upper.window)) {
        return `回溯期：上级为${window(upper.window)}，本文件为${window(lower.window)}（同一次数按不同期间计算）`;
    }
    if (unitDimension(lower.unit) !== unitDimension(upper.unit)) {
        return `单位：上级为${upper.unit ?? '（无）'}，本文件为${lower.unit ?? '（无）'}`;
    }
    const missing = (upper.values ?? []).filter(v => !(lower.values ?? []).map(factKey).includes(factKey(v)));
    if (lower.values && missing.length > 0) {
        return `删去了上级的取值${missing.map(v => `「${v}」`).join('、')}`;
    }
    return undefined;
}

/** A condition on a fact agrees with its declaration: the right kind, a declared value, a unit of its dimension. */
export function checkFactCondition(condition: ast.Indicator | ast.Membership, accept: ValidationAcceptor): void {
    if (typeof condition.name !== 'string') {
        return;
    }
    const fact = factNamed(condition, condition.name);
    const test = membershipOf(condition);
    if (test) {
        if (!fact) {
            report(accept, 'CD622', `事实「${condition.name}」没有声明：无法核对「${test.values.join('、')}」是否为其取值，上下级比较时只按原文比较`, { node: condition, property: 'name' });
            return;
        }
        if (fact.kind !== 'enumeration') {
            report(accept, 'CD623', `事实「${fact.name}」是${FACT_KIND_LABELS[fact.kind]}事实，不能按取值（${condition.operator}）判断`, { node: condition, property: 'operator' });
            return;
        }
        const domain = (fact.values ?? []).map(factKey);
        condition.values.forEach((value, index) => {
            if (fact.values && !domain.includes(factKey(value))) {
                report(accept, 'CD621', `「${value}」不是事实「${fact.name}」的取值（${fact.values.map(v => `「${v}」`).join('、')}）`, { node: condition, property: 'values', index });
            }
        });
        return;
    }
    if (condition.$type !== 'Indicator' || !fact || !condition.range) {
        return; // an indicator on an undeclared fact is read by its name, as before facts were declared
    }
    if (fact.kind === 'flag' || fact.kind === 'enumeration') {
        report(accept, 'CD623', `事实「${fact.name}」是${FACT_KIND_LABELS[fact.kind]}事实，不能用数值范围判断`, { node: condition, property: 'range' });
        return;
    }
    const dimension = resolveRangeNode(condition.range, STATUTORY_SEMANTICS).range?.dimension;
    const declared = unitDimension(fact.unit);
    if (dimension && declared && dimension !== declared && dimension !== 'number') {
        report(accept, 'CD623', `指标「${fact.name}」声明的单位是${fact.unit}，此处的范围单位不同`, { node: condition, property: 'range' });
    }
}

/** Every fact the document can test, for hover and completion (its own and inherited declarations). */
export function factsInScope(document: ChainedDocument): FactDefinition[] {
    return [...vocabularyOf(document).values()];
}
