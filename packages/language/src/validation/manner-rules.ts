import type { AstNode, ValidationAcceptor } from 'langium';
import { type BoundarySemantics, type Interval, formatInterval, STATUTORY_SEMANTICS, uncovered } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, documentOf, effectiveStatutory, semanticsOf, tierWho } from '../model/document-model.js';
import { resolveRangeNode } from '../model/penalty-model.js';
import { report } from './report.js';

interface Limit { readonly word: string; readonly interval: Interval; readonly dimension: string; readonly source: AstNode }

/** Time limits written on measures (责令限期改正 三十日以内), read under the given boundary semantics. */
function limitsOf(measures: readonly ast.Measure[], semantics = STATUTORY_SEMANTICS): Limit[] {
    return measures.flatMap(measure => {
        const range = measure.limit ? resolveRangeNode(measure.limit, semantics).range : undefined;
        return range ? [{ word: measure.measure ?? measure.custom ?? '', interval: range.interval, dimension: range.dimension, source: measure }] : [];
    });
}

/** The measures of penalty parts, in order; no intermediate arrays (this runs for every tier). */
function pushMeasures(parts: readonly ast.PenaltyPart[], into: ast.Measure[]): void {
    for (const part of parts) {
        for (const sanction of part.sanctions) {
            if (sanction.$type === 'Measure') {
                into.push(sanction as ast.Measure);
            }
        }
    }
}

function measuresOfBlock(block: { readonly parts: readonly ast.PenaltyPart[]; readonly escalations: readonly { readonly parts: readonly ast.PenaltyPart[] }[] }): ast.Measure[] {
    const measures: ast.Measure[] = [];
    pushMeasures(block.parts, measures);
    for (const escalation of block.escalations) {
        pushMeasures(escalation.parts, measures);
    }
    return measures;
}

function statutoryMeasures(item: ast.Item): ast.Measure[] {
    const block = effectiveStatutory(item)?.owner.statutory[0];
    return block ? measuresOfBlock(block) : [];
}

const tierLimitCache = new WeakMap<ast.Tier, { readonly semantics: BoundarySemantics; readonly limits: readonly Limit[] }>();

/**
 * A tier's time limits under its own document's semantics. Read once per tier and semantics: a tier is read
 * for itself and again for every lower tier that refines it (a province tier for each city and county one).
 */
function tierLimits(tier: ast.Tier): readonly Limit[] {
    const semantics = semanticsOf(documentOf(tier));
    const cached = tierLimitCache.get(tier);
    if (cached && cached.semantics.atLeastClosed === semantics.atLeastClosed && cached.semantics.atMostClosed === semantics.atMostClosed) {
        return cached.limits;
    }
    const limits = limitsOf(measuresOfBlock(tier), semantics);
    tierLimitCache.set(tier, { semantics, limits });
    return limits;
}

/**
 * 时限 and 方式, two of the six dimensions a lower level may refine (004 task 5): a measure's time limit stays
 * inside the statutory one and the upper tier's; the manners a tier lists stay within those the upper lists.
 */
export function checkMannerAndTimeLimits(item: ast.Item, accept: ValidationAcceptor): void {
    const statutory = limitsOf(statutoryMeasures(item));
    const upper = item.refines?.ref;
    for (const tier of item.tiers) {
        const own = tierLimits(tier);
        const refined = tier.refines.map(r => r.ref).filter((t): t is ast.Tier => t !== undefined);
        const upperLimits = refined.length === 1 ? tierLimits(refined[0]) : refined.flatMap(t => tierLimits(t));
        for (const limit of own) {
            for (const [against, who] of [[statutory, '法定处罚'], [upperLimits, `上级（${upper ? documentLabel(documentOf(upper)) : ''}）阶次`]] as const) {
                const same = against.filter(l => l.word === limit.word && l.dimension === limit.dimension);
                if (same.length === 0) {
                    continue;
                }
                const excess = uncovered(limit.interval, same.map(l => l.interval));
                if (excess.length > 0) {
                    report(accept, 'CD350',
                        `${tierWho(tier)}的「${limit.word}」时限 ${formatInterval(limit.interval, limit.dimension as never)} 超出${who}的 ${same.map(l => formatInterval(l.interval, l.dimension as never)).join('、')}`,
                        { node: limit.source });
                }
            }
        }
        const allowed = new Set(refined.flatMap(t => t.manners));
        if (allowed.size > 0) {
            tier.manners.forEach((manner, index) => {
                if (!allowed.has(manner)) {
                    report(accept, 'CD351', `${tierWho(tier)}的方式「${manner}」不在所细化的上级阶次列明的方式（${[...allowed].map(m => `「${m}」`).join('、')}）之内`,
                        { node: tier, property: 'manners', index });
                }
            });
        }
    }
}
