import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeActionParams, Position } from 'vscode-languageserver';
import { type Fixture, fixture, guangdongEco } from './lsp-fixture.js';

const example = guangdongEco();
const files = Object.keys(example);

/** Pieces that, pasted anywhere, make plausible half-typed or broken input. */
const FRAGMENTS = [
    '{', '}', '「', '」', '《', '》', '、', '罚款', '以上', '以下', '含本数', '万元', '十', '一百万', '阶次', '细化', '事项',
    '按', '货值金额', ':', '不足', '情节严重的', '上级', '「省」', '直接适用', 'DQ-99-1', '3-2', '第九十九条', '百分之', '倍',
    '\n', ' ', '3-', 'fk', '罚', '基准', '法定处罚 {', '阶次 1 { 细化', '𠀀', '\u0000', '罰款', '１０万元'
];

interface Mutation { file: number; at: number; remove: number; insert: string }

const mutation: fc.Arbitrary<Mutation> = fc.record({
    file: fc.nat({ max: files.length - 1 }),
    at: fc.nat({ max: 1_000_000 }),
    remove: fc.nat({ max: 40 }),
    insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map(parts => parts.join(''))
});

function apply(mutations: readonly Mutation[]): Record<string, string> {
    const out = { ...example };
    for (const m of mutations) {
        const name = files[m.file];
        const text = out[name];
        const at = m.at % (text.length + 1);
        out[name] = text.slice(0, at) + m.insert + text.slice(at + m.remove);
    }
    return out;
}

/** Every request a client sends, at a position; returns nothing, throws on any failure. */
async function everyRequest(f: Fixture, name: string, positions: Position[]): Promise<void> {
    const document = f.doc(name);
    const lsp = f.services.lsp;
    const textDocument = f.id(name);
    await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument });
    await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument });
    await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument });
    await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument });
    await lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } });
    const diagnostics = document.diagnostics ?? [];
    const params: CodeActionParams = { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics } };
    await lsp.CodeActionProvider!.getCodeActions(document, params);
    for (const position of positions) {
        await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
        await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position });
        await lsp.ReferencesProvider!.findReferences(document, { textDocument, position, context: { includeDeclaration: true } });
        await lsp.RenameProvider!.prepareRename(document, { textDocument, position });
        await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
        await lsp.Formatter!.formatDocumentRange(document, { textDocument, range: { start: { line: position.line, character: 0 }, end: position }, options: { tabSize: 4, insertSpaces: true } });
    }
    await f.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'fk' });
}

describe('the language server on broken input', () => {
    let errors: string[];
    beforeEach(() => {
        errors = [];
        // Only the language-server providers' own failures count here (they log "Chidu <feature> failed");
        // parsing, linking and validation have their own robustness test.
        vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
            const text = args.map(String).join(' ');
            if (/^Chidu [\w ]+ failed/.test(text)) errors.push(text);
        });
    });
    afterEach(() => {
        vi.restoreAllMocks();
    });

    it('answers every request on random edits of the real example, with no provider failing', async () => {
        await fc.assert(fc.asyncProperty(
            fc.array(mutation, { minLength: 1, maxLength: 5 }),
            fc.array(fc.nat({ max: 1_000_000 }), { minLength: 2, maxLength: 3 }),
            async (mutations, offsets) => {
                const f = await fixture(apply(mutations));
                for (const name of files) {
                    const document = f.doc(name);
                    const length = document.textDocument.getText().length;
                    const positions = offsets.map(o => document.textDocument.positionAt(o % (length + 1)));
                    await everyRequest(f, name, positions);
                }
                expect(errors).toEqual([]);
            }), { numRuns: 15, ...(process.env.CI ? { seed: 20261122 } : {}) });
    }, 240_000);

    it('answers on degenerate documents: empty, only a comment, only garbage, an unclosed header', async () => {
        const degenerate = ['', '// 只有注释', '!!!@@@###', '基准', '基准 「甲」 {', '事项 A-1 { 阶次 1 { 罚款', '}}}}', '「「「「', '罚款 十万元以上'];
        for (const text of degenerate) {
            const f = await fixture({ 'x.chidu': text });
            const document = f.doc('x.chidu');
            const positions = [0, text.length >> 1, text.length].map(o => document.textDocument.positionAt(o));
            await everyRequest(f, 'x.chidu', positions);
        }
        expect(errors).toEqual([]);
    });

    it('gives the best answer the partial tree allows: hover and symbols still work before a syntax error', async () => {
        const text = example['county.chidu'].replace('阶次 3 {\n        细化 3', '阶次 3 {\n        细化 3 {{{');
        const f = await fixture({ ...example, 'county.chidu': text });
        const document = f.doc('county.chidu');
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
        const hover = await f.services.lsp.HoverProvider!.getHoverContent(document,
            { textDocument: f.id('county.chidu'), position: f.at('county.chidu', '十万元以上十五万元以下', 1) });
        expect(JSON.stringify(hover?.contents)).toContain('[10万元, 15万元]');
        const symbols = await f.services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: f.id('county.chidu') });
        expect(symbols.length).toBe(1);
        const completion = await f.services.lsp.CompletionProvider!.getCompletion(document,
            { textDocument: f.id('county.chidu'), position: f.at('county.chidu', '细化 3 {{{', 3) });
        expect(completion).toBeDefined();
        expect(errors).toEqual([]);
    });
});
