import { type ValidationAcceptor, CstUtils } from 'langium';
import type * as ast from '../generated/ast.js';
import { report } from './report.js';

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
