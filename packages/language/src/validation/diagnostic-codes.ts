/**
 * The one registry of Chidu diagnostic codes. Every check reports through a code listed here; the CLI,
 * the language server and docs/diagnostics.md all read this table.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface DiagnosticSpec {
    readonly severity: Severity;
    /** Short Chinese title. */
    readonly title: string;
    /** What the check catches and why (the legal source where there is one). */
    readonly description: string;
    /** A failing example (a fragment of a .chidu file). */
    readonly bad: string;
    /** The same fragment fixed. */
    readonly good: string;
    /** How to fix it. */
    readonly fix: string;
}

export const DIAGNOSTICS = {
    CD001: {
        severity: 'error', title: '无法识别的字符',
        description: '文件中出现了 Chidu 不认识的字符序列（例如未加引号的中文名称、未闭合的「」）。名称、情形等自由文字必须写在「」内。',
        bad: '事项 DQ-1 未加引号的名称 { }', good: '事项 DQ-1 「未依法取得排污许可证排放大气污染物」 { }',
        fix: '把名称和情形写进「」；检查引号是否成对。'
    },
    CD002: {
        severity: 'error', title: '语法错误',
        description: '语句结构不符合 Chidu 语法，例如缺少「{」「}」、关键字拼写错误或顺序不对。',
        bad: '基准 「某基准」 { 层级 省', good: '基准 「某基准」 { 层级 省 }',
        fix: '按提示补全或删除多余的内容；可参考 examples/ 中的写法。'
    },
    CD003: {
        severity: 'error', title: '文件无法读取',
        description: '文件不是有效的 UTF-8 文本，或无法读取。',
        bad: '（以 GBK 编码保存的 .chidu 文件）', good: '（以 UTF-8 编码保存的 .chidu 文件）',
        fix: '用 UTF-8 编码重新保存文件。'
    },
    CD101: {
        severity: 'error', title: '缺少必填的基准信息',
        description: '基准文件必须写明制定机关、层级和施行日期（国办发〔2022〕27号；《行政处罚法》第三十四条要求裁量基准向社会公布）。',
        bad: '基准 「某基准」 { 层级 省 }', good: '基准 「某基准」 { 制定机关 「广东省生态环境厅」 层级 省 施行日期 2022-01-01 }',
        fix: '在基准头部补充缺少的字段。'
    },
    CD102: {
        severity: 'error', title: '事项缺少必填字段',
        description: '事项必须写明违反条款、处罚依据和法定处罚；细化上级事项的下级事项可继承上级的这些字段。',
        bad: '事项 A-1 「某违法行为」 { 阶次 1 { 罚款 五万元以下 } }',
        good: '事项 A-1 「某违法行为」 { 违反条款 《某法》第十条 处罚依据 《某法》第五十条 法定处罚 { 罚款 五万元以下 } … }',
        fix: '补充违反条款、处罚依据、法定处罚，或用「细化」指明所细化的上级事项。'
    },
    CD103: {
        severity: 'error', title: '字段重复',
        description: '同一字段只能写一次；重复的值会让人不知道哪一个有效。',
        bad: '层级 省 层级 市', good: '层级 省', fix: '删除多余的一项。'
    },
    CD104: {
        severity: 'error', title: '日期或期限无效',
        description: '日期必须真实存在；废止日期必须晚于施行日期；有效期必须为正。',
        bad: '施行日期 2022-02-30', good: '施行日期 2022-02-28', fix: '改正日期。'
    },
    CD105: {
        severity: 'error', title: '条款引用无法解析',
        description: '条款引用必须写成《法名》第N条第N款第（N）项；省略法名的续引只能跟在完整引用之后。',
        bad: '处罚依据 第九十九条', good: '处罚依据 《大气污染防治法》第九十九条第（一）项',
        fix: '写出法名，或把续引放在完整引用之后（用「、」分隔）。'
    },
    CD201: {
        severity: 'error', title: '上级基准不存在',
        description: '「上级」引用的基准在工作区中找不到（名称须与上级基准的名称一致）。',
        bad: '上级 「不存在的基准」', good: '上级 「广东省生态环境行政处罚自由裁量权裁量基准」',
        fix: '改正名称，或把上级基准文件一并纳入校验路径。'
    },
    CD202: {
        severity: 'error', title: '上级事项编码不存在',
        description: '「细化」或「直接适用」的事项编码在上级基准链中找不到。',
        bad: '事项 JM-1 「…」 细化 DQ-999 { }', good: '事项 JM-1 「…」 细化 DQ-99-1 { }',
        fix: '改正编码，或先在文件头声明「上级」。'
    },
    CD203: {
        severity: 'error', title: '上级阶次不存在',
        description: '阶次「细化」所指的阶次不是被细化的上级事项的阶次。',
        bad: '阶次 1 { 细化 「不存在」 … }', good: '阶次 1 { 细化 「简化管理」 … }',
        fix: '使用上级事项中已有的阶次名称。'
    },
    CD204: {
        severity: 'error', title: '上级关系成环',
        description: '基准的「上级」链不能回到自身。',
        bad: 'A 的上级为 B，B 的上级为 A', good: 'A 的上级为 B，B 无上级', fix: '删除成环的上级声明。'
    },
    CD205: {
        severity: 'error', title: '层级不低于上级',
        description: '下级基准的层级必须低于其上级（国家 → 省 → 市 → 县 → 乡镇）。',
        bad: '层级 省  上级 「某市基准」', good: '层级 县  上级 「某市基准」', fix: '改正层级或上级。'
    },
    CD206: {
        severity: 'error', title: '事项编码重复',
        description: '同一基准文件中的事项编码必须唯一；同一上级事项也只能被细化或直接适用一次。',
        bad: '事项 A-1 … 事项 A-1 …', good: '事项 A-1 … 事项 A-2 …', fix: '改用唯一的编码，或合并两个事项。'
    },
    CD207: {
        severity: 'error', title: '编码与上级事项重复',
        description: '新设事项（不细化上级）使用了上级基准链中已有的编码，同一机关链中的编码因此含义不明。',
        bad: '事项 DQ-99-1 「…」 { …新设… }', good: '事项 DQ-99-1 「…」 细化 DQ-99-1 { … }',
        fix: '若是细化上级事项，加上「细化 编码」；否则换一个编码。'
    },
    CD208: {
        severity: 'error', title: '阶次名称重复',
        description: '同一事项中的阶次名称必须唯一，下级才能无歧义地引用。',
        bad: '阶次 1 {…} 阶次 一 {…}', good: '阶次 1 {…} 阶次 2 {…}', fix: '为阶次改用唯一名称。'
    },
    CD209: {
        severity: 'warning', title: '阶次未说明细化的上级阶次',
        description: '被细化的上级事项划分了阶次时，下级每个阶次都应写明它细化哪个（哪些）上级阶次，才能逐阶次检查「不超出上级阶次」。',
        bad: '阶次 1 { 罚款 十万元以上二十万元以下 }', good: '阶次 1 { 细化 「简化管理」 罚款 十万元以上二十万元以下 }',
        fix: '在阶次中加「细化 「上级阶次名」」。'
    },
    CD301: {
        severity: 'error', title: '幅度表述无效',
        description: '幅度须写成「X以上Y以下」「X以下」「不足X」「X至Y」或单一数额；下限不能高于上限，单位须一致。',
        bad: '罚款 十万元以下五万元以上', good: '罚款 五万元以上十万元以下', fix: '先写下限再写上限，并检查数额。'
    },
    CD302: {
        severity: 'error', title: '计罚基数或单位不当',
        description: '倍数和百分比必须写明基数（违法所得、货值金额、总投资额等）；固定金额不能带基数；罚款不能以日、月计。',
        bad: '罚款 十倍以上二十倍以下', good: '罚款 货值金额 十倍以上二十倍以下', fix: '补写或删除基数，改正单位。'
    },
    CD303: {
        severity: 'error', title: '阶次超出法定幅度',
        description: '阶次的处罚标准必须在法定处罚幅度之内（按各自的边界规则解释后比较）。减轻处罚阶次不受法定下限约束。',
        bad: '法定处罚 { 罚款 五万元以下 }  阶次 4 { 罚款 四万元以上六万元以下 }',
        good: '阶次 4 { 罚款 四万元以上五万元以下 }', fix: '把幅度收回法定范围内。'
    },
    CD304: {
        severity: 'error', title: '阶次增设法定处罚以外的种类',
        description: '阶次使用了法定处罚（含情节严重等升格情形）中没有的处罚种类（《行政处罚法》第九条）。',
        bad: '法定处罚 { 罚款 五万元以下 }  阶次 1 { 吊销许可证件 }', good: '阶次 1 { 罚款 一万元以下 }',
        fix: '删除该处罚种类，或改正法定处罚。'
    },
    CD305: {
        severity: 'error', title: '计罚方式与法定处罚不可比',
        description: '阶次的罚款计算方式（固定金额、某基数的倍数或百分比）在法定处罚中不存在，无法证明其在法定幅度内。',
        bad: '法定处罚 { 罚款 货值金额 十倍以上二十倍以下 }  阶次 1 { 罚款 五万元以下 }',
        good: '阶次 1 { 罚款 货值金额 十倍以上十三倍以下 }', fix: '使用与法定处罚相同的计算方式。'
    },
    CD401: {
        severity: 'error', title: '下级阶次超出上级阶次',
        description: '下级阶次不得超出其细化的上级阶次（国办发〔2022〕27号：不能超出上级行政机关划定的阶次或者幅度）。',
        bad: '阶次 1 { 细化 「1」 罚款 一万元以上三万元以下 }（上级阶次「1」为 二万元以下）',
        good: '阶次 1 { 细化 「1」 罚款 一万元以上二万元以下 }', fix: '把幅度收回上级阶次之内，或改为细化更合适的上级阶次。'
    },
    CD402: {
        severity: 'error', title: '下级事项超出上级事项幅度',
        description: '下级事项的处罚（及其阶次）不得超出上级事项的幅度。',
        bad: '上级事项幅度 十万元以上一百万元以下，下级阶次 罚款 五万元以上十万元以下',
        good: '下级阶次 罚款 十万元以上二十万元以下', fix: '把幅度收回上级幅度之内。'
    },
    CD403: {
        severity: 'error', title: '下级增设处罚种类',
        description: '下级不得增加上级没有的处罚种类。',
        bad: '上级只有罚款，下级阶次写「吊销许可证件」', good: '下级阶次只用上级已有的种类',
        fix: '删除上级没有的处罚种类。'
    },
    CD404: {
        severity: 'error', title: '计罚方式与上级不可比',
        description: '下级使用了上级没有的罚款计算方式（例如上级按倍数、下级按固定金额），无法证明未超出上级幅度。',
        bad: '上级 罚款 货值金额 十倍以上二十倍以下，下级 罚款 十万元以下', good: '下级 罚款 货值金额 十倍以上十二倍以下',
        fix: '使用与上级相同的计算方式（同一基数的倍数比倍数，固定金额比固定金额）。'
    },
    CD501: {
        severity: 'warning', title: '阶次重叠',
        description: '同一事项的两个阶次在某个数额上重叠（按文件的边界规则），执法人员无法确定适用哪一阶次。若规则规定就高适用，可在文件头声明「竞合 取重」。',
        bad: '边界 以上含本数 以下含本数 … 阶次 1 { 罚款 一万元以上三万元以下 } 阶次 2 { 罚款 三万元以上五万元以下 }',
        good: '边界 以上含本数 以下不含本数 …（或在文件头声明 竞合 取重）', fix: '调整阶次边界，或声明竞合规则。'
    },
    CD502: {
        severity: 'warning', title: '阶次之间有空档',
        description: '阶次没有覆盖法定（或上级）幅度中的某一段，例如在「以下不含本数」规则下最高阶次写作「四万元以上五万元以下」会漏掉法定最高额 5万元。',
        bad: '边界 以上含本数 以下不含本数 … 阶次 4 { 罚款 四万元以上五万元以下 }（法定 五万元以下）',
        good: '阶次 4 { 罚款 四万元以上五万元以下 含本数 }', fix: '调整阶次边界使其覆盖整个幅度，或对端点写明「含本数」。'
    }
} as const satisfies Record<string, DiagnosticSpec>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
    return typeof code === 'string' && Object.prototype.hasOwnProperty.call(DIAGNOSTICS, code);
}
