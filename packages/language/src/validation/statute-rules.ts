import { type AstNode, AstUtils, type ValidationAcceptor } from 'langium';
import {
    type Citation, type PenaltyClause, type StatuteDisagreement, type StatuteSanction, compareWithStatute, formatCitation,
    isoDate, libraryVersionVerdict, misspeltLawNames, repealDuring, toChineseInteger
} from '../domain/index.js';
import type * as ast from '../generated/ast.js';
import { readCitations } from '../model/citations.js';
import { ownStatutory } from '../model/document-model.js';
import { type Statute, type StatuteCatalogue, type StatuteLibrary, type StatuteMatch, articlePenalties } from '../workspace/statute-library.js';
import { report } from './report.js';
import { periodOf } from './time-rules.js';

/**
 * Checks against the statute library: law names, the existence of cited articles, 款 and 项 in the version the
 * library holds, and an item's 法定处罚 against the penalty clauses its 处罚依据 cites. A finding is an error only
 * when the library holds the version the citation means and the clause was read with certainty; otherwise the
 * library cannot check it (CD706, CD703, information).
 */

type Root = ast.Benchmark | ast.ExemptionList | ast.MatterCatalogue;

function rootOf(node: AstNode): Root {
    return AstUtils.findRootNode(node) as Root;
}

function documentDate(node: AstNode): string | undefined {
    return isoDate(rootOf(node).effectiveFrom?.[0]);
}

function catalogueOf(library: StatuteLibrary, node: AstNode): StatuteCatalogue {
    return library.forDocument(AstUtils.findRootNode(node).$document?.uri.toString());
}

/** The provision as the law numbers it: 《大气污染防治法》第一百条第一款第（一）项. */
function clauseLabel(clause: PenaltyClause, statute: Statute): string {
    const article = [...statute.articles.values()].find(a => a.number === clause.article && a.suffix === clause.articleSuffix);
    let label = `《${clause.law}》第${toChineseInteger(clause.article)}条${clause.articleSuffix ? `之${toChineseInteger(clause.articleSuffix)}` : ''}`;
    if ((article?.paragraphs.length ?? 1) > 1) {
        label += `第${toChineseInteger(clause.paragraph)}款`;
    }
    if (clause.item !== undefined) {
        label += `第（${toChineseInteger(clause.item)}）项`;
    }
    return label;
}

type Resolved =
    | { readonly kind: 'clauses'; readonly statute: Statute; readonly match: StatuteMatch; readonly clauses: readonly PenaltyClause[] }
    | { readonly kind: 'unknown-law' }
    | { readonly kind: 'other-version'; readonly statute: Statute; readonly wanted: string; readonly held: string }
    | { readonly kind: 'missing'; readonly statute: Statute; readonly held: string; readonly what: string };

/** The provision a citation names in the library, and its penalty clauses. */
function resolve(catalogue: StatuteCatalogue, citation: Citation, date: string | undefined): Resolved {
    const match = catalogue.find(citation);
    if (!match) {
        return { kind: 'unknown-law' };
    }
    const { statute } = match;
    const verdict = libraryVersionVerdict(citation.law, statute.version, date, citation.version);
    if (verdict.kind === 'other') {
        return { kind: 'other-version', statute, wanted: verdict.wanted, held: verdict.held };
    }
    const held = libraryVersionVerdictLabel(statute);
    if (citation.article === undefined) {
        return { kind: 'clauses', statute, match, clauses: [] };
    }
    const articleName = `第${toChineseInteger(citation.article)}条${citation.articleSuffix ? `之${toChineseInteger(citation.articleSuffix)}` : ''}`;
    const article = match.article;
    if (!article) {
        const last = [...statute.articles.values()].reduce((max, a) => Math.max(max, a.number), 0);
        return { kind: 'missing', statute, held, what: `${articleName}（该文本最后一条是第${toChineseInteger(last)}条）` };
    }
    if (citation.paragraph !== undefined && !match.paragraph) {
        return { kind: 'missing', statute, held, what: `${articleName}第${toChineseInteger(citation.paragraph)}款（该条共${toChineseInteger(article.paragraphs.length)}款）` };
    }
    let itemParagraph = match.paragraph;
    if (citation.item !== undefined) {
        // 第（三）项 without 款: any paragraph of the article that lists such an item
        const holders = citation.paragraph !== undefined ? [match.paragraph!] : article.paragraphs.filter(p => p.items.length > 0);
        itemParagraph = holders.find(p => p.items.some(i => i.number === citation.item));
        if (!itemParagraph) {
            const where = citation.paragraph !== undefined ? `${articleName}第${toChineseInteger(citation.paragraph)}款` : articleName;
            return { kind: 'missing', statute, held, what: `${where}第（${toChineseInteger(citation.item)}）项` };
        }
    }
    const all = articlePenalties(statute, article);
    const clauses = all.filter(clause => {
        if (itemParagraph === undefined) {
            return true; // the whole article
        }
        if (clause.paragraph !== itemParagraph.number) {
            return false;
        }
        // a cited item: the paragraph's own clause and that item's clause; a cited paragraph: all of it
        return citation.item === undefined || clause.item === undefined || clause.item === citation.item;
    });
    return { kind: 'clauses', statute, match, clauses };
}

