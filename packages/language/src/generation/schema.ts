import { GRADE_WORDS } from '../domain/index.js';

/**
 * JSON Schema (2020-12) of `chidu build` output: the data specification that enforcement and supervision
 * systems code against (cf. 003 第十五条 数据规范). Every field is described.
 */
const endpoint = {
    type: ['object', 'null'],
    description: '区间的一端；null 表示该端无界（例如「五万元以下」没有下限）。',
    required: ['value', 'closed'],
    additionalProperties: false,
    properties: {
        value: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: '精确十进制数字符串。金额以元计（不使用浮点数）；倍数、百分比（5 表示 5%）、日数等以其单位计。' },
        closed: { type: 'boolean', description: 'true 表示含本数（闭端），false 表示不含本数（开端）。已按文件的边界规则解释。' }
    }
} as const;

const source = {
    type: 'object',
    description: '源文件中的位置（行、列从 1 开始）。',
    required: ['file', 'line', 'column'],
    additionalProperties: false,
    properties: {
        file: { type: 'string', description: '源文件路径（相对于工作区根目录：--root，默认为所在 git 仓库的根目录；使用 / 分隔）。' },
        line: { type: 'integer', minimum: 1, description: '行号。' },
        column: { type: 'integer', minimum: 1, description: '列号。' }
    }
} as const;

const benchmarkDocument = {
    title: 'Chidu 生效裁量基准（effective benchmark）',
    description: '一个制定机关生效的行政裁量权基准：本级事项、细化的上级事项（同时载明所细化的上级阶次）以及直接适用并展开的上级事项。所有区间的端点均已按边界规则写明开闭。',
    type: 'object',
    required: ['format', 'formatVersion', 'document', 'facts', 'items'],
    additionalProperties: false,
    properties: {
        format: { const: 'chidu-effective-benchmark', description: '数据格式标识。' },
        formatVersion: { const: 1, description: '数据格式版本；不兼容的变更会提高此版本。' },
        document: {
            type: 'object',
            description: '基准文件的基本信息。',
            required: ['name', 'issuer', 'level', 'levelLabel', 'docNumber', 'effectiveFrom', 'effectiveTo', 'validFor', 'domain', 'parents', 'boundarySemantics', 'hitPolicy', 'source'],
            additionalProperties: false,
            properties: {
                name: { type: 'string', description: '基准名称。' },
                issuer: { type: ['string', 'null'], description: '制定机关。' },
                level: { enum: ['national', 'province', 'city', 'county', 'township', null], description: '层级：国家、省、市、县、乡镇。' },
                levelLabel: { type: ['string', 'null'], description: '层级的中文名称，如「省级」。' },
                docNumber: { type: ['string', 'null'], description: '文号，如「粤环发〔2021〕7号」。' },
                effectiveFrom: { type: ['string', 'null'], format: 'date', description: '施行日期（YYYY-MM-DD）。' },
                effectiveTo: { type: ['string', 'null'], format: 'date', description: '废止日期（YYYY-MM-DD），未规定时为 null。' },
                validFor: {
                    type: ['object', 'null'], description: '有效期，如 5 年。',
                    required: ['value', 'unit'], additionalProperties: false,
                    properties: {
                        value: { type: 'string', description: '期限数值（可为中文数字原文，如「五」）。' },
                        unit: { enum: ['year', 'month', 'day'], description: '期限单位。' }
                    }
                },
                domain: { type: ['string', 'null'], description: '领域，如「生态环境」。' },
                parents: {
                    type: 'array', description: '所细化的上级基准。',
                    items: {
                        type: 'object', required: ['name', 'issuer'], additionalProperties: false,
                        properties: {
                            name: { type: 'string', description: '上级基准名称。' },
                            issuer: { type: ['string', 'null'], description: '上级制定机关。' }
                        }
                    }
                },
                boundarySemantics: {
                    type: 'object', description: '本文件中「以上」「以下」是否含本数（阶次按此解释）；法定处罚按法律惯例（均含本数）解释。',
                    required: ['atLeast', 'atMost', 'statutory'], additionalProperties: false,
                    properties: {
                        atLeast: { enum: ['closed', 'open'], description: '「以上」：closed = 含本数。' },
                        atMost: { enum: ['closed', 'open'], description: '「以下」：closed = 含本数。' },
                        statutory: {
                            type: 'object', description: '法定处罚的解释规则。', required: ['atLeast', 'atMost'], additionalProperties: false,
                            properties: { atLeast: { const: 'closed', description: '以上含本数。' }, atMost: { const: 'closed', description: '以下含本数。' } }
                        }
                    }
                },
                hitPolicy: { enum: ['heavier', 'lighter', 'unique', null], description: '多个阶次同时适用时的规则：heavier = 取重（按较重阶次处罚），lighter = 取轻，unique = 阶次互斥。' },
                source
            }
        },
        facts: { type: 'array', items: { $ref: '#/$defs/fact' }, description: '条件所用的事实词汇：本文件及上级文件声明的事实，以及《行政处罚法》规定的情节。执法系统据此校验案件事实。' },
        items: { type: 'array', description: '生效的事项，按编码排序。', items: { $ref: '#/$defs/item' } }
    }
} as const;

