import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createChiduServices } from '@chidu/language';
import { DEFECT_KINDS, generateWorkspace, optionsForTotal } from '../src/generator.js';
import { fitExponent } from '../src/fit.js';

const small = { ...optionsForTotal(150), defects: 10 };

async function validate(files: readonly { path: string; text: string }[]) {
    const { shared } = createChiduServices(EmptyFileSystem);
    const documents = files.map(file => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.file(path.join('/bench', file.path)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents.flatMap(d => (d.diagnostics ?? []).map(diagnostic => ({
        file: path.relative('/bench', d.uri.fsPath), line: diagnostic.range.start.line + 1,
        severity: diagnostic.severity ?? 1, code: String(diagnostic.code)
    })));
}

describe('synthetic workspace generator', () => {
    it('is deterministic for a seed and differs across seeds', () => {
        const a = generateWorkspace(small);
        const b = generateWorkspace(small);
        const c = generateWorkspace({ ...small, seed: small.seed + 1 });
        expect(a.files.map(f => f.text)).toEqual(b.files.map(f => f.text));
        expect(a.planted).toEqual(b.planted);
        expect(c.files[0].text).not.toEqual(a.files[0].text);
    });

    it('has the default province shape: 1 × 3,000 + 4 × 1,000 + 6 × 500', () => {
        const shape = optionsForTotal(10_000);
        expect([shape.provinceItems, shape.cities, shape.cityItems, shape.counties, shape.countyItems]).toEqual([3000, 4, 1000, 6, 500]);
    });

    it('plants every kind of defect, and the checker finds each one and nothing else', async () => {
        const workspace = generateWorkspace(small);
        expect(workspace.items).toBeGreaterThanOrEqual(140);
        expect(new Set(workspace.planted.map(p => p.kind))).toEqual(new Set(DEFECT_KINDS));
        const diagnostics = await validate(workspace.files);
        for (const planted of workspace.planted) {
            const found = diagnostics.filter(d => d.file === planted.file && d.line === planted.line && planted.accept.includes(d.code));
            expect(found, `${planted.kind} ${planted.file}:${planted.line} ${planted.what}`).not.toHaveLength(0);
        }
        const plantedLines = new Set(workspace.planted.flatMap(p => [p.line, ...p.alsoLines].map(line => `${p.file}:${line}`)));
        const unexpected = diagnostics.filter(d => d.severity <= 2 && !plantedLines.has(`${d.file}:${d.line}`));
        expect(unexpected).toEqual([]);
    });

    it('gives edit targets in the county file that point at an amount', () => {
        const workspace = generateWorkspace(small);
        const text = workspace.files.find(f => f.path === workspace.editFile)!.text.split('\n');
        expect(workspace.editTargets.length).toBeGreaterThan(10);
        for (const target of workspace.editTargets) {
            expect(text[target.line].slice(target.character, target.character + target.text.length)).toBe(target.text);
        }
    });
});

describe('scaling fit', () => {
    it('recovers the exponent of a power law', () => {
        const points = [1000, 5000, 10_000, 50_000].map(x => ({ x, y: 3 * x ** 1.25 }));
        expect(fitExponent(points)).toBeCloseTo(1.25, 6);
    });
});
