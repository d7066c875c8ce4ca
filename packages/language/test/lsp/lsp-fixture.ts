import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { LangiumServices, LangiumSharedServices } from 'langium/lsp';
import type { Position } from 'vscode-languageserver';
import { createChiduServices } from '../../src/chidu-module.js';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');

export interface Fixture {
    readonly shared: LangiumSharedServices;
    readonly services: LangiumServices;
    readonly documents: Record<string, LangiumDocument>;
    /** The document of a file name. */
    doc(name: string): LangiumDocument;
    /** The position of the n-th occurrence (0-based) of `text` in a file, plus `delta` characters. */
    at(name: string, text: string, delta?: number, occurrence?: number): Position;
    /** The text document params for a file. */
    id(name: string): { uri: string };
}

/** Builds files (name → text) as one linked, validated workspace under /workspace/. */
export async function fixture(files: Record<string, string>): Promise<Fixture> {
    const { shared, Chidu } = createChiduServices(EmptyFileSystem);
    const documents: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(path.join('/workspace', name)));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents[name] = document;
    }
    await shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    const doc = (name: string) => {
        const document = documents[name];
        if (!document) throw new Error(`no fixture file ${name}`);
        return document;
    };
    return {
        shared,
        services: Chidu,
        documents,
        doc,
        at(name, text, delta = 0, occurrence = 0) {
            const source = doc(name).textDocument.getText();
            let index = -1;
            for (let i = 0; i <= occurrence; i++) {
                index = source.indexOf(text, index + 1);
                if (index < 0) throw new Error(`"${text}" (#${occurrence}) not found in ${name}`);
            }
            return doc(name).textDocument.positionAt(index + delta);
        },
        id: name => ({ uri: doc(name).textDocument.uri })
    };
}

/** The three-level Guangdong eco chain from examples/. */
export function guangdongEco(): Record<string, string> {
    const folder = path.join(EXAMPLES, 'guangdong-eco');
    return Object.fromEntries(['province.chidu', 'jiangmen.chidu', 'county.chidu']
        .map(name => [name, fs.readFileSync(path.join(folder, name), 'utf8')]));
}

export const STATUTES_DIR = path.resolve(REPO_ROOT, '../shared/reference/statutes');
