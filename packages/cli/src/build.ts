import type { LangiumDocument } from 'langium';
import { type BuildManifest, type BuildOutput, MANIFEST_FILE, buildManifest, buildOutputs } from '@chidu/language/core';
import { type TreeFile, publishTree } from './output-tree.js';
import { UsageError, relativeToRoot } from './workspace.js';

/**
 * The compiled documents as outputs of the tree: paths relative to `--out` and `source.file` relative to the
 * workspace root, so neither depends on the current directory nor on which folders were passed.
 */
export function renderOutputs(documents: readonly LangiumDocument[], root: string): BuildOutput[] {
    const outputs = buildOutputs(documents, d => relativeToRoot(d.uri.fsPath, root), { root });
    const clash = outputs.find(o => o.path === MANIFEST_FILE);
    if (clash) {
        throw new UsageError(`${clash.entry.source} 的输出 ${MANIFEST_FILE} 与构建清单同名：请给该文件改名`);
    }
    return outputs;
}

/** The files of the tree: the outputs and, at its root, the manifest index.json. */
export function treeFiles(outputs: readonly BuildOutput[]): { files: TreeFile[]; manifest: BuildManifest } {
    const manifest = buildManifest(outputs);
    const files = [...outputs.map(o => ({ path: o.path, content: o.content })), { path: MANIFEST_FILE, content: `${JSON.stringify(manifest, null, 2)}\n` }];
    return { files, manifest };
}

/**
 * Writes the files as the whole tree at `outDir`, switched at once: readers see the previous build or this
 * one, never a mix, and outputs of deleted sources disappear with the switch (see output-tree.ts).
 */
export async function writeOutputs(files: readonly TreeFile[], outDir: string, waitMs: number, log: (line: string) => void): Promise<void> {
    await publishTree(outDir, files, { waitMs, log });
}
