/**
 * A small table of real statutory penalties (the provisions the Guangdong examples and the 市场监管 chain
 * use, plus two common ones), each with how its 法定处罚 block and a tier's 处罚标准 are written.
 *
 * Amounts are in "units": 元 for fixed amounts, hundredths for multiples (倍) and percentages (百分之), so
 * that every split point is an exact integer.
 */

export type Dim = 'yuan' | 'multiple' | 'percent';

/** One measured part of a penalty (a fine, a branch of a threshold switch, the responsible person's fine). */
export interface Measure {
    readonly dim: Dim;
    /** Lower end, undefined for "X以下" (max-only). */
    readonly lo?: number;
    readonly hi: number;
}

/** A line of penalty text: literal pieces and measured ranges (index into the measures). */
export type Segment = string | { readonly comp: number };
export type Line = readonly Segment[];

export interface Statute {
    readonly id: string;
    /** Department prefix for item codes. */
    readonly dept: string;
    readonly field: '生态环境' | '市场监管' | '应急管理' | '消防';
    readonly violated: string;
    readonly basis: string;
    readonly violations: readonly string[];
    readonly measures: readonly Measure[];
    /** The 法定处罚 block body. */
    readonly statutory: readonly Line[];
    /** A tier's 处罚标准 (the measured lines and the kinds every tier carries). */
    readonly tier: readonly Line[];
    /** Optional escalation a heavy tier may carry (a kind the statute's escalation has). */
    readonly heavyEscalation?: string;
    /** Penalty kinds (Langium words) present anywhere in the statute, to plant a kind it lacks. */
    readonly kindWords: readonly string[];
    /** The statute has an escalation fine of the same measure, so "outside the statute" is not a clean defect. */
    readonly escalationFine?: boolean;
    readonly weight: number;
}

const c = (comp: number) => ({ comp });

