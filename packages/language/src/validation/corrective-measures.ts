/**
 * What a decision not to punish still owes (第二十八条, 第三十三条第三款): an order to correct, in whatever
 * form the statute prescribes it (责令改正, 责令备案, 责令停止建设 …), and education. Returns what is missing.
 */
export function missingCorrectionAndEducation(measures: readonly string[]): string[] {
    return [
        measures.some(m => m.startsWith('责令')) ? undefined : '责令改正（第二十八条）',
        measures.some(m => m === '教育' || m === '批评教育') ? undefined : '批评教育（第三十三条第三款）'
    ].filter((m): m is string => m !== undefined);
}
