import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createChiduServices } from '../src/chidu-module.js';

/**
 * The formatter's corpus: test/resources/formatting/<case>.input.chidu formats to <case>.expected.chidu, and the
 * expected text formats to itself. Add a case by adding the two files.
 */
const CORPUS = path.join(__dirname, 'resources', 'formatting');
const cases = fs.readdirSync(CORPUS).filter(f => f.endsWith('.input.chidu')).map(f => f.replace(/\.input\.chidu$/, '')).sort();

async function format(text: string): Promise<string> {
    const { shared, Chidu } = createChiduServices(EmptyFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/workspace/x.chidu'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    const edits = await Chidu.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }
    });
    return TextDocument.applyEdits(TextDocument.create('x', 'chidu', 1, text), edits);
}

describe('formatting corpus', () => {
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases)('%s', async name => {
        const input = fs.readFileSync(path.join(CORPUS, `${name}.input.chidu`), 'utf8');
        const expected = fs.readFileSync(path.join(CORPUS, `${name}.expected.chidu`), 'utf8');
        expect(await format(input)).toBe(expected);
        expect(await format(expected)).toBe(expected);
    });
});
