import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, EmptyFileSystem, GrammarAST, type LangiumDocument, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createChiduServices } from '../src/chidu-module.js';
import { ChiduGrammar } from '../src/generated/grammar.js';
import { KEYWORD_DOCS, KEYWORD_SECTIONS, fillKeywordTables, keywordHover } from '../src/lsp/keyword-docs.js';
import { readFolder, REPO_ROOT } from './helpers/workspace.js';

const DOCS = path.join(REPO_ROOT, 'docs');
const REFERENCE = fs.readFileSync(path.join(DOCS, '语言参考.md'), 'utf8');

/** Every keyword of the grammar that is a word or a unit (punctuation and brackets aside). */
function grammarKeywords(): string[] {
    const words = new Set<string>();
    for (const node of AstUtils.streamAllContents(ChiduGrammar())) {
        if (GrammarAST.isKeyword(node) && /[\p{L}%]/u.test(node.value)) {
            words.add(node.value);
        }
    }
    return [...words].sort();
}

describe('every keyword is documented', () => {
    const keywords = grammarKeywords();

    it('the grammar has keywords (the reader works)', () => {
        expect(keywords.length).toBeGreaterThan(150);
        expect(keywords).toContain('阶次');
    });

    it('every keyword of the grammar has hover text', () => {
        expect(keywords.filter(k => !Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, k))).toEqual([]);
    });

    it('every keyword belongs to exactly one section of the language reference, and every documented word is a keyword', () => {
        const placed = KEYWORD_SECTIONS.flatMap(s => s.keywords);
        expect(keywords.filter(k => placed.filter(p => p === k).length !== 1)).toEqual([]);
        expect(placed.filter(k => !keywords.includes(k))).toEqual([]);
        expect(Object.keys(KEYWORD_DOCS).filter(k => !keywords.includes(k))).toEqual([]);
    });

    it('docs/语言参考.md has a heading per section, holding the table of its keywords (run `npm run docs` after changing them)', () => {
        expect(REFERENCE).toBe(fillKeywordTables(REFERENCE));
        for (const section of KEYWORD_SECTIONS) {
            const start = REFERENCE.indexOf(`\n## ${section.title}\n`);
            expect(start, section.title).toBeGreaterThan(0);
            const next = REFERENCE.indexOf('\n## ', start + 1);
            const body = REFERENCE.slice(start, next < 0 ? undefined : next);
            for (const keyword of section.keywords) {
                expect(body, `${section.title}: ${keyword}`).toContain(`| \`${keyword}\` |`);
            }
        }
    });

    it('a keyword hover links to its entry of the language reference', () => {
        expect(keywordHover('阶次', 'file:///docs/语言参考.md')).toContain(`(file:///docs/语言参考.md#${encodeURIComponent('阶次')})`);
        expect(keywordHover('竞合')).toContain('见《语言参考》「边界与竞合」');
    });
});

interface Example { readonly file: string; readonly line: number; readonly text: string; readonly expected?: string }

/** The ```chidu blocks of a user document; `chidu 预期 CD123` marks a block that shows a mistake. */
function examplesOf(name: string): Example[] {
    const text = fs.readFileSync(path.join(DOCS, name), 'utf8');
    const examples: Example[] = [];
    for (const match of text.matchAll(/^```chidu([^\n]*)\n([\s\S]*?)^```$/gm)) {
        const line = text.slice(0, match.index).split('\n').length;
        const expected = /预期\s+(CD\d{3})/.exec(match[1]!)?.[1];
        examples.push({ file: name, line, text: match[2]!, expected });
    }
    return examples;
}

const EXAMPLE_WORKSPACE = {
    ...prefixed('guangdong-eco', readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-eco'))),
    ...prefixed('guangdong-market', readFolder(path.join(REPO_ROOT, 'examples', 'guangdong-market')))
};

function prefixed(folder: string, files: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(files).map(([file, text]) => [`examples/${folder}/${file}`, text]));
}

/** Validates one example together with the examples/ workspace (its upper documents), on a fixed day. */
async function validateExample(text: string): Promise<LangiumDocument> {
    const { shared, Chidu: services } = createChiduServices(EmptyFileSystem);
    services.settings.ChiduSettings.referenceDate = '2025-06-01';
    const documents = Object.entries({ ...EXAMPLE_WORKSPACE, 'docs/example.chidu': text }).map(([file, content]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(content, URI.file(path.resolve('/workspace', file)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents[documents.length - 1]!;
}

describe('the examples of the user documentation validate', () => {
    const examples = ['入门.md', '语言参考.md', '常见任务.md'].flatMap(examplesOf);

    it('every user document has examples', () => {
        for (const name of ['入门.md', '语言参考.md', '常见任务.md']) {
            expect(examples.filter(e => e.file === name).length, name).toBeGreaterThan(0);
        }
    });

    it.each(examples.map(e => [`${e.file}:${e.line}`, e] as const))('%s', async (_, example) => {
        const document = await validateExample(example.text);
        const found = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2)
            .map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
        if (example.expected) {
            expect(found.some(f => f.includes(` ${example.expected} `)), found.join('\n')).toBe(true);
        } else {
            expect(found).toEqual([]);
        }
    });
});