function libraryVersionVerdictLabel(statute: Statute): string {
    return statute.version ? `${statute.version} 文本` : '法规库文本';
}

export class StatuteRules {
    constructor(private readonly library: StatuteLibrary) { }

    /** Law names and the existence of the cited provisions (every citation list of every document). */
    checkCitationList(list: ast.CitationList, accept: ValidationAcceptor): void {
        const citations = readCitations(list);
        if (citations.every(c => c === undefined)) {
            return;
        }
        const catalogue = catalogueOf(this.library, list);
        const date = documentDate(list);
        citations.forEach((citation, index) => {
            const node = list.citations[index];
            if (!citation) {
                return;
            }
            const named = typeof node.text === 'string' && node.text.startsWith('《');
            if (named) {
                this.checkRepeal(list, node, citation, accept);
            }
            const resolved = resolve(catalogue, citation, date);
            switch (resolved.kind) {
                case 'unknown-law': {
                    if (!named) {
                        return;
                    }
                    const close = misspeltLawNames(citation.law, catalogue.laws);
                    if (close.length > 0) {
                        report(accept, 'CD705', `法规库中没有《${citation.law}》；是否应为${close.map(n => `《${n}》`).join('或')}？`, { node, property: 'text' });
                    } else if (this.isFirstNamed(node, citation.law)) {
                        report(accept, 'CD706', `法规库中没有《${citation.law}》的文本，无法核对本文件对它的引用（可把文本放入工作区的「法规」文件夹）`, { node, property: 'text' });
                    }
                    return;
                }
                case 'other-version':
                    return; // CD332/CD333 speak of versions; an item's 法定处罚 says it cannot be checked (CD703)
                case 'missing':
                    report(accept, 'CD704', `${formatCitation(citation)}不存在：法规库中的《${citation.law}》（${resolved.held}）没有${resolved.what}`, { node, property: 'text' });
                    return;
                case 'clauses':
                    return;
            }
        });
    }

    /** The first citation naming each law, per document (a parse gives a new root, so the map never goes stale). */
    private readonly firstNamed = new WeakMap<AstNode, Map<string, ast.Citation>>();

    /**
     * Whether `node` is the document's first citation naming `law` (in document order): a finding reported once per
     * law and document sits there. Computed from the text, not from what was reported before, so a document
     * validated again (the editor relinks it after an upper document changes) gets the same findings.
     */
    private isFirstNamed(node: ast.Citation, law: string): boolean {
        const root = rootOf(node);
        let first = this.firstNamed.get(root);
        if (!first) {
            first = new Map();
            for (const descendant of AstUtils.streamAllContents(root)) {
                if (descendant.$type !== 'CitationList') continue;
                const list = descendant as ast.CitationList;
                readCitations(list).forEach((citation, index) => {
                    const citationNode = list.citations[index];
                    if (citation && citationNode && typeof citationNode.text === 'string' && citationNode.text.startsWith('《') && !first!.has(citation.law)) {
                        first!.set(citation.law, citationNode);
                    }
                });
            }
            this.firstNamed.set(root, first);
        }
        return first.get(law) === node;
    }

    /** A citation of a repealed law in a document applied after the repeal (CD707). */
    private checkRepeal(list: ast.CitationList, node: ast.Citation, citation: Citation, accept: ValidationAcceptor): void {
        const root = rootOf(list);
        if (root.$type === 'MatterCatalogue') {
            return;
        }
        const { from, until } = periodOf(root);
        const verdict = repealDuring(citation.law, from, until);
        if (!verdict) {
            return;
        }
        if (!this.isFirstNamed(node, citation.law)) {
            return;
        }
        const { repealed, successor } = verdict.repeal;
        const when = verdict.when === 'before'
            ? `本文件 ${from} 施行时该法已不能适用`
            : `本文件自 ${from} 施行${until ? `至 ${until}` : '、未定期限'}，${repealed} 以后仍引用该法`;
        report(accept, 'CD707', `《${citation.law}》已于 ${repealed} 废止，由《${successor}》取代；${when}，请改引《${successor}》的相应条文`, { node, property: 'text' });
    }