export const STATUTES: readonly Statute[] = [
    {
        id: 'DQ99', dept: 'DQ', field: '生态环境', weight: 10,
        violated: '《大气污染防治法》第十九条', basis: '《大气污染防治法》第九十九条第（一）项',
        violations: ['未依法取得排污许可证排放大气污染物', '超过大气污染物排放标准排放大气污染物', '超过重点大气污染物排放总量控制指标排放大气污染物'],
        measures: [{ dim: 'yuan', lo: 100_000, hi: 1_000_000 }],
        statutory: [['责令改正 或者 限制生产 或者 停产整治'], ['并处 罚款 ', c(0)], ['情节严重的 { 责令停业 或者 责令关闭 }']],
        tier: [['罚款 ', c(0)]],
        heavyEscalation: '情节严重的 { 责令停业 }',
        kindWords: ['罚款', '责令停业', '责令关闭']
    },
    {
        id: 'DQ108', dept: 'DQ', field: '生态环境', weight: 8,
        violated: '《大气污染防治法》第四十八条', basis: '《大气污染防治法》第一百零八条第（一）项',
        violations: ['产生含挥发性有机物废气的生产和服务活动，未在密闭空间或者设备中进行，未按照规定安装、使用污染防治设施', '未采取措施防止排放恶臭气体', '工业涂装企业未使用低挥发性有机物含量涂料'],
        measures: [{ dim: 'yuan', lo: 20_000, hi: 200_000 }],
        statutory: [['责令改正'], ['罚款 ', c(0)], ['拒不改正的 { 停产整治 }']],
        tier: [['责令改正'], ['罚款 ', c(0)]],
        kindWords: ['罚款']
    },
    {
        id: 'DQ117', dept: 'DQ', field: '生态环境', weight: 8,
        violated: '《大气污染防治法》第七十二条', basis: '《大气污染防治法》第一百一十七条第（一）项',
        violations: ['未密闭煤炭、煤矸石、煤渣、煤灰、水泥、石灰、石膏、砂土等易产生扬尘的物料', '对不能密闭的易产生扬尘的物料，未设置不低于堆放物高度的严密围挡', '装卸物料未采取密闭或者喷淋等方式控制扬尘排放'],
        measures: [{ dim: 'yuan', lo: 10_000, hi: 100_000 }],
        statutory: [['责令改正'], ['罚款 ', c(0)], ['拒不改正的 { 措施 「责令停工整治或者停业整治」 }']],
        tier: [['责令改正'], ['罚款 ', c(0)]],
        kindWords: ['罚款']
    },
    {
        id: 'SW83', dept: 'SW', field: '生态环境', weight: 8,
        violated: '《水污染防治法》第二十一条', basis: '《水污染防治法》第八十三条第（一）项',
        violations: ['未依法取得排污许可证排放水污染物', '超过水污染物排放标准或者超过重点水污染物排放总量控制指标排放水污染物', '利用渗井、渗坑、裂隙、溶洞，私设暗管，篡改、伪造监测数据，或者不正常运行水污染防治设施等逃避监管的方式排放水污染物'],
        measures: [{ dim: 'yuan', lo: 100_000, hi: 1_000_000 }],
        statutory: [['责令改正 或者 限制生产 或者 停产整治'], ['并处 罚款 ', c(0)], ['情节严重的 { 责令停业 或者 责令关闭 }']],
        tier: [['罚款 ', c(0)]],
        heavyEscalation: '情节严重的 { 责令停业 }',
        kindWords: ['罚款', '责令停业', '责令关闭']
    },
    {
        id: 'HP31-1', dept: 'HP', field: '生态环境', weight: 6,
        violated: '《环境影响评价法》第二十二条、第二十四条、第二十五条', basis: '《环境影响评价法》第三十一条第一款、第二款',
        violations: ['未依法报批建设项目环境影响报告书、报告表，擅自开工建设', '建设项目环境影响报告书、报告表未经批准，建设单位擅自开工建设', '未重新报批或者报请重新审核环境影响报告书、报告表，擅自开工建设'],
        measures: [{ dim: 'percent', lo: 100, hi: 500 }],
        statutory: [['责令停止建设'], ['罚款 总投资额 ', c(0)], ['可以 责令恢复原状']],
        tier: [['责令停止建设'], ['罚款 总投资额 ', c(0)]],
        kindWords: ['罚款']
    },
    {
        id: 'HP31-3', dept: 'HP', field: '生态环境', weight: 5,
        violated: '《环境影响评价法》第二十二条第四款', basis: '《环境影响评价法》第三十一条第三款',
        violations: ['未依法备案建设项目环境影响登记表'],
        measures: [{ dim: 'yuan', hi: 50_000 }],
        statutory: [['责令备案'], ['罚款 ', c(0)]],
        tier: [['责令备案'], ['罚款 ', c(0)]],
        kindWords: ['罚款']
    },
    {
        id: 'HP32-1', dept: 'HP', field: '生态环境', weight: 4,
        violated: '《环境影响评价法》第二十条第一款', basis: '《环境影响评价法》第三十二条第一款',
        violations: ['建设项目环境影响报告书、环境影响报告表存在基础资料明显不实，内容存在重大缺陷、遗漏或者虚假', '环境影响评价结论不正确或者不合理等严重质量问题'],
        measures: [{ dim: 'yuan', lo: 500_000, hi: 2_000_000 }, { dim: 'yuan', lo: 50_000, hi: 200_000 }],
        statutory: [['对单位 罚款 ', c(0)], ['并处 对责任人员 罚款 ', c(1)]],
        tier: [['罚款 ', c(0)], ['并处 对责任人员 罚款 ', c(1)]],
        kindWords: ['罚款']
    },
    {
        id: 'SP124', dept: 'SP', field: '市场监管', weight: 8,
        violated: '《食品安全法》第三十四条', basis: '《食品安全法》第一百二十四条第一款',
        violations: ['生产经营致病性微生物、农药残留、兽药残留超过食品安全标准限量的食品', '用超过保质期的食品原料、食品添加剂生产食品、食品添加剂', '超范围、超限量使用食品添加剂生产食品', '生产经营添加药品的食品'],
        measures: [{ dim: 'yuan', lo: 50_000, hi: 100_000 }, { dim: 'multiple', lo: 1000, hi: 2000 }],
        statutory: [
            ['没收违法所得'], ['没收非法财物'], ['可以 没收非法财物'],
            ['并处 罚款 按 货值金额 {'], ['    不足一万元 : ', c(0)], ['    一万元以上 : 货值金额 ', c(1)], ['}'],
            ['情节严重的 { 吊销许可证 }']
        ],
        tier: [['没收违法所得'], ['没收非法财物'], ['并处 罚款 按 货值金额 {'], ['    不足一万元 : ', c(0)], ['    一万元以上 : 货值金额 ', c(1)], ['}']],
        heavyEscalation: '情节严重的 { 吊销许可证 }',
        kindWords: ['没收违法所得', '没收非法财物', '罚款', '吊销许可证']
    },
    {
        id: 'SP125', dept: 'SP', field: '市场监管', weight: 6,
        violated: '《食品安全法》第四十条', basis: '《食品安全法》第一百二十五条第一款',
        violations: ['生产经营被包装材料、容器、运输工具等污染的食品、食品添加剂', '生产经营无标签的预包装食品、食品添加剂或者标签、说明书不符合规定的食品、食品添加剂', '生产经营转基因食品未按规定进行标示'],
        measures: [{ dim: 'yuan', lo: 5_000, hi: 50_000 }, { dim: 'multiple', lo: 500, hi: 1000 }],
        statutory: [
            ['没收违法所得'], ['没收非法财物'],
            ['并处 罚款 按 货值金额 {'], ['    不足一万元 : ', c(0)], ['    一万元以上 : 货值金额 ', c(1)], ['}'],
            ['情节严重的 { 吊销许可证 }']
        ],
        tier: [['没收违法所得'], ['没收非法财物'], ['并处 罚款 按 货值金额 {'], ['    不足一万元 : ', c(0)], ['    一万元以上 : 货值金额 ', c(1)], ['}']],
        heavyEscalation: '情节严重的 { 吊销许可证 }',
        kindWords: ['没收违法所得', '没收非法财物', '罚款', '吊销许可证']
    },
    {
        id: 'SP126', dept: 'SP', field: '市场监管', weight: 6,
        violated: '《食品安全法》第五十条', basis: '《食品安全法》第一百二十六条第一款',
        violations: ['食品生产经营者未按规定对采购的食品原料和生产的食品、食品添加剂进行检验', '食品生产经营企业未按规定建立食品安全管理制度', '食品经营者未按规定查验进货', '食品生产经营者未制定食品安全事故处置方案'],
        measures: [{ dim: 'yuan', lo: 5_000, hi: 50_000 }],
        statutory: [['责令改正'], ['警告'], ['拒不改正的 { 罚款 ', c(0), ' }'], ['情节严重的 { 责令停产停业 或者 吊销许可证 }']],
        tier: [['责令改正'], ['警告'], ['拒不改正的 { 罚款 ', c(0), ' }']],
        heavyEscalation: '情节严重的 { 责令停产停业 }',
        kindWords: ['警告', '罚款', '责令停产停业', '吊销许可证']
    },
    {
        id: 'GG55', dept: 'GG', field: '市场监管', weight: 5,
        violated: '《广告法》第四条、第二十八条', basis: '《广告法》第五十五条第一款',
        violations: ['广告主发布虚假广告', '广告主发布虚假或者引人误解的保健食品广告', '广告主发布夸大功效的医疗器械广告'],
        measures: [{ dim: 'multiple', lo: 300, hi: 500 }, { dim: 'yuan', lo: 200_000, hi: 1_000_000 }],
        statutory: [
            ['措施 「责令停止发布广告」'],
            ['罚款 广告费用 ', c(0), ' 或者 罚款 按 广告费用 { 无法计算 : ', c(1), ' }'],
            ['若 「两年内有三次以上违法行为或者有其他严重情节的」 {'],
            ['    罚款 广告费用 五倍以上十倍以下 或者 罚款 按 广告费用 { 无法计算 : 一百万元以上二百万元以下 }'],
            ['    可以 吊销营业执照'],
            ['}']
        ],
        tier: [['措施 「责令停止发布广告」'], ['罚款 广告费用 ', c(0), ' 或者 罚款 按 广告费用 { 无法计算 : ', c(1), ' }']],
        kindWords: ['罚款', '吊销营业执照'],
        escalationFine: true
    },
    {
        id: 'CP49', dept: 'CP', field: '市场监管', weight: 5,
        violated: '《产品质量法》第十三条', basis: '《产品质量法》第四十九条',
        violations: ['生产不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品', '销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品'],
        measures: [{ dim: 'multiple', lo: 100, hi: 300 }],
        statutory: [
            ['措施 「责令停止生产、销售」'], ['没收非法财物'], ['并处 罚款 货值金额 ', c(0)],
            ['若 「有违法所得的」 { 没收违法所得 }'], ['情节严重的 { 吊销营业执照 }']
        ],
        tier: [['措施 「责令停止生产、销售」'], ['没收非法财物'], ['并处 罚款 货值金额 ', c(0)]],
        heavyEscalation: '情节严重的 { 吊销营业执照 }',
        kindWords: ['没收非法财物', '罚款', '没收违法所得', '吊销营业执照']
    },
    {
        id: 'XF60', dept: 'XF', field: '消防', weight: 4,
        violated: '《消防法》第十六条', basis: '《消防法》第六十条第一款第（一）项',
        violations: ['消防设施、器材或者消防安全标志的配置、设置不符合国家标准、行业标准，或者未保持完好有效', '损坏、挪用或者擅自拆除、停用消防设施、器材', '占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为'],
        measures: [{ dim: 'yuan', lo: 5_000, hi: 50_000 }],
        statutory: [['责令改正'], ['罚款 ', c(0)]],
        tier: [['责令改正'], ['罚款 ', c(0)]],
        kindWords: ['罚款']
    },
    {
        id: 'AQ97', dept: 'AQ', field: '应急管理', weight: 4,
        violated: '《安全生产法》第二十七条、第二十八条', basis: '《安全生产法》第九十七条',
        violations: ['未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师', '未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训', '未如实记录安全生产教育和培训情况'],
        measures: [{ dim: 'yuan', hi: 100_000 }],
        statutory: [
            ['责令限期改正'], ['罚款 ', c(0)],
            ['逾期未改正的 {'], ['    责令停产停业'], ['    并处 罚款 十万元以上二十万元以下'], ['    并处 对责任人员 罚款 二万元以上五万元以下'], ['}']
        ],
        tier: [['责令限期改正'], ['罚款 ', c(0)]],
        kindWords: ['罚款', '责令停产停业'],
        escalationFine: true
    }
];