const nullableString = (description: string) => ({ type: ['string', 'null'], description });
const stringArray = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

const listDocument = {
    title: 'Chidu 减免责清单（exemption list）',
    description: '一份清单（不予处罚、减轻处罚、从轻处罚、从重处罚、首违不罚、免处罚免强制、减免责、企业合规免责清单）的生效组成：本级条目、收窄的上级条目和直接适用并展开的上级条目（注明来源）。',
    type: 'object',
    required: ['format', 'formatVersion', 'document', 'facts', 'entries', 'observationPeriods'],
    additionalProperties: false,
    properties: {
        format: { const: 'chidu-exemption-list', description: '数据格式标识。' },
        formatVersion: { const: 1, description: '数据格式版本。' },
        document: {
            type: 'object', description: '清单的基本信息。',
            required: ['name', 'kind', 'issuer', 'level', 'levelLabel', 'docNumber', 'effectiveFrom', 'effectiveTo', 'validFor', 'domain', 'parents', 'benchmarks', 'excludedDomains', 'excludedAreas', 'source'],
            additionalProperties: false,
            properties: {
                name: { type: 'string', description: '清单名称。' },
                kind: nullableString('清单类别，如「不予处罚清单」「首违不罚清单」「企业合规免责清单」。'),
                issuer: nullableString('制定机关。'),
                level: { enum: ['national', 'province', 'city', 'county', 'township', null], description: '层级。' },
                levelLabel: nullableString('层级的中文名称。'),
                docNumber: nullableString('文号。'),
                effectiveFrom: { type: ['string', 'null'], format: 'date', description: '施行日期。' },
                effectiveTo: { type: ['string', 'null'], format: 'date', description: '废止日期。' },
                validFor: {
                    type: ['object', 'null'], description: '有效期。', required: ['value', 'unit'], additionalProperties: false,
                    properties: { value: { type: 'string', description: '期限数值。' }, unit: { enum: ['year', 'month', 'day'], description: '期限单位。' } }
                },
                domain: nullableString('领域。'),
                parents: {
                    type: 'array', description: '上级清单。',
                    items: {
                        type: 'object', required: ['name', 'issuer'], additionalProperties: false,
                        properties: { name: { type: 'string', description: '上级清单名称。' }, issuer: nullableString('上级制定机关。') }
                    }
                },
                benchmarks: stringArray('清单所依据的裁量基准名称。'),
                excludedDomains: stringArray('不适用包容审慎措施的排除领域（未配置时为默认：公共安全、人身健康、生命财产安全、市场经济秩序）。'),
                excludedAreas: stringArray('排除区域（如生态环境敏感区），适用于全部条目。'),
                source
            }
        },
        facts: { type: 'array', items: { $ref: '#/$defs/fact' }, description: '条件所用的事实词汇：本文件及上级文件声明的事实，以及《行政处罚法》规定的情节。执法系统据此校验案件事实。' },
        entries: { type: 'array', items: { $ref: '#/$defs/entry' }, description: '生效条目，按编号排序。' },
        observationPeriods: {
            type: 'array', description: '执法观察期。',
            items: {
                type: 'object', required: ['name', 'targets', 'start', 'end', 'scope', 'domain', 'measures', 'source'], additionalProperties: false,
                properties: {
                    name: { type: 'string', description: '观察期名称。' },
                    targets: stringArray('适用对象（新技术、新产业、新业态、新模式）。'),
                    start: { type: ['string', 'null'], format: 'date', description: '开始日期。' },
                    end: { type: ['string', 'null'], format: 'date', description: '结束日期。' },
                    scope: nullableString('适用范围。'),
                    domain: nullableString('领域。'),
                    measures: stringArray('优先采取的柔性措施。'),
                    source
                }
            }
        }
    }
} as const;

