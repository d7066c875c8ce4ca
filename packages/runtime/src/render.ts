import { type ConditionTrace, type Decision, type Status, DESCRIBED_BY_SELECTORS } from './evaluate.js';

const MARK: Record<Status, string> = { met: '✓', failed: '✗', undecided: '？' };
const COMBINATION: Record<string, string> = { mandatory: '并处', optional: '可以并处', alone: '单处', discretionary: '可以', applies: '' };
const PARTY: Record<string, string> = { unit: '对单位 ', individual: '对个人 ', responsiblePerson: '对责任人员 ', default: '' };

function conditionLines(trace: ConditionTrace, indent: string, out: string[]): void {
    const stack: { t: ConditionTrace; indent: string }[] = [{ t: trace, indent }];
    while (stack.length > 0) {
        const { t, indent: pad } = stack.pop()!;
        if (t.type === 'all' || t.type === 'any' || t.type === 'none') {
            out.push(`${pad}${MARK[t.status]} ${t.type === 'all' ? '同时满足' : t.type === 'any' ? '满足其一' : '不属于'}`);
            for (const c of [...t.conditions].reverse()) stack.push({ t: c, indent: `${pad}  ` });
        } else if (t.type === 'indicator') {
            out.push(`${pad}${MARK[t.status]} 指标「${t.name}」${t.text}：${t.reason}`);
        } else if (t.type === 'membership') {
            out.push(`${pad}${MARK[t.status]} ${t.text}：${t.reason}`);
        } else if (t.type === 'text') {
            out.push(`${pad}${t.reason === DESCRIBED_BY_SELECTORS ? '·' : MARK[t.status]} 「${t.text}」：${t.reason}`);
        }
    }
}

/** The decision as text for the officer: result first, then why, then what still needs a judgement. */
export function renderDecision(d: Decision): string {
    const out: string[] = [];
    out.push(`案例：${d.case ?? '（未命名）'}`);
    out.push(`结论：${d.outcome}`);
    if (d.benchmark) out.push(`基准：「${d.benchmark.name}」（${d.version}）`);
    else out.push(`基准：无（${d.version}）`);
    if (d.item) out.push(`事项：${d.item.code}「${d.item.violation ?? ''}」（${d.item.foundAt}）`);
    if (d.tiers.length > 0) {
        out.push(`阶次：${d.tierReason}`);
        for (const tier of d.tiers) {
            out.push(`  ${MARK[tier.status]} 阶次 ${tier.name}${tier.grade ? `（${tier.grade}）` : ''}：${tier.reason}`);
            for (const s of tier.selectors) conditionLines(s, '      ', out);
            for (const c of tier.conditions) conditionLines(c, '      ', out);
        }
    }
    if (d.sanctions.length > 0) {
        out.push('处罚：');
        for (const s of d.sanctions) {
            const amount = s.amountText ? ` ${s.amountText}${s.range ? `（${s.range}）` : ''}` : '';
            out.push(`  ${COMBINATION[s.combination] ?? s.combination}${COMBINATION[s.combination] ? ' ' : ''}${PARTY[s.party] ?? ''}${s.name}${amount}${s.note ? `（${s.note}）` : ''}`);
        }
    }
    for (const e of d.escalations) out.push(`  升格「${e.trigger}」：${e.status === 'met' ? '认定，已并入' : e.status === 'failed' ? '不认定' : '未经认定'}`);
    if (d.entries.length > 0) {
        out.push('清单：');
        for (const e of d.entries) {
            out.push(`  ${MARK[e.status]} 「${e.list}」条目 ${e.number}${e.name ? `「${e.name}」` : ''} → ${e.consequence ?? '（无后果）'}：${e.reason}`);
            if (e.conditions) conditionLines(e.conditions, '      ', out);
        }
    }
    if (d.exemption) out.push(`减免责：${d.exemption.consequence}（「${d.exemption.list}」条目 ${d.exemption.entry}；依据 ${d.exemption.grounds.join('、') || '未载'}；措施 ${d.exemption.measures.join('、') || '无'}）`);
    for (const o of d.observation) out.push(`执法观察期：「${o.name}」${o.until ? `（至 ${o.until}）` : ''}，先采取 ${o.measures.join('、')}`);
    if (d.citations.length > 0) out.push(`依据：${d.citations.join('、')}`);
    if (d.undecided.length > 0) out.push(`须由执法人员认定：${d.undecided.map(u => `「${u}」`).join('、')}`);
    for (const n of d.notes) out.push(`注意：${n}`);
    out.push(`裁量说明：${d.explanation}`);
    return `${out.join('\n')}\n`;
}
