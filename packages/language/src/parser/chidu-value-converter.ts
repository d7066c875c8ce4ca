import { type CstNode, type GrammarAST, DefaultValueConverter, type ValueType } from 'langium';
import { parseNumeral } from '../domain/index.js';

/** Codes compare case-insensitively with full-width characters folded (ＤＱ－９９ = DQ-99). */
export function normalizeCode(code: string): string {
    return code.normalize('NFKC').trim().toUpperCase();
}

/** Tier names: numerals compare by value (阶次 一 = 阶次 1), names by their text without quotes. */
export function normalizeTierName(name: string): string {
    const trimmed = name.trim();
    const numeral = parseNumeral(trimmed);
    return numeral ? numeral.toString() : trimmed.normalize('NFKC');
}

/**
 * Strings keep their text verbatim between the quotes (「…」, “…”, "…"): there are no escapes in legal
 * text. Tier names are normalized so that references compare equal.
 */
export class ChiduValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            return input.slice(1, -1).trim();
        }
        if (rule.name === 'TierName') {
            return normalizeTierName(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