const listDefs = {
    condition: {
        description: '适用条件：同时满足（all）、满足其一（any）、均不满足（none，即「不属于」）、是否情节（fact）、量化指标（indicator）、枚举取值（membership）或无法类型化的文字情形（text）。',
        oneOf: [
            {
                type: 'object', required: ['type', 'conditions'], additionalProperties: false,
                properties: {
                    type: { enum: ['all', 'any', 'none'], description: 'all = 同时满足；any = 满足其一；none = 不属于（子条件均不满足）。' },
                    conditions: { type: 'array', items: { $ref: '#/$defs/condition' }, description: '子条件。' }
                }
            },
            {
                type: 'object', required: ['type', 'text'], additionalProperties: false,
                properties: { type: { const: 'text', description: '文字情形：含义无法类型化，须由执法人员判断。' }, text: { type: 'string', description: '情形原文。' } }
            },
            {
                type: 'object', required: ['type', 'fact', 'basis', 'text'], additionalProperties: false,
                properties: {
                    type: { const: 'fact', description: '是否情节：案件事实中该情节成立即满足。' },
                    fact: { type: 'string', description: '情节名称（见 facts），如「初次违法」。' },
                    basis: nullableString('规定该情节的法条，如《行政处罚法》第三十三条第一款。'),
                    text: { type: 'string', description: '原文写法，如「首次违法」。' }
                }
            },
            { $ref: '#/$defs/indicator' },
            { $ref: '#/$defs/membership' }
        ]
    },
    indicator: {
        type: 'object', description: '量化指标：事实的数值落入区间即满足。', required: ['type', 'name', 'interval', 'text'], additionalProperties: false,
        properties: {
            type: { const: 'indicator', description: '量化指标。' },
            name: { type: 'string', description: '指标（事实）名称，如「超标倍数」「违法所得」「pH」。' },
            interval: { anyOf: [{ $ref: '#/$defs/interval' }, { type: 'null' }], description: '指标须落入的区间（端点开闭已按所在文件的边界规则明确）。' },
            text: { type: 'string', description: '原文写法，如「不足0.5倍」。' }
        }
    },
    membership: {
        type: 'object', description: '枚举取值：事实取列出的值之一（negated 为 true 时：不取其中任何一个）即满足。',
        required: ['type', 'fact', 'values', 'negated', 'text'], additionalProperties: false,
        properties: {
            type: { const: 'membership', description: '枚举取值。' },
            fact: { type: 'string', description: '事实名称（见 facts），如「区域」。' },
            values: stringArray('列出的取值，如「饮用水水源保护区」。'),
            negated: { type: 'boolean', description: 'false = 为／属于；true = 不为／不属于。' },
            text: { type: 'string', description: '原文写法。' }
        }
    },
    fact: {
        type: 'object', description: '条件所用的一个事实（情节）：本文件或上级文件声明的，或《行政处罚法》规定的情节。',
        required: ['name', 'kind', 'unit', 'values', 'definition', 'basis', 'window', 'declaredIn'], additionalProperties: false,
        properties: {
            name: { type: 'string', description: '事实名称。' },
            kind: { enum: ['flag', 'quantity', 'enumeration', 'count'], description: 'flag 是否；quantity 数量；enumeration 枚举；count 次数。' },
            unit: nullableString('数量或次数的单位。'),
            values: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }], description: '枚举的全部取值。' },
            definition: nullableString('定义。'),
            basis: nullableString('规定该事实的法条。'),
            window: {
                description: '次数事实的回溯期：months 为月数（两年内 = 24）；calendarYear 为年度内（当年1月1日起）；null 表示未声明。',
                anyOf: [
                    { type: 'object', required: ['kind', 'months'], additionalProperties: false, properties: { kind: { const: 'months', description: '按月计的期间。' }, months: { type: 'integer', minimum: 0, description: '月数。' } } },
                    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'calendarYear', description: '年度内：违法行为发生当年1月1日起。' } } },
                    { type: 'null' }
                ]
            },
            declaredIn: nullableString('声明该事实的文件名称；null 表示《行政处罚法》规定的情节。')
        }
    },
    entry: {
        type: 'object', description: '清单中的一个条目。',
        required: ['number', 'name', 'origin', 'refines', 'adoptedFrom', 'item', 'violation', 'violatedProvisions', 'domain', 'conditions', 'consequence', 'grounds', 'measures', 'lookback', 'excludedAreas', 'justification', 'penalty', 'source'],
        additionalProperties: false,
        properties: {
            number: { type: 'string', description: '条目编号（序号）。' },
            name: nullableString('条目名称。'),
            origin: { enum: ['own', 'refined', 'adopted'], description: 'own 本级条目；refined 收窄的上级条目；adopted 直接适用的上级条目。' },
            refines: {
                type: ['object', 'null'], description: '所收窄的上级条目。', required: ['document', 'number'], additionalProperties: false,
                properties: { document: { type: 'string', description: '上级清单名称。' }, number: { type: 'string', description: '上级条目编号。' } }
            },
            adoptedFrom: {
                type: ['object', 'null'], description: '直接适用的上级条目来源。', required: ['document', 'number'], additionalProperties: false,
                properties: { document: { type: 'string', description: '上级清单名称。' }, number: { type: 'string', description: '上级条目编号。' } }
            },
            item: {
                type: ['object', 'null'], description: '对应的裁量基准事项。', required: ['document', 'code', 'violation'], additionalProperties: false,
                properties: {
                    document: { type: 'string', description: '基准名称。' },
                    code: { type: 'string', description: '事项编码。' },
                    violation: nullableString('事项的违法行为。')
                }
            },
            violation: nullableString('违法行为。'),
            violatedProvisions: { type: 'array', items: { $ref: '#/$defs/citation' }, description: '违反条款。' },
            domain: nullableString('条目所属领域。'),
            conditions: { anyOf: [{ $ref: '#/$defs/condition' }, { type: 'null' }], description: '适用条件。' },
            consequence: {
                type: ['object', 'null'], description: '后果。', required: ['word', 'kind', 'mandatory'], additionalProperties: false,
                properties: {
                    word: { type: 'string', description: '原文，如「不予处罚」「可以不予处罚」。' },
                    kind: { enum: ['noPenalty', 'mitigated', 'lenient', 'aggravated', 'noCoercion'], description: 'noPenalty 不予（免予）处罚；mitigated 减轻；lenient 从轻；aggravated 从重；noCoercion 免予行政强制。' },
                    mandatory: { type: 'boolean', description: 'true = 应当（不予处罚）；false = 可以（可以不予处罚）。' }
                }
            },
            grounds: { type: 'array', items: { $ref: '#/$defs/citation' }, description: '法律依据，如《行政处罚法》第三十三条第一款。' },
            measures: stringArray('仍须采取的措施，如责令改正、批评教育、没收。'),
            lookback: {
                type: ['object', 'null'], description: '首违不罚的回溯期。', required: ['value', 'unit'], additionalProperties: false,
                properties: { value: { type: 'string', description: '期限数值。' }, unit: { enum: ['year', 'month', 'day'], description: '期限单位。' } }
            },
            excludedAreas: stringArray('不适用本条目的区域（清单的与条目的合并）。'),
            justification: nullableString('列入排除领域时的理由。'),
            penalty: { anyOf: [{ $ref: '#/$defs/penalty' }, { type: 'null' }], description: '从重清单条目的处罚。' },
            source
        }
    }
} as const;

