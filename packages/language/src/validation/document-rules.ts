import { AstUtils, type LangiumDocument, type ValidationAcceptor } from 'langium';
import { LEVEL_LABEL, MAX_VALIDITY_YEARS, isBelow, isSaneValidity, isValidDate, isoDate, parseNumeral, periodUnit, readNumeral } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { documentLabel, inParentCycle, kindLabel, levelOf, upperReferences } from '../model/document-model.js';
import { report } from './report.js';

/** A document of any kind: benchmark, exemption list or enforcement-matter catalogue. */
type AnyDocument = ast.Benchmark | ast.ExemptionList | ast.MatterCatalogue;

interface HeaderField { readonly property: string; readonly label: string }

const ISSUER = { property: 'issuer', label: '制定机关' };
const LEVEL = { property: 'level', label: '层级' };
const EFFECTIVE_FROM = { property: 'effectiveFrom', label: '施行日期' };
const DOC_NUMBER = { property: 'docNumber', label: '文号' };
const EFFECTIVE_TO = { property: 'effectiveTo', label: '废止日期' };
const VALID_FOR = { property: 'validFor', label: '有效期' };

/** Per kind: the fields a published document must state, and the fields it may state once. */
const HEADER: Readonly<Record<AnyDocument['$type'], { required: readonly HeaderField[]; single: readonly HeaderField[] }>> = {
    Benchmark: {
        required: [ISSUER, LEVEL, EFFECTIVE_FROM],
        single: [ISSUER, LEVEL, EFFECTIVE_FROM, DOC_NUMBER, EFFECTIVE_TO, VALID_FOR, { property: 'domain', label: '领域' },
            { property: 'boundary', label: '边界' }, { property: 'hitPolicy', label: '竞合' }]
    },
    ExemptionList: {
        required: [{ property: 'kind', label: '类别' }, ISSUER, LEVEL, EFFECTIVE_FROM],
        single: [{ property: 'kind', label: '类别' }, ISSUER, LEVEL, DOC_NUMBER, EFFECTIVE_FROM, EFFECTIVE_TO, VALID_FOR]
    },
    MatterCatalogue: {
        required: [ISSUER, LEVEL],
        single: [ISSUER, LEVEL, DOC_NUMBER, EFFECTIVE_FROM]
    }
};

function values(document: AnyDocument, property: string): readonly unknown[] {
    const value = (document as unknown as Record<string, unknown>)[property];
    return Array.isArray(value) ? value : [];
}

/** Header fields of every document kind: required ones present, none repeated. */
export function checkHeaderFields(document: AnyDocument, accept: ValidationAcceptor): void {
    const fields = HEADER[document.$type];
    const missing = fields.required.filter(f => values(document, f.property).length === 0).map(f => f.label);
    if (missing.length > 0 && document.name !== undefined) {
        report(accept, 'CD101', `${kindLabel(document)}「${document.name}」缺少${missing.join('、')}`, { node: document, property: 'name' });
    }
    for (const field of fields.single) {
        for (let index = 1; index < values(document, field.property).length; index++) {
            report(accept, 'CD103', `「${field.label}」重复：只能写一次`, { node: document, property: field.property as never, index });
        }
    }
    if (document.$type !== 'MatterCatalogue' && document.effectiveTo.length > 0 && document.validFor.length > 0) {
        report(accept, 'CD103', '「废止日期」与「有效期」只能写其一', { node: document, property: 'validFor' });
    }
}

/** Dates exist; a document is not repealed before it starts; a validity period is not zero. */
export function checkDates(document: AnyDocument, accept: ValidationAcceptor): void {
    const properties = document.$type === 'MatterCatalogue' ? ['effectiveFrom'] as const : ['effectiveFrom', 'effectiveTo'] as const;
    for (const property of properties) {
        (document as ast.Benchmark)[property].forEach((text, index) => {
            if (!isValidDate(text)) {
                report(accept, 'CD104', `日期「${text}」不存在`, { node: document, property: property as never, index });
            }
        });
    }
    if (document.$type === 'MatterCatalogue') {
        return;
    }
    const from = isoDate(document.effectiveFrom[0]);
    const to = isoDate(document.effectiveTo[0]);
    if (from && to && to <= from) {
        report(accept, 'CD104', `废止日期 ${to} 不晚于施行日期 ${from}`, { node: document, property: 'effectiveTo' });
    }
    for (const [index, duration] of document.validFor.entries()) {
        const unit = periodUnit(duration.unit);
        if (typeof duration.value !== 'string' || !unit) {
            continue; // half-typed (有效期 年): its syntax error speaks for it
        }
        const amount = parseNumeral(duration.value);
        if (!amount && readNumeral(duration.value).kind === 'irregular') {
            continue; // an irregular numeral is reported as such (CD107)
        }
        const where = { node: document, property: 'validFor' as const, index };
        if (amount?.isZero()) {
            report(accept, 'CD104', '有效期必须大于零', where);
        } else if (!amount || !amount.isInteger() || amount.isNegative()) {
            report(accept, 'CD104', `有效期「${duration.value}${duration.unit}」须为正整数（如「有效期 5年」）`, where);
        } else if (!isSaneValidity(amount.toNumber(), unit)) {
            report(accept, 'CD104', `有效期「${duration.value}${duration.unit}」超过 ${MAX_VALIDITY_YEARS} 年：请核对数字，长期有效的文件不写有效期`, where);
        }
    }
}

/** 上级 of a benchmark or a list: no cycle, and each parent sits at a higher level. */
export function checkParents(document: ast.Benchmark | ast.ExemptionList, accept: ValidationAcceptor): void {
    const level = levelOf(document);
    upperReferences(document).forEach((reference, index) => {
        const parent = reference.ref;
        if (!parent) {
            return;
        }
        if (inParentCycle(document, parent)) {
            report(accept, 'CD204', `上级关系成环：「${parent.name}」经由上级链又回到「${document.name}」`,
                { node: document, property: 'parents', index });
            return;
        }
        const parentLevel = levelOf(parent);
        if (level && parentLevel && !isBelow(level, parentLevel)) {
            report(accept, 'CD205',
                `本${kindLabel(document)}层级为${LEVEL_LABEL[level]}，不低于上级（${documentLabel(parent)}）的${LEVEL_LABEL[parentLevel]}`,
                { node: document, property: 'parents', index });
        }
    });
}

/**
 * Two documents of one kind with one name: 上级 and 基准 name documents, so the name must be unique in the
 * workspace (CD210, on each of them). `others` are the other documents of the workspace.
 */
export function checkUniqueName(document: AnyDocument, accept: ValidationAcceptor, others: () => Iterable<LangiumDocument>): void {
    if (typeof document.name !== 'string') {
        return;
    }
    const self = AstUtils.getDocument(document);
    const same: string[] = [];
    for (const other of others()) {
        const root = other.parseResult?.value as AnyDocument | undefined;
        if (other !== self && root?.$type === document.$type && root.name === document.name) {
            same.push(other.uri.path.split('/').pop() ?? other.uri.path);
        }
    }
    if (same.length > 0) {
        report(accept, 'CD210', `工作区中另有 ${same.length} 份${kindLabel(document)}也名为「${document.name}」（${same.sort().join('、')}）：按名称引用时无法确定所指`,
            { node: document, property: 'name' });
    }
}
