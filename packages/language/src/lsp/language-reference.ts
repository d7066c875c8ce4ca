import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LANGUAGE_REFERENCE_FILE } from './keyword-docs.js';

let resolved: { url: string | undefined } | undefined;

/**
 * The file URL of docs/语言参考.md, which keyword hovers and completion items link to: the folder named by
 * `CHIDU_DOCS_DIR` (the extension sets it to the copy in the VSIX), else `docs/` beside the bundled server
 * (packages/extension/docs) or of the repository (from packages/language/out/lsp). Undefined when none is
 * found: the hover then names the section in words.
 */
export function languageReferenceUrl(): string | undefined {
    if (resolved) {
        return resolved.url;
    }
    const candidates: string[] = [];
    if (process.env.CHIDU_DOCS_DIR) {
        candidates.push(process.env.CHIDU_DOCS_DIR);
    }
    try {
        const here = path.dirname(fileURLToPath(import.meta.url));
        candidates.push(path.join(here, '..', 'docs'), path.join(here, '..', '..', '..', '..', 'docs'));
    } catch {
        // no module location (an unusual bundle): only the environment variable counts
    }
    const file = candidates.map(dir => path.join(dir, LANGUAGE_REFERENCE_FILE)).find(candidate => fs.existsSync(candidate));
    resolved = { url: file ? pathToFileURL(file).href : undefined };
    return resolved.url;
}
