import type { AstNode, ValidationAcceptor } from 'langium';
import { Decimal } from 'decimal.js';
import { type Component, type Party, PARTY_WORDS, PENALTY_KIND_LABEL, formatYuan, makeQuantity } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf, tierStandard, tierWho } from '../model/document-model.js';
import { report } from './report.js';

/** Kinds that always give a right to a hearing (第六十三条). */
const HEARING_KINDS = new Set(['revokeLicense', 'demoteQualification', 'suspendProduction', 'close', 'restrictPractice']);

/** 第五十一条: 警告, or a fine up to 200 元 for a citizen / 3000 元 for an organisation. */
const ON_THE_SPOT_LIMIT = { individual: new Decimal(200), organisation: new Decimal(3000) };

function thresholds(benchmark: ast.Benchmark): Map<Party, Decimal> {
    const result = new Map<Party, Decimal>();
    for (const rule of benchmark.largeFine) {
        for (const threshold of rule.thresholds) {
            if (!threshold.amount || threshold.party === undefined) {
                continue; // half-typed: its syntax error speaks for it
            }
            const q = makeQuantity(threshold.amount.value, threshold.amount.percent ? '百分之' : threshold.amount.unit ?? '');
            if (q?.dimension === 'yuan') {
                result.set(PARTY_WORDS[threshold.party], q.value);
            }
        }
    }
    return result;
}

function thresholdFor(party: Party, table: Map<Party, Decimal>): { value: Decimal; who: string } | undefined {
    const unit = table.get('unit');
    const individual = table.get('individual');
    if (party === 'individual' || party === 'responsiblePerson') {
        return individual ? { value: individual, who: '对个人' } : undefined;
    }
    return unit ? { value: unit, who: '对单位' } : individual ? { value: individual, who: '对个人' } : undefined;
}

function reachesAmount(component: Component<AstNode>, threshold: Decimal): boolean {
    const upper = component.interval?.upper;
    return upper === undefined || upper.value.gte(threshold);
}

/** Reviewer hints: a tier that may reach the hearing threshold, and a tier that allows 当场处罚. */
export function checkProcedureHints(item: ast.Item, accept: ValidationAcceptor): void {
    const table = thresholds(documentOf(item));
    for (const tier of item.tiers) {
        const components = tierStandard(tier).components.filter(c => !c.escalation);
        const heavyKind = components.find(c => HEARING_KINDS.has(c.kind));
        const largeFine = components.find(c => {
            const threshold = c.kind === 'fine' && c.dimension === 'yuan' ? thresholdFor(c.party, table) : undefined;
            return threshold !== undefined && reachesAmount(c, threshold.value);
        });
        if (heavyKind) {
            report(accept, 'CD320', `${tierWho(tier)}包含「${PENALTY_KIND_LABEL[heavyKind.kind]}」，当事人有权要求听证（第六十三条）`, { node: tier, property: 'name' });
        } else if (largeFine) {
            const threshold = thresholdFor(largeFine.party, table)!;
            report(accept, 'CD320',
                `${tierWho(tier)}的罚款可达到较大数额（${threshold.who} ${formatYuan(threshold.value)}以上），当事人有权要求听证（第六十三条）`,
                { node: tier, property: 'name' });
        }
        const penalties = components.filter(c => c.kind !== 'other');
        if (penalties.length === 0) {
            continue;
        }
        const warningOnly = penalties.every(c => c.kind === 'warning');
        const smallFine = penalties.every(c => c.kind === 'fine' || c.kind === 'warning')
            && penalties.some(c => c.kind === 'fine' && c.dimension === 'yuan' && c.interval
                && (c.interval.lower === undefined || c.interval.lower.value.lte(ON_THE_SPOT_LIMIT.organisation)));
        if (warningOnly || smallFine) {
            report(accept, 'CD321',
                `${tierWho(tier)}${warningOnly ? '为警告' : '的罚款可在二百元（公民）或三千元（组织）以下'}，符合条件的可以当场作出处罚决定（第五十一条）`,
                { node: tier, property: 'name' });
        }
    }
}
