import { type Citation, irregularCitationNumbers, parseCitation } from '../domain/index.js';
import type * as ast from '../generated/ast.js';

/**
 * The one reader of citation lists: each continuation (第二款, 、第三十条) takes the law, and where it starts
 * below the article also the article, from the citation before it. Unreadable citations stay as undefined
 * at their index, so callers can point at them. After a citation whose number cannot be read (第十十条),
 * continuations are unknown too: they must not take an earlier law or article.
 */
export function readCitations(list: ast.CitationList): (Citation | undefined)[] {
    let previous: Citation | undefined;
    return list.citations.map(citation => {
        const parsed = parseCitation(citation.text, previous);
        previous = parsed ?? (irregularCitationNumbers(citation.text).length > 0 ? undefined : previous);
        return parsed;
    });
}

/** The readable citations of several lists, in order. */
export function citationsOf(lists: readonly ast.CitationList[]): Citation[] {
    return lists.flatMap(list => readCitations(list)).filter((c): c is Citation => c !== undefined);
}
