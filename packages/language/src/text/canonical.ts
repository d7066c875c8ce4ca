import { Converter } from 'opencc-js/t2cn';
import * as T2CN from 'opencc-js/preset/t2cn';

/**
 * Canonical text for lexing: full-width ASCII (１２３，；：（）ＡＢ) folds to half-width and traditional
 * characters (罰款、從重、處罰依據) convert to simplified through OpenCC. The result always has the same length
 * as the input, so every offset, range and diagnostic still points into the text the user wrote.
 */
export function canonicalText(text: string): string {
    const folded = foldFullWidth(text);
    return hasTraditional(folded) ? toSimplified(folded) : folded;
}

const QUOTES: Record<string, string> = { '「': '」', '“': '”', '"': '"' };

/**
 * U+FF01–U+FF5E are the full-width forms of ASCII 0x21–0x7E; they fold outside quoted text only, so that
 * names and conditions keep their Chinese punctuation (「从轻（一）」 stays as written).
 */
export function foldFullWidth(text: string): string {
    if (!/[\uFF01-\uFF5E]/.test(text)) {
        return text;
    }
    let out = '';
    let closing: string | undefined;
    for (const ch of text) {
        if (closing) {
            if (ch === closing) {
                closing = undefined;
            }
            out += ch;
        } else if (QUOTES[ch]) {
            closing = QUOTES[ch];
            out += ch;
        } else {
            const code = ch.charCodeAt(0);
            out += code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
        }
    }
    return out;
}

let traditionalPattern: RegExp | undefined;

/** A character class of what OpenCC's traditional → simplified dictionaries rewrite on their own. */
function traditionalRegExp(): RegExp {
    if (!traditionalPattern) {
        const traditionalCharacters = new Set<string>();
        const dictionaries = (T2CN.to as Record<string, unknown>).cn as unknown[];
        const visit = (entry: unknown): void => {
            if (Array.isArray(entry)) {
                entry.forEach(visit);
            } else if (typeof entry === 'string') {
                for (const pair of entry.split('|')) {
                    const [from, to] = pair.split(' ');
                    if (from && to && [...from].length === 1 && from !== to) {
                        traditionalCharacters.add(from);
                    }
                }
            }
        };
        visit(dictionaries);
        const escaped = [...traditionalCharacters].filter(ch => ch.length === 1).map(ch => ch.replace(/[\\\]^-]/g, '\\$&')).join('');
        traditionalPattern = new RegExp(`[${escaped}]`);
    }
    return traditionalPattern;
}

export function hasTraditional(text: string): boolean {
    return traditionalRegExp().test(text);
}

let converter: ((text: string) => string) | undefined;

/** Traditional → simplified, phrase-aware where that keeps the length, character by character otherwise. */
export function toSimplified(text: string): string {
    const convert = converter ??= Converter({ from: 't', to: 'cn' });
    const converted = convert(text);
    if (converted.length === text.length) {
        return converted;
    }
    let out = '';
    for (const ch of text) {
        const one = convert(ch);
        out += one.length === ch.length ? one : ch;
    }
    return out;
}
