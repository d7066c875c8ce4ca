import { type AstNode, AstUtils, type DiagnosticInfo, type ValidationAcceptor } from 'langium';
import { DIAGNOSTICS, type DiagnosticCode } from './diagnostic-codes.js';

/**
 * The property that names a node of each type, which the grammar requires: a node without it is half-typed
 * (事项 「…」 { with no code) and already carries a syntax error (CD002). Such a node and everything inside
 * it are not checked: every message must name what it speaks about, and there is nothing to name.
 */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
    Item: 'code', Tier: 'name', Entry: 'number', Matter: 'code', Factor: 'name', FactorOption: 'name',
    ObservationPeriod: 'name', Indicator: 'name', Membership: 'name', Fact: 'name'
};

export function isNameless(node: AstNode): boolean {
    const property = Object.prototype.hasOwnProperty.call(NAME_PROPERTY, node.$type) ? NAME_PROPERTY[node.$type] : undefined;
    return property !== undefined && typeof (node as unknown as Record<string, unknown>)[property] !== 'string';
}

/** Whether the node or one of its containers is nameless (its own syntax error speaks for it). */
function withinNameless(node: AstNode | undefined): boolean {
    for (let current = node; current; current = current.$container) {
        if (isNameless(current)) return true;
    }
    return false;
}

/** What a message shows when a value it names was never filled in (a JavaScript value printed as text). */
const UNFILLED = /undefined|NaN|\[object Object\]/;

/**
 * Whether a message shows a value that was never filled in: `undefined`, `NaN` or `[object Object]` where a
 * name, code or amount belongs (事项 undefined, 阶次「undefined」). Text the user wrote is not a defect: a
 * document that itself contains the word is not suspected.
 */
export function hasUnfilledValue(message: string, node: AstNode | undefined): boolean {
    const match = UNFILLED.exec(message);
    if (!match) {
        return false;
    }
    let text = '';
    try {
        text = node ? AstUtils.getDocument(node).textDocument.getText() : '';
    } catch {
        // A node outside a document: nothing the user wrote can explain the word.
    }
    return !text.includes(match[0]);
}

/**
 * Reports a diagnostic under its registered code and severity; the code travels in `data` for quick fixes.
 *
 * Nothing is reported on a half-typed node that lacks its name (nor inside it). Every message must name what exists. A message that would show an unfilled value is still reported (with
 * 「（未写明）」 in its place, so the finding is not lost), together with a CD009 internal error on the same
 * range: that is a defect of the check, and the robustness tests fail on any CD009.
 */
export function report<N extends AstNode>(
    accept: ValidationAcceptor, code: DiagnosticCode, message: string, info: Omit<DiagnosticInfo<N>, 'code' | 'data'>,
    data?: Record<string, unknown>
): void {
    if (withinNameless(info.node)) {
        return;
    }
    if (hasUnfilledValue(message, info.node)) {
        accept('error', `Chidu 内部错误：${code} 的消息中有未填写的值（${message}）`, { ...info, code: 'CD009', data: { code: 'CD009' } } as DiagnosticInfo<N>);
        message = message.replace(new RegExp(UNFILLED.source, 'g'), '（未写明）');
    }
    accept(DIAGNOSTICS[code].severity, message, { ...info, code, data: { ...data, code } } as DiagnosticInfo<N>);
}
