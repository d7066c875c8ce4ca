/**
 * The deny-list of exemption lists: high-risk domains where inclusive, prudent treatment (包容审慎) does not
 * apply (policy document 002 item 3). A list or an editor setting may replace it.
 */
export const DEFAULT_EXCLUDED_DOMAINS: readonly string[] = ['公共安全', '人身健康', '生命财产安全', '市场经济秩序'];