/** Kinds a planted "new penalty kind" defect may add (one the statute does not have). */
export const EXTRA_KINDS: readonly { word: string; sameAs: readonly string[] }[] = [
    { word: '吊销许可证件', sameAs: ['吊销许可证件', '吊销许可证', '吊销营业执照'] },
    { word: '通报批评', sameAs: ['通报批评'] },
    { word: '行政拘留', sameAs: ['行政拘留'] },
    { word: '降低资质等级', sameAs: ['降低资质等级'] },
    { word: '责令关闭', sameAs: ['责令关闭', '关闭'] }
];

export const CONDITIONS = {
    light: [
        '初次违法且危害后果轻微', '主动消除或者减轻违法行为危害后果', '违法行为持续时间不足一个月', '受他人胁迫或者诱骗实施违法行为',
        '配合调查取证，如实陈述违法事实', '属于简化管理行业', '货值金额较小且未造成危害后果', '在责令改正期限内完成整改'
    ],
    middle: [
        '不具有从轻、从重处罚情形', '违法行为持续一个月以上三个月以下', '经责令改正后按期改正', '属于重点管理行业',
        '涉及一般污染物排放超标', '两年内第1次同类违法'
    ],
    heavy: [
        '两年内因同类违法行为受过行政处罚', '位于饮用水水源保护区等环境敏感区域', '造成较大社会影响或者群众多次投诉',
        '拒不配合调查或者提供虚假材料', '违法行为持续三个月以上', '涉及重金属、有毒有害物质', '在重污染天气预警期间实施违法行为',
        '造成较大以上突发事件或者其他严重后果'
    ]
} as const;

export const QUALIFIERS = [
    '工业企业', '工业园区', '餐饮服务单位', '建筑施工工地', '仓储物流', '小微企业', '规模以上企业', '食品生产企业',
    '食品销售者', '网络食品交易', '集中式饮用水水源地周边', '化工园区', '城乡结合部', '农贸市场', '连锁经营', '学校食堂'
];

export const NOTES = [
    '当事人有违法所得的，依法没收违法所得', '构成犯罪的，依法移送司法机关追究刑事责任', '适用本基准时，应当综合考虑违法行为的事实、性质、情节以及社会危害程度',
    '同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚', '本事项的阶次按违法情节分段'
];
