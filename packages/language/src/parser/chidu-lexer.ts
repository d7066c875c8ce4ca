import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import { canonicalText } from '../text/canonical.js';

/**
 * Lexes the canonical form of the text (half-width punctuation and digits, simplified characters), which has
 * the same length as what the user wrote: token offsets stay valid, token images and values are canonical,
 * so a 繁體 file (罰款、從重) reads exactly like its 简体 twin.
 */
export class ChiduLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        return super.tokenize(canonicalText(text), options);
    }
}
