import { DIMENSION_LABEL, type Dimension } from '@chidu/language/domain';
import type { Vocabulary } from './facts.js';

const UNIT_WORDS: Record<Dimension, string> = {
    yuan: '(万元|亿元|元)', multiple: '倍', percent: '(%|％)', day: '(日|天)', month: '(个月|月)', year: '年', ton: '吨', hour: '小时', count: '次', number: ''
};
const NUMBER = '[0-9０-９零〇一二两三四五六七八九十百千万亿点.]+';

/**
 * The JSON Schema (2020-12) of a case for one workspace: the facts its typed conditions read (each with its
 * unit), the free-text conditions an officer may affirm, the authorities. Editors and enforcement systems
 * validate case files with it; the runtime checks the same rules itself with Chinese messages.
 */
export function caseSchema(vocabulary: Vocabulary): object {
    const facts: Record<string, object> = {};
    for (const fact of [...vocabulary.quantities.values()].sort((a, b) => a.name.localeCompare(b.name))) {
        const pattern = fact.dimension === 'percent' ? `^(${NUMBER}${UNIT_WORDS.percent}|百分之${NUMBER})$` : `^${NUMBER}${UNIT_WORDS[fact.dimension]}$`;
        facts[fact.name] = {
            type: 'string', pattern,
            description: `${DIMENSION_LABEL[fact.dimension]}。用于：${fact.usedBy.slice(0, 5).join('；')}${fact.usedBy.length > 5 ? ` 等 ${fact.usedBy.length} 处` : ''}`
        };
    }
    const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    const nullableText = { type: ['string', 'null'] };
    return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: '尺度案例（试算与案例测试）',
        type: 'object',
        required: ['authority', 'actDate'],
        additionalProperties: false,
        properties: {
            $schema: { type: 'string' },
            name: { type: 'string', description: '案例名称。' },
            description: { type: 'string', description: '说明（如数据来源：真实或虚构）。' },
            source: { type: 'string', description: '案例来源。' },
            authority: { enum: [...vocabulary.authorities], description: '作出决定的执法机关（基准的制定机关），从其基准起沿上级就近查找事项。' },
            item: { type: 'string', description: '事项编码，如 3-19。' },
            entries: { type: 'array', items: { type: 'string' }, description: '另行考虑的清单条目编号（条目未关联事项时）。' },
            actDate: { ...date, description: '违法行为发生日期（选择行为时施行的基准版本）。' },
            decisionDate: { ...date, description: '作出决定日期（从旧兼从轻：新版本更轻时适用新版本）。' },
            area: { type: 'string', description: '违法行为发生的区域（对照清单的排除区域）。' },
            domain: { type: 'string', description: '所属领域（对照清单的排除领域）。' },
            subjects: { type: 'array', items: { type: 'string' }, description: '当事人所属类别（对照执法观察期的对象）。' },
            facts: { type: 'object', additionalProperties: false, properties: facts, description: '量化事实：名称 → 带单位的数值。' },
            values: {
                type: 'object', additionalProperties: false, description: '枚举事实的取值：名称 → 取值（如 "区域": "一般区域"）。',
                properties: Object.fromEntries([...vocabulary.enumerations].map(([name, domain]) => [name, domain ? { enum: [...domain] } : { type: 'string' }]))
            },
            findings: {
                type: 'object', additionalProperties: { type: 'boolean' },
                propertyNames: { enum: [...vocabulary.texts].sort() },
                description: '执法人员对文字情形的认定：情形原文 → true（认定）/ false（不认定）。'
            },
            priorViolations: { type: 'array', items: date, description: '此前同类违法行为的日期（判定首次违法与回溯期）。' },
            expected: {
                type: 'object', additionalProperties: false, description: '案例测试的预期结果；写了的字段才比较。',
                properties: {
                    item: { type: 'string' }, tier: nullableText, range: nullableText, exemption: nullableText, entry: nullableText,
                    benchmark: { type: 'string' }
                }
            }
        }
    };
}
