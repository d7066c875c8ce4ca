import type { ValidationAcceptor } from 'langium';
import { LEVEL_LABEL, isBelow } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, levelOf } from '../model/document-model.js';
import { parentsOf } from '../scoping/item-index.js';
import { report } from './report.js';

type HeaderProperty = 'issuer' | 'level' | 'effectiveFrom' | 'docNumber' | 'effectiveTo' | 'validFor' | 'domain' | 'boundary' | 'hitPolicy';

const REQUIRED_HEADER: readonly { property: HeaderProperty; label: string }[] = [
    { property: 'issuer', label: '制定机关' },
    { property: 'level', label: '层级' },
    { property: 'effectiveFrom', label: '施行日期' }
];

const SINGLE_HEADER: readonly { property: HeaderProperty; label: string }[] = [
    ...REQUIRED_HEADER,
    { property: 'docNumber', label: '文号' },
    { property: 'effectiveTo', label: '废止日期' },
    { property: 'validFor', label: '有效期' },
    { property: 'domain', label: '领域' },
    { property: 'boundary', label: '边界' },
    { property: 'hitPolicy', label: '竞合' }
];

/** Header fields: required ones present, none repeated. */
export function checkHeaderFields(benchmark: ast.Benchmark, accept: ValidationAcceptor): void {
    const missing = REQUIRED_HEADER.filter(f => (benchmark[f.property] as unknown[]).length === 0).map(f => f.label);
    if (missing.length > 0 && benchmark.name !== undefined) {
        report(accept, 'CD101', `基准「${benchmark.name}」缺少${missing.join('、')}`, { node: benchmark, property: 'name' });
    }
    for (const field of SINGLE_HEADER) {
        const values = benchmark[field.property] as unknown[];
        for (let index = 1; index < values.length; index++) {
            report(accept, 'CD103', `「${field.label}」重复：只能写一次`, { node: benchmark, property: field.property, index });
        }
    }
    if (benchmark.effectiveTo.length > 0 && benchmark.validFor.length > 0) {
        report(accept, 'CD103', '「废止日期」与「有效期」只能写其一', { node: benchmark, property: 'validFor' });
    }
}

function parseDate(text: string): Date | undefined {
    const match = /^(\d{4})[-年](\d{1,2})[-月](\d{1,2})日?$/.exec(text);
    if (!match) {
        return undefined;
    }
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** ISO form of a written date (2022年1月1日 → 2022-01-01), undefined when the date does not exist. */
export function isoDate(text: string | undefined): string | undefined {
    const date = text === undefined ? undefined : parseDate(text);
    return date?.toISOString().slice(0, 10);
}

export function checkDates(benchmark: ast.Benchmark, accept: ValidationAcceptor): void {
    for (const property of ['effectiveFrom', 'effectiveTo'] as const) {
        benchmark[property].forEach((text, index) => {
            if (!parseDate(text)) {
                report(accept, 'CD104', `日期「${text}」不存在`, { node: benchmark, property, index });
            }
        });
    }
    const from = isoDate(benchmark.effectiveFrom[0]);
    const to = isoDate(benchmark.effectiveTo[0]);
    if (from && to && to <= from) {
        report(accept, 'CD104', `废止日期 ${to} 不晚于施行日期 ${from}`, { node: benchmark, property: 'effectiveTo' });
    }
    for (const [index, duration] of benchmark.validFor.entries()) {
        if (Number(duration.value) === 0) {
            report(accept, 'CD104', '有效期必须大于零', { node: benchmark, property: 'validFor', index });
        }
    }
}

/** 上级: no cycle, and each parent sits at a higher level. */
export function checkParents(benchmark: ast.Benchmark, accept: ValidationAcceptor): void {
    const level = levelOf(benchmark);
    benchmark.parents.forEach((reference, index) => {
        const parent = reference.ref;
        if (!parent) {
            return;
        }
        if (parent === benchmark || reaches(parent, benchmark)) {
            report(accept, 'CD204', `上级关系成环：「${parent.name}」经由上级链又回到「${benchmark.name}」`,
                { node: benchmark, property: 'parents', index });
            return;
        }
        const parentLevel = levelOf(parent);
        if (level && parentLevel && !isBelow(level, parentLevel)) {
            report(accept, 'CD205',
                `本基准层级为${LEVEL_LABEL[level]}，不低于上级（${documentLabel(parent)}）的${LEVEL_LABEL[parentLevel]}`,
                { node: benchmark, property: 'parents', index });
        }
    });
}

function reaches(from: ast.Benchmark, target: ast.Benchmark): boolean {
    const visited = new Set<ast.Benchmark>();
    const stack = [from];
    while (stack.length > 0) {
        const current = stack.pop()!;
        if (current === target) {
            return true;
        }
        if (visited.has(current)) {
            continue;
        }
        visited.add(current);
        stack.push(...parentsOf(current));
    }
    return false;
}
