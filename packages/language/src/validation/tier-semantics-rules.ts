import type { AstNode, ValidationAcceptor } from 'langium';
import { Decimal } from 'decimal.js';
import {
    type Component, type GradedRange, type Interval, type Profile, type ProfileGrade,
    NAMED_PROFILES, PENALTY_KIND_LABEL, comparableComponents, customProfile, describeComponent, formatInterval, meets,
    STATUTORY_SEMANTICS, checkReliefGround, readCircumstances, reliefOf
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentOf, effectiveStatutory, gradeOf, tierStandard, tierWho } from '../model/document-model.js';
import { resolveRangeNode } from '../model/penalty-model.js';
import { citationsOf } from '../model/citations.js';
import { reportGroundIssue } from './grounds-rules.js';
import { missingCorrectionAndEducation } from './corrective-measures.js';
import { report } from './report.js';
import { ownEntry } from '../domain/lookup.js';

const profileCache = new WeakMap<ast.Benchmark, Profile | null>();

/** The profile a document picks (档次规则), if any. */
export function profileOf(benchmark: ast.Benchmark): Profile | undefined {
    let profile = profileCache.get(benchmark);
    if (profile === undefined) {
        const rule = benchmark.profile[0];
        if (!rule) {
            profile = null;
        } else if (rule.name) {
            profile = ownEntry(NAMED_PROFILES, rule.name) ?? null;
        } else {
            const bands = new Map<ProfileGrade, Interval>();
            for (const band of rule.bands) {
                const range = band.range ? resolveRangeNode(band.range, STATUTORY_SEMANTICS).range : undefined;
                if (range && range.dimension === 'percent' && (band.grade === '从轻' || band.grade === '一般' || band.grade === '从重')) {
                    bands.set(band.grade, range.interval);
                }
            }
            profile = customProfile(bands);
        }
        profileCache.set(benchmark, profile);
    }
    return profile ?? undefined;
}

function gradedRange(statutory: readonly Component<AstNode>[], component: Component<AstNode>): GradedRange | undefined {
    const candidates = comparableComponents(component, statutory).filter(c => c.interval);
    const main = candidates.filter(c => !c.escalation);
    const target = (main.length > 0 ? main : candidates)[0];
    if (!target?.interval) {
        return undefined;
    }
    return {
        min: target.interval.lower?.value ?? new Decimal(0),
        max: target.interval.upper?.value,
        shape: target.shape ?? 'both'
    };
}

/** 从轻 / 一般 / 从重 tiers meet the document's profile (or the configured default), measure by measure. */
export function checkProfile(item: ast.Item, accept: ValidationAcceptor, defaultProfile?: string): void {
    const profile = profileOf(documentOf(item)) ?? ownEntry(NAMED_PROFILES, defaultProfile);
    const statutory = effectiveStatutory(item)?.model.components;
    if (!profile || !statutory) {
        return;
    }
    for (const tier of item.tiers) {
        const grade = gradeOf(tier);
        if (grade !== '从轻' && grade !== '一般' && grade !== '从重') {
            continue;
        }
        for (const component of tierStandard(tier).components) {
            if (component.kind !== 'fine' || !component.interval) {
                continue;
            }
            const range = gradedRange(statutory, component);
            const requirement = range && profile.requirement(grade, range);
            if (!requirement || meets(requirement, component.interval)) {
                continue;
            }
            const dimension = component.dimension ?? 'yuan';
            const actual = formatInterval(component.interval, dimension);
            if (requirement.kind === 'within') {
                report(accept, 'CD310',
                    `${tierWho(tier)}标为${grade}，${describeComponent(component)} ${actual} 超出档次规则「${profile.name}」的${grade}范围 ` +
                    `${formatInterval(requirement.band, dimension)}（${requirement.rule}）`, { node: component.source });
            } else {
                const point = formatInterval({ lower: { value: requirement.point, closed: true }, upper: { value: requirement.point, closed: true } }, dimension);
                report(accept, 'CD311',
                    `${tierWho(tier)}标为${grade}，${describeComponent(component)} ${actual} 不含档次规则「${profile.name}」的一般标准 ${point}（${requirement.rule}）`,
                    { node: component.source });
            }
        }
    }
}

/** Kinds the statute makes mandatory (并处), outside escalation steps. */
function mandatoryKinds(statutory: readonly Component<AstNode>[]): Component<AstNode>[] {
    return statutory.filter(c => c.combination === 'mandatory' && !c.escalation);
}

/**
 * 从轻 keeps every 并处 kind; 减轻 needs a ground (第三十条至第三十二条 or a special law); 不予处罚 needs a
 * 第三十三条 ground that fits (初次违法 → 可以不予), and still orders correction and education.
 */
export function checkGradeSemantics(item: ast.Item, accept: ValidationAcceptor): void {
    const statutory = effectiveStatutory(item)?.model.components ?? [];
    for (const tier of item.tiers) {
        const grade = gradeOf(tier);
        const standard = tierStandard(tier);
        if (grade === '从轻') {
            for (const kind of mandatoryKinds(statutory)) {
                if (!standard.components.some(c => c.kind === kind.kind)) {
                    report(accept, 'CD312',
                        `${tierWho(tier)}（从轻）缺少法定并处的「${PENALTY_KIND_LABEL[kind.kind]}」：从轻不得减少法定处罚种类，不并处只能作为有依据的减轻处罚`,
                        { node: tier, property: 'name' });
                    break;
                }
            }
        }
        const relief = reliefOf(grade);
        if (grade && relief) {
            const grounds = citationsOf(tier.grounds);
            for (const issue of checkReliefGround(relief, grounds, readCircumstances(tier.conditions))) {
                reportGroundIssue(accept, issue, tierWho(tier), grade, relief.kind === 'mitigated' ? 'CD313' : 'CD314', { node: tier, property: 'name' });
            }
        }
        if (relief?.kind === 'noPenalty') {
            const words = standard.measures.map(m => m.word);
            const missing = missingCorrectionAndEducation(words);
            if (missing.length > 0) {
                report(accept, 'CD316', `${tierWho(tier)}为${grade}，但缺少${missing.join('、')}`, { node: tier, property: 'name' });
            }
        }
    }
}