const nullableText = (description: string) => ({ type: ['string', 'null'], description });

/** The build manifest index.json at the root of the output tree. */
const manifestDocument = {
    title: 'Chidu 构建清单（index.json）',
    description: '输出树根目录下的 index.json：本次构建的每个输出文件及其源文件、类别、名称、版本（施行日期）和 sha256。不列出它自己。',
    type: 'object',
    required: ['format', 'formatVersion', 'outputs'],
    additionalProperties: false,
    properties: {
        format: { const: 'chidu-build-manifest', description: '数据格式标识。' },
        formatVersion: { const: 1, description: '数据格式版本。' },
        outputs: {
            type: 'array', description: '输出文件，按路径排序。',
            items: {
                type: 'object',
                required: ['path', 'source', 'kind', 'listKind', 'name', 'issuer', 'level', 'docNumber', 'effectiveFrom', 'effectiveTo', 'sha256', 'bytes'],
                additionalProperties: false,
                properties: {
                    path: { type: 'string', description: '输出文件相对于输出目录的路径（/ 分隔）。' },
                    source: { type: 'string', description: '源文件相对于工作区根目录的路径（与输出中的 source.file 相同）。' },
                    kind: { enum: ['benchmark', 'exemption-list'], description: 'benchmark 生效裁量基准，exemption-list 减免责清单。' },
                    listKind: nullableText('清单的类别（如「不予处罚清单」）；基准为 null。'),
                    name: { type: 'string', description: '文件名称。' },
                    issuer: nullableText('制定机关。'),
                    level: nullableText('层级。'),
                    docNumber: nullableText('文号。'),
                    effectiveFrom: { type: ['string', 'null'], format: 'date', description: '施行日期：文件的版本。' },
                    effectiveTo: { type: ['string', 'null'], format: 'date', description: '废止日期（YYYY-MM-DD），未规定时为 null。' },
                    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: '输出文件字节（UTF-8）的 sha256，小写十六进制。' },
                    bytes: { type: 'integer', minimum: 0, description: '输出文件的字节数。' }
                }
            }
        }
    }
} as const;