    /** An item's own 法定处罚 against the penalty clauses its own 处罚依据 cites. */
    checkItem(item: ast.Item, accept: ValidationAcceptor): void {
        const own = ownStatutory(item);
        if (!own || own.components.length === 0 || item.basis.length === 0) {
            return;
        }
        // a half-typed file: its syntax errors speak first (a half-read 法定处罚 is not compared)
        const parsed = AstUtils.findRootNode(item).$document?.parseResult;
        if (parsed && (parsed.parserErrors.length > 0 || parsed.lexerErrors.length > 0)) {
            return;
        }
        const citations = item.basis.flatMap(list => readCitations(list));
        if (citations.length === 0 || citations.some(c => c === undefined || c.article === undefined)) {
            return;
        }
        const catalogue = catalogueOf(this.library, item);
        const date = documentDate(item);
        const clauses: { clause: PenaltyClause; statute: Statute }[] = [];
        let withoutClause: Citation | undefined;
        for (const citation of citations as Citation[]) {
            const resolved = resolve(catalogue, citation, date);
            if (resolved.kind === 'other-version') {
                report(accept, 'CD703', `无法核对法定处罚：${formatCitation(citation)}应适用${resolved.wanted}，法规库中只有${resolved.held}`, { node: item.statutory[0] });
                return;
            }
            if (resolved.kind !== 'clauses') {
                return; // reported on the citation (CD704–CD706)
            }
            if (resolved.clauses.length === 0) {
                // A provision that sets no penalty itself (依照前款的规定处罚, or a duty) leaves it to the others cited.
                withoutClause ??= citation;
                continue;
            }
            const uncertain = resolved.clauses.find(c => !c.certain);
            if (uncertain) {
                const why = uncertain.unread.length > 0 ? `未能读懂「${uncertain.unread[0]}」` : '未能读出处罚';
                report(accept, 'CD703', `无法核对法定处罚：${clauseLabel(uncertain, resolved.statute)}${why}`, { node: item.statutory[0] });
                return;
            }
            clauses.push(...resolved.clauses.map(clause => ({ clause, statute: resolved.statute })));
        }
        if (clauses.length === 0 && withoutClause) {
            report(accept, 'CD703', `无法核对法定处罚：${formatCitation(withoutClause)}中没有罚则（设定处罚的条文）`, { node: item.statutory[0] });
            return;
        }
        const bySanction = new Map<StatuteSanction, { clause: PenaltyClause; statute: Statute }>();
        for (const entry of clauses) {
            for (const sanction of entry.clause.sanctions) {
                bySanction.set(sanction, entry);
            }
        }
        const quote = (sanctions: readonly StatuteSanction[]) => {
            const parts = new Map<string, string[]>();
            for (const sanction of sanctions) {
                const entry = bySanction.get(sanction)!;
                const label = clauseLabel(entry.clause, entry.statute);
                const phrases = parts.get(label) ?? [];
                // an escalation's phrase is quoted with its trigger: 拒不改正的，处…
                const phrase = [sanction.escalation, sanction.guardText, sanction.source.phrase].filter(p => p !== undefined).join('，');
                if (!phrases.includes(phrase)) {
                    phrases.push(phrase);
                }
                parts.set(label, phrases);
            }
            return [...parts].map(([label, phrases]) => `${label}「${phrases.join('；')}」`).join('；');
        };
        const allClauses = clauses.map(c => c.clause);
        const basisText = item.basis.map(list => list.$cstNode?.text ?? '').join('、');
        for (const issue of compareWithStatute<AstNode>(own.components, allClauses)) {
            this.reportIssue(issue, item, accept, quote, basisText, allClauses, bySanction);
        }
    }

    private reportIssue(issue: StatuteDisagreement<AstNode>, item: ast.Item, accept: ValidationAcceptor,
        quote: (s: readonly StatuteSanction[]) => string, basisText: string, clauses: readonly PenaltyClause[],
        bySanction: ReadonlyMap<StatuteSanction, { clause: PenaltyClause; statute: Statute }>): void {
        const written = issue.component.source.$cstNode?.text.replace(/\s+/g, ' ').trim() ?? '';
        const node = issue.component.source;
        const whole = () => {
            const entries = [...new Set([...bySanction.values()])];
            return entries.filter(e => clauses.includes(e.clause))
                .map(e => `${clauseLabel(e.clause, e.statute)}「${e.clause.text}」`).filter((v, i, a) => a.indexOf(v) === i).join('；');
        };
        switch (issue.kind) {
            case 'range':
                report(accept, 'CD700', `事项 ${item.code} 的法定处罚「${written}」与处罚依据不符：${quote(issue.allowed)}`, { node });
                return;
            case 'missing-kind':
                report(accept, 'CD701', `事项 ${item.code} 的法定处罚「${written}」在处罚依据（${basisText}）中没有：${whole()}`, { node });
                return;
            case 'combination': {
                // on the part that carries the combination word
                const part = node.$container?.$type === 'PenaltyPart' ? node.$container : node;
                const partText = part.$cstNode?.text.replace(/\s+/g, ' ').trim() ?? written;
                report(accept, 'CD702', `事项 ${item.code} 的法定处罚写作「${partText}」，而处罚依据写作${quote(issue.statute)}：「并处」是必须并处，「可以」「可以并处」由执法机关裁量`, { node: part });
                return;
            }
            case 'incomparable':
                report(accept, 'CD703', `无法核对法定处罚「${written}」：处罚依据以另一种方式计算罚款（${quote(issue.available)}）`, { node });
                return;
        }
    }
}
