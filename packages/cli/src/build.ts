import type { LangiumDocument } from 'langium';
import { buildOutputs } from '@chidu/language/core';
import { type TreeFile, publishTree } from './output-tree.js';
import { displayPath } from './report.js';

/** The compiled documents as files of the output tree (paths relative to `--out`, `/`-separated). */
export function renderOutputs(documents: readonly LangiumDocument[]): TreeFile[] {
    return buildOutputs(documents, d => displayPath(d.uri.fsPath)).map(output => ({ path: output.path, content: output.content }));
}

/**
 * Writes the outputs as the whole tree at `outDir`, switched at once: readers see the previous build or this
 * one, never a mix, and outputs of deleted sources disappear with the switch (see output-tree.ts).
 */
export async function writeOutputs(outputs: readonly TreeFile[], outDir: string, waitMs: number, log: (line: string) => void): Promise<void> {
    await publishTree(outDir, outputs, { waitMs, log });
}
