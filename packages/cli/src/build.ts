import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { buildOutputs } from '@chidu/language';
import { displayPath } from './report.js';

export interface BuildOutput {
    readonly file: string;
    readonly content: string;
}

/** The compiled documents as files under the output folder. */
export function renderOutputs(documents: readonly LangiumDocument[], outDir: string): BuildOutput[] {
    return buildOutputs(documents, d => displayPath(d.uri.fsPath))
        .map(output => ({ file: path.join(outDir, ...output.path.split('/')), content: output.content }));
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
