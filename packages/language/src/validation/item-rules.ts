import type { ValidationAcceptor } from 'langium';
import { irregularCitationNumbers } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { readCitations } from '../model/citations.js';
import { documentLabel } from '../model/document-model.js';
import { normalizeCode, normalizeTierName } from '../parser/chidu-value-converter.js';
import { ancestorsOf, ownCodes } from '../scoping/item-index.js';
import { irregularNumeralMessage } from './messages.js';
import { isNameless, report } from './report.js';

/** A new item states its violation, provisions and statutory penalty; a refinement may inherit them. */
export function checkItemFields(item: ast.Item, accept: ValidationAcceptor): void {
    if (!item.refines) {
        const missing: string[] = [];
        if (item.violated.length === 0) missing.push('违反条款');
        if (item.basis.length === 0) missing.push('处罚依据');
        if (item.statutory.length === 0) missing.push('法定处罚');
        if (missing.length > 0) {
            report(accept, 'CD102', `事项 ${item.code} 缺少${missing.join('、')}`, { node: item, property: 'code' });
        }
    }
    for (const [property, label] of [['violated', '违反条款'], ['basis', '处罚依据'], ['statutory', '法定处罚']] as const) {
        for (let index = 1; index < item[property].length; index++) {
            // On the repeated value itself (the same range as property + index, found without a scan of the
            // item's syntax tree per report: 10,000 repeated blocks took 80 s).
            report(accept, 'CD103', `事项 ${item.code} 的「${label}」重复：多条引用请用「、」写在同一处`, { node: item[property][index] });
        }
    }
}

export function checkCitations(list: ast.CitationList, accept: ValidationAcceptor): void {
    // Continuations of a citation whose number cannot be read are unknown, not misplaced: CD107 says why.
    let afterIrregular = false;
    readCitations(list).forEach((parsed, index) => {
        const node = list.citations[index];
        if (parsed) {
            afterIrregular = false;
            return;
        }
        const text = node.$cstNode?.text ?? node.text;
        const irregular = irregularCitationNumbers(node.text);
        if (irregular.length > 0) {
            for (const { numeral, readings } of irregular) {
                report(accept, 'CD107', irregularNumeralMessage(`条款引用「${text}」中序号`, numeral, readings), { node, property: 'text' });
            }
            afterIrregular = true;
            return;
        }
        const continuation = !text.startsWith('《');
        if (continuation && afterIrregular) {
            return;
        }
        afterIrregular = false;
        const hint = continuation ? '：省略法名的续引只能跟在完整引用之后' : '';
        report(accept, 'CD105', `无法解析条款引用「${text}」${hint}`, { node, property: 'text' });
    });
}

/** Codes are unique within a document, and a new item does not reuse a code of the upper chain. */
export function checkItemCodes(benchmark: ast.Benchmark, accept: ValidationAcceptor): void {
    const seen = new Map<string, ast.Item>();
    // Upper items already taken by a refinement or an adoption, compared by the item they resolve to:
    // two codes may name one upper item (a refinement is visible under its own code and the code it refines).
    const taken = new Map<ast.Item, string>();
    for (const item of benchmark.items.filter(i => !isNameless(i))) {
        const code = normalizeCode(item.code);
        const first = seen.get(code);
        if (first) {
            report(accept, 'CD206', `事项编码 ${item.code} 在本文件中重复`, { node: item, property: 'code' });
        } else {
            seen.set(code, item);
        }
        const upper = item.refines?.ref;
        if (upper) {
            const previous = taken.get(upper);
            if (previous !== undefined) {
                report(accept, 'CD206', `上级事项 ${upper.code} 在本文件中已被 ${previous} 细化，不能再细化一次`, { node: item, property: 'refines' });
            } else {
                taken.set(upper, `事项 ${item.code}`);
            }
        }
    }
    for (const adoption of benchmark.adoptions) {
        adoption.items.forEach((ref, index) => {
            const upper = ref.ref;
            const own = seen.get(normalizeCode(ref.$refText));
            const previous = upper ? taken.get(upper) : undefined;
            if (own && !own.refines) {
                report(accept, 'CD206', `事项 ${ref.$refText} 在本文件中已有定义，不能再直接适用`, { node: adoption, property: 'items', index });
            } else if (previous !== undefined) {
                report(accept, 'CD206', `上级事项 ${upper!.code} 在本文件中已由${previous}处理，不能再直接适用`, { node: adoption, property: 'items', index });
            } else if (upper) {
                taken.set(upper, `直接适用 ${ref.$refText}`);
            }
        });
    }
    const ancestors = ancestorsOf(benchmark);
    if (ancestors.length === 0) {
        return;
    }
    for (const item of benchmark.items) {
        if (item.refines) {
            continue;
        }
        const code = normalizeCode(item.code ?? '');
        const owner = ancestors.find(doc => ownCodes(doc).has(code));
        if (owner) {
            report(accept, 'CD207',
                `新设事项的编码 ${item.code} 与上级（${documentLabel(owner)}）的事项重复；若是细化该事项，请写「细化 ${item.code}」`,
                { node: item, property: 'code' });
        }
    }
}

export function checkTierNames(item: ast.Item, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const tier of item.tiers) {
        const name = normalizeTierName(tier.name ?? '');
        if (seen.has(name)) {
            report(accept, 'CD208', `事项 ${item.code} 中阶次「${tier.name}」重复`, { node: tier, property: 'name' });
        }
        seen.add(name);
    }
}
