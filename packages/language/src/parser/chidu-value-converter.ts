import { type CstNode, type GrammarAST, DefaultValueConverter, type ValueType } from 'langium';
import { parseNumeral } from '../domain/index.js';

/** Codes compare case-insensitively with full-width characters folded (ＤＱ－９９ = DQ-99). */
export function normalizeCode(code: string): string {
    return code.normalize('NFKC').trim().toUpperCase();
}

const tierNames = new Map<string, string>();

/**
 * Tier names: numerals compare by value (阶次 一 = 阶次 1), names by their text without quotes. A pure function
 * of the text, memoized: the parser, the scope provider and the checks normalize the same few names (1, 2, 从轻 …)
 * hundreds of thousands of times in a province-scale workspace.
 */
export function normalizeTierName(name: string): string {
    let normalized = tierNames.get(name);
    if (normalized === undefined) {
        const trimmed = name.trim();
        const numeral = parseNumeral(trimmed);
        normalized = numeral ? numeral.toString() : trimmed.normalize('NFKC');
        if (tierNames.size >= 10_000) {
            tierNames.clear();
        }
        tierNames.set(name, normalized);
    }
    return normalized;
}

/**
 * Strings keep their text between the quotes (「…」, “…”, "…") in Unicode normalization form C: there are no
 * escapes in legal text. Tier names are normalized so that references compare equal.
 */
export class ChiduValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            // NFC: the same name typed with a precomposed or a combining character is one name.
            return input.slice(1, -1).trim().normalize('NFC');
        }
        if (rule.name === 'TierName' || rule.name === 'EntryNumber') {
            return normalizeTierName(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
