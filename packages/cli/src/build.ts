import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { effectiveBenchmark, exemptionListJson, isBenchmark, isExemptionList } from '@chidu/language';
import { displayPath } from './report.js';

/** The deepest directory holding all files. */
function commonRoot(files: readonly string[]): string {
    const dirs = files.map(f => path.dirname(f).split(path.sep));
    const first = dirs[0] ?? [];
    let length = first.length;
    for (const dir of dirs) {
        let i = 0;
        while (i < length && dir[i] === first[i]) i++;
        length = i;
    }
    return first.slice(0, length).join(path.sep) || path.sep;
}

export interface BuildOutput {
    readonly file: string;
    readonly content: string;
}

/**
 * One JSON file per benchmark or list document, named after its source file relative to the inputs' common
 * root. Enforcement-matter catalogues are inputs of the checks and are not compiled.
 */
export function renderOutputs(documents: readonly LangiumDocument[], outDir: string): BuildOutput[] {
    const files = documents.map(d => d.uri.fsPath);
    const root = commonRoot(files);
    const fileOf = (d: LangiumDocument) => displayPath(d.uri.fsPath);
    return documents
        .flatMap(document => {
            const value = document.parseResult.value;
            const json = isBenchmark(value) ? effectiveBenchmark(document, fileOf)
                : isExemptionList(value) ? exemptionListJson(document, fileOf) : undefined;
            if (!json) {
                return [];
            }
            const relative = path.relative(root, document.uri.fsPath).replace(/\.chidu$/, '.json');
            return [{ file: path.join(outDir, relative), content: `${JSON.stringify(json, null, 2)}\n` }];
        })
        .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Writes every output through a temporary file and a rename, so that no reader ever sees a half-written
 * file; on failure the temporary files are removed.
 */
export async function writeOutputs(outputs: readonly BuildOutput[]): Promise<void> {
    const temporary: string[] = [];
    try {
        for (const output of outputs) {
            await fs.mkdir(path.dirname(output.file), { recursive: true });
            const tmp = `${output.file}.tmp-${process.pid}`;
            temporary.push(tmp);
            await fs.writeFile(tmp, output.content, 'utf8');
        }
        for (const output of outputs) {
            await fs.rename(`${output.file}.tmp-${process.pid}`, output.file);
        }
    } catch (error) {
        await Promise.all(temporary.map(tmp => fs.rm(tmp, { force: true })));
        throw error;
    }
}