/** The JSON Schema of everything `chidu build` writes: one effective benchmark or one list per file, and the manifest. */
export const BUILD_OUTPUT_SCHEMA = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://chidu.dev/schema/build-output-1.json',
    title: 'Chidu 编译输出',
    description: '`chidu build` 为每个文件写出一个 JSON：生效裁量基准（format = chidu-effective-benchmark）或减免责清单（format = chidu-exemption-list），并在输出树根目录写出构建清单 index.json（format = chidu-build-manifest）。',
    oneOf: [{ $ref: '#/$defs/effectiveBenchmark' }, { $ref: '#/$defs/exemptionList' }, { $ref: '#/$defs/buildManifest' }],
    $defs: {
        effectiveBenchmark: benchmarkDocument,
        exemptionList: listDocument,
        buildManifest: manifestDocument,
        ...listDefs,

        interval: {
            type: 'object',
            description: '一个幅度区间，端点开闭已明确。',
            required: ['unit', 'lower', 'upper', 'notation'],
            additionalProperties: false,
            properties: {
                unit: { enum: ['yuan', 'multiple', 'percent', 'day', 'month', 'year', 'ton', 'hour', 'count', 'number'], description: '单位：yuan 元、multiple 倍、percent 百分比、day 日、month 月、year 年、ton 吨、hour 小时、count 次数、number 无单位的数值（如 pH）。' },
                lower: { ...endpoint, description: '下限；null 表示无下限。' },
                upper: { ...endpoint, description: '上限；null 表示无上限。' },
                notation: { type: 'string', description: '数学记法，如「[10万元, 40万元)」，便于人工核对。' }
            }
        },
        base: {
            type: 'object', description: '计罚基数。', required: ['key', 'label'], additionalProperties: false,
            properties: {
                key: { type: 'string', description: '基数标识：illegalGains 违法所得、goodsValue 货值金额、adFees 广告费用、totalInvestment 总投资额、constructionCost 工程造价 等；自定义基数为 custom:名称。' },
                label: { type: 'string', description: '基数的中文名称。' }
            }
        },
        amount: {
            description: '处罚的数额：固定金额、某基数的倍数或百分比、期限，或按基数分档的门槛切换。',
            oneOf: [
                {
                    type: 'object', required: ['measure', 'base', 'interval', 'text'], additionalProperties: false,
                    properties: {
                        measure: { enum: ['fixed', 'multiple', 'percent', 'duration'], description: 'fixed 固定金额（元）；multiple 基数的倍数；percent 基数的百分比；duration 期限（拘留日数、暂扣月数等）。' },
                        base: { anyOf: [{ $ref: '#/$defs/base' }, { type: 'null' }], description: '倍数和百分比的基数；固定金额和期限为 null。' },
                        interval: { $ref: '#/$defs/interval', description: '幅度。' },
                        text: { type: 'string', description: '原文写法，如「十万元以上一百万元以下」。' }
                    }
                },
                {
                    type: 'object', required: ['measure', 'base', 'branches'], additionalProperties: false,
                    properties: {
                        measure: { const: 'switch', description: '按基数分档：根据基数所在区间选择幅度。' },
                        base: { $ref: '#/$defs/base', description: '分档所依据的基数，如货值金额。' },
                        branches: {
                            type: 'array', description: '各档；guard 与 fallback 二者有一。',
                            items: {
                                type: 'object', required: ['guard', 'fallback', 'amount'], additionalProperties: false,
                                properties: {
                                    guard: { anyOf: [{ $ref: '#/$defs/interval' }, { type: 'null' }], description: '基数落在此区间时适用本档（以元计）。' },
                                    fallback: { type: ['string', 'null'], description: '基数无法计算等兜底情形，如「无法计算」「没有违法所得」。' },
                                    amount: { anyOf: [{ $ref: '#/$defs/amount' }, { type: 'null' }], description: '本档的数额。' }
                                }
                            }
                        }
                    }
                }
            ]
        },
        sanction: {
            description: '一项处罚或措施。',
            oneOf: [
                {
                    type: 'object', required: ['type', 'name'], additionalProperties: false,
                    properties: {
                        type: { const: 'measure', description: '非处罚措施（如责令改正，《行政处罚法》第二十八条）。' },
                        name: { type: 'string', description: '措施名称。' }
                    }
                },
                {
                    type: 'object', required: ['type', 'kind', 'kindLabel', 'name', 'amount'], additionalProperties: false,
                    properties: {
                        type: { const: 'penalty', description: '行政处罚（《行政处罚法》第九条）。' },
                        kind: {
                            enum: ['warning', 'notice', 'fine', 'confiscateGains', 'confiscateProperty', 'suspendLicense', 'demoteQualification', 'revokeLicense', 'restrictBusiness', 'suspendProduction', 'close', 'restrictPractice', 'detention', 'other'],
                            description: '处罚种类标识。'
                        },
                        kindLabel: { type: 'string', description: '处罚种类的规范中文名称。' },
                        name: { type: 'string', description: '原文用词（如「吊销营业执照」归入吊销许可证件）。' },
                        amount: { anyOf: [{ $ref: '#/$defs/amount' }, { type: 'null' }], description: '数额或期限；没有幅度的处罚种类为 null。' }
                    }
                }
            ]
        },
        group: {
            type: 'object', description: '一组处罚：组内各项互为替代（或者），组与组按 combination 合并。',
            required: ['combination', 'party', 'alternatives'], additionalProperties: false,
            properties: {
                combination: { enum: ['applies', 'mandatory', 'optional', 'alone', 'discretionary'], description: 'applies 直接适用；mandatory 并处（应当一并适用）；optional 可以并处；alone 单处；discretionary 可以（裁量适用）。' },
                party: { enum: ['default', 'unit', 'individual', 'responsiblePerson'], description: '处罚对象：default 当事人、unit 单位、individual 个人、responsiblePerson 直接负责的主管人员和其他直接责任人员（双罚）。' },
                alternatives: { type: 'array', minItems: 1, items: { $ref: '#/$defs/sanction' }, description: '可相互替代的处罚或措施。' }
            }
        },
        penalty: {
            type: 'object', description: '处罚内容：若干处罚组，加上升格情形（情节严重的等）。',
            required: ['groups', 'escalations'], additionalProperties: false,
            properties: {
                groups: { type: 'array', items: { $ref: '#/$defs/group' }, description: '处罚组。' },
                escalations: {
                    type: 'array', description: '升格情形。',
                    items: {
                        type: 'object', required: ['trigger', 'groups'], additionalProperties: false,
                        properties: {
                            trigger: { type: 'string', description: '触发条件，如「情节严重的」「拒不改正的」。' },
                            groups: { type: 'array', items: { $ref: '#/$defs/group' }, description: '升格后的处罚组。' }
                        }
                    }
                }
            }
        },
        weightedTable: {
            type: 'object', description: '权重累加表：罚款 = min(起点 + Σ所选权重, 上限)% × 基数。',
            required: ['base', 'start', 'cap', 'factors', 'range', 'formula'], additionalProperties: false,
            properties: {
                base: {
                    description: '基数：固定金额（元），或某计罚基数的百分比（如总投资额的 5%）。',
                    oneOf: [
                        {
                            type: 'object', required: ['kind', 'value'], additionalProperties: false,
                            properties: {
                                kind: { const: 'amount', description: '固定金额基数。' },
                                value: { type: 'string', description: '基数金额（元，十进制字符串）。' }
                            }
                        },
                        {
                            type: 'object', required: ['kind', 'base', 'percent'], additionalProperties: false,
                            properties: {
                                kind: { const: 'share', description: '按计罚基数的比例。' },
                                base: { $ref: '#/$defs/base', description: '计罚基数，如总投资额。' },
                                percent: { type: 'string', description: '比例（百分数，如 5 表示 5%）。' }
                            }
                        }
                    ]
                },
                start: { type: 'string', description: '裁量起点（百分数）。' },
                cap: { type: 'string', description: '权重合计上限（百分数，通常 100）。' },
                factors: {
                    type: 'array', description: '裁量要素；每个要素选一个违法程度。',
                    items: {
                        type: 'object', required: ['name', 'options'], additionalProperties: false,
                        properties: {
                            name: { type: 'string', description: '裁量要素名称。' },
                            options: {
                                type: 'array', description: '违法程度及其权重。',
                                items: {
                                    type: 'object', required: ['name', 'weight'], additionalProperties: false,
                                    properties: {
                                        name: { type: 'string', description: '违法程度。' },
                                        weight: { type: 'string', description: '权重（百分数）。' }
                                    }
                                }
                            }
                        }
                    }
                },
                range: { $ref: '#/$defs/interval', description: '可达到的罚款幅度（最轻选项至最重选项，封顶后）。' },
                formula: { type: 'string', description: '计算公式的文字说明。' }
            }
        },
        citation: {
            type: 'object', description: '结构化的法条引用。',
            required: ['text', 'law', 'version', 'article', 'articleSuffix', 'paragraph', 'item'], additionalProperties: false,
            properties: {
                text: { type: 'string', description: '规范写法，如「《大气污染防治法》第九十九条第（一）项」。' },
                law: { type: 'string', description: '法律法规简称（去掉「中华人民共和国」）。' },
                version: { type: ['string', 'null'], description: '引用时注明的版本，如「2018年修订」。' },
                article: { type: ['integer', 'null'], description: '条。' },
                articleSuffix: { type: ['integer', 'null'], description: '「第N条之M」中的 M。' },
                paragraph: { type: ['integer', 'null'], description: '款。' },
                item: { type: ['integer', 'null'], description: '项。' }
            }
        },
        tier: {
            type: 'object', description: '一个裁量阶次。',
            required: ['name', 'grade', 'conditions', 'selectors', 'standard', 'refines', 'notes', 'source'], additionalProperties: false,
            properties: {
                name: { type: 'string', description: '阶次名称（数字阶次已规范为阿拉伯数字）。' },
                grade: { enum: [...GRADE_WORDS, null], description: '阶次的裁量等级。' },
                conditions: { type: 'array', items: { type: 'string' }, description: '适用情形（满足其一即可适用本阶次）。' },
                selectors: {
                    type: 'array', description: '选择本阶次的类型化条件（「指标」：数值区间或枚举取值），区间已按本文件的边界规则解释；执法系统可据案件事实直接选择阶次。',
                    items: { oneOf: [{ $ref: '#/$defs/indicator' }, { $ref: '#/$defs/membership' }] }
                },
                standard: { $ref: '#/$defs/penalty', description: '处罚标准。' },
                refines: {
                    type: 'array', description: '本阶次所细化的上级阶次及其处罚标准。',
                    items: {
                        type: 'object', required: ['document', 'item', 'tier', 'standard'], additionalProperties: false,
                        properties: {
                            document: { type: 'string', description: '上级基准名称。' },
                            item: { type: 'string', description: '上级事项编码。' },
                            tier: { type: 'string', description: '上级阶次名称。' },
                            standard: { $ref: '#/$defs/penalty', description: '上级阶次的处罚标准（按上级文件的边界规则解释）。' }
                        }
                    }
                },
                notes: { type: 'array', items: { type: 'string' }, description: '备注。' },
                source
            }
        },
        item: {
            type: 'object', description: '一个生效事项。',
            required: ['code', 'violation', 'origin', 'refines', 'adoptedFrom', 'violatedProvisions', 'penaltyBasis', 'statutoryPenalty', 'statutorySource', 'tiers', 'weightedTable', 'notes', 'source'],
            additionalProperties: false,
            properties: {
                code: { type: 'string', description: '事项编码。' },
                violation: { type: ['string', 'null'], description: '违法行为。' },
                origin: { enum: ['own', 'refined', 'adopted'], description: 'own 本级新设；refined 细化上级事项；adopted 直接适用上级事项（内容按上级展开）。' },
                refines: {
                    type: ['object', 'null'], description: '所细化的上级事项。', required: ['document', 'code'], additionalProperties: false,
                    properties: { document: { type: 'string', description: '上级基准名称。' }, code: { type: 'string', description: '上级事项编码。' } }
                },
                adoptedFrom: {
                    type: ['object', 'null'], description: '直接适用的上级事项来源。', required: ['document', 'code'], additionalProperties: false,
                    properties: { document: { type: 'string', description: '上级基准名称。' }, code: { type: 'string', description: '上级事项编码。' } }
                },
                violatedProvisions: { type: 'array', items: { $ref: '#/$defs/citation' }, description: '违反条款（细化事项未写时继承上级）。' },
                penaltyBasis: { type: 'array', items: { $ref: '#/$defs/citation' }, description: '处罚依据（细化事项未写时继承上级）。' },
                statutoryPenalty: { anyOf: [{ $ref: '#/$defs/penalty' }, { type: 'null' }], description: '法定处罚（按法律惯例解释边界）。' },
                statutorySource: {
                    type: ['object', 'null'], description: '法定处罚写在哪个基准的哪个事项中。', required: ['document', 'code'], additionalProperties: false,
                    properties: { document: { type: 'string', description: '基准名称。' }, code: { type: 'string', description: '事项编码。' } }
                },
                tiers: { type: 'array', items: { $ref: '#/$defs/tier' }, description: '裁量阶次。' },
                weightedTable: { anyOf: [{ $ref: '#/$defs/weightedTable' }, { type: 'null' }], description: '权重累加表（粤环发〔2021〕7号 第六条）；执法系统按所选违法程度计算罚款。没有时为 null。' },
                notes: { type: 'array', items: { type: 'string' }, description: '备注。' },
                source
            }
        }
    }
} as const;
