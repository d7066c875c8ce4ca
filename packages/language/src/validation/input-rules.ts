import { type ValidationAcceptor, CstUtils } from 'langium';
import { readNumeral } from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { irregularNumeralMessage } from './messages.js';
import { report } from './report.js';

const MONEY_UNITS = new Set(['元', '万元', '亿元']);
const TIME_UNITS = new Set(['日', '天', '个月', '月', '年', '小时']);

/**
 * A numeral that is not regular (一万万, 三二万, 一万五) has no value: say what it could mean. The range or
 * table it belongs to is left unknown by the model, so it is reported here once and compared with nothing.
 */
export function checkQuantityNumeral(quantity: ast.Quantity, accept: ValidationAcceptor): void {
    const reading = quantity.value === undefined ? undefined : readNumeral(quantity.value);
    if (reading?.kind !== 'irregular') {
        return;
    }
    const unit = quantity.unit ?? '';
    const what = quantity.percent ? '比例' : MONEY_UNITS.has(unit) ? '数额' : TIME_UNITS.has(unit) ? '期限' : '数值';
    const message = irregularNumeralMessage(what, quantity.value, reading.readings, quantity.percent ? '百分之' : '', unit);
    report(accept, 'CD107', message, { node: quantity });
}

/** The same for a period (有效期 三年, 回溯期 一年). */
export function checkDurationNumeral(duration: ast.Duration, accept: ValidationAcceptor): void {
    const reading = duration.value === undefined ? undefined : readNumeral(duration.value);
    if (reading?.kind === 'irregular') {
        report(accept, 'CD107', irregularNumeralMessage('期限', duration.value, reading.readings, '', duration.unit ?? ''), { node: duration });
    }
}

/** Full-width digits, letters, % and the full stop: where they mix with half-width ones, readers get confused. */
const FULL_WIDTH = /[\uFF05\uFF0E\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+/g;
const FULL_WIDTH_ANY = /[\uFF05\uFF0E\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

/**
 * Full-width ASCII outside quoted text reads as its half-width twin; say so for digits and letters in codes
 * and amounts, with the canonical text for a quick fix. Chinese punctuation (（）：，) is left alone.
 */
export function checkFullWidth(benchmark: ast.Benchmark, accept: ValidationAcceptor): void {
    const root = benchmark.$cstNode;
    if (!root) {
        return;
    }
    const text = root.root.fullText;
    // Full-width digits and letters are rare: skip the walk over every token when the text has none at all.
    if (!FULL_WIDTH_ANY.test(text)) {
        return;
    }
    for (const leaf of CstUtils.flattenCst(root)) {
        if (leaf.hidden || leaf.tokenType.name === 'STRING' || leaf.tokenType.name === 'CITATION') {
            continue;
        }
        const image = text.substring(leaf.offset, leaf.end);
        for (const match of image.matchAll(FULL_WIDTH)) {
            const canonical = match[0].replace(/[\uFF01-\uFF5E]/g, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
            const start = leaf.offset + match.index!;
            const document = benchmark.$document;
            if (!document) {
                continue;
            }
            const range = { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(start + match[0].length) };
            report(accept, 'CD106', `全角字符「${match[0]}」已按「${canonical}」读取，建议统一写作半角`, { node: benchmark, range }, { replacement: canonical });
        }
    }
}
