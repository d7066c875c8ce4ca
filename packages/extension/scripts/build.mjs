// Builds the Chidu VS Code extension:
//   out/extension.cjs  the client (vscode-languageclient), `vscode` external
//   out/server.cjs     the language server (Langium + the Chidu language, bundled from its TypeScript sources)
//   syntaxes/          the TextMate grammar Langium generates (packages/language/syntaxes), with the keyword
//                      pattern filled in (Langium's generator leaves it empty for non-ASCII keywords)
//   statutes/          the statute library (../shared/reference/statutes) for hover texts
//   schemas/           the JSON Schema of the workspace file chidu.json (editor completion)
//   docs/              the Chinese user documentation (docs/*.md), which keyword hovers link to
// Flags: --production (minify, no source maps: what the VSIX ships), --watch, --metafile (also write esbuild's
// account of each bundle's inputs, <outdir>/<bundle>.meta.json: tests check which packages went in).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionRoot = path.join(here, '..');
const repoRoot = path.join(extensionRoot, '..', '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --outdir=DIR: only the two bundles, into DIR (tests build a private copy this way).
const outdirArgument = process.argv.find(a => a.startsWith('--outdir='))?.slice('--outdir='.length);
const outdir = outdirArgument ? path.resolve(outdirArgument) : path.join(extensionRoot, 'out');
const writeMetafiles = process.argv.includes('--metafile');

const languageSources = path.join(repoRoot, 'packages', 'language', 'src');

/** @type {esbuild.BuildOptions} */
const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    outdir,
    external: ['vscode'],
    // Bundle the language from its sources: consistent with the server code, and no tsc step needed.
    alias: { '@chidu/language': path.join(languageSources, 'index.ts') },
    mainFields: ['module', 'main'],
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    minify: production,
    keepNames: true,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    metafile: true,
    // The language sources are ESM and ask for import.meta.url to find files next to their module (the
    // statute library looks in ../statutes). In the CommonJS bundle it names a module inside out/ that is not
    // the bundle itself, so that an `is this file the program being run?` check in a bundled module (such as
    // packages/language/src/lsp/main.ts) stays false and the server starts exactly once, from our entry.
    define: { 'import.meta.url': '__chiduImportMetaUrl' },
    banner: { js: "const __chiduImportMetaUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'chidu-language.mjs')).href;" }
};

const builds = [
    { ...common, entryPoints: { extension: path.join(extensionRoot, 'src', 'extension.ts') } },
    { ...common, entryPoints: { server: path.join(extensionRoot, 'src', 'server', 'main.ts') } }
];

function copyGrammar() {
    const source = path.join(repoRoot, 'packages', 'language', 'syntaxes', 'chidu.tmLanguage.json');
    const grammar = JSON.parse(fs.readFileSync(source, 'utf8'));
    const keywords = grammarKeywords();
    for (const pattern of grammar.patterns) {
        if (pattern.name === 'keyword.control.chidu' && !pattern.match) {
            pattern.match = `(?:${keywords.map(escapeRegExp).join('|')})`;
        }
    }
    // Citations, codes, dates and numerals: no Langium output covers terminals, so add them here.
    grammar.patterns.push(
        { name: 'markup.underline.link.citation.chidu', match: '《[^《》\\r\\n]+》(?:[（(][0-9]{4}年[^（()）\\r\\n]{0,8}[）)])?(?:第[0-9零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)?(?:第[0-9零〇一二两三四五六七八九十百千]+款)?(?:第[（(][0-9零〇一二两三四五六七八九十百千]+[）)]项)?' },
        { name: 'constant.numeric.date.chidu', match: '\\b[0-9]{4}(?:-[0-9]{1,2}-[0-9]{1,2}|年[0-9]{1,2}月[0-9]{1,2}日)' },
        { name: 'entity.name.tag.code.chidu', match: '\\b(?:[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*|[0-9]+(?:-[A-Za-z0-9_]+)+)\\b' },
        { name: 'constant.numeric.chidu', match: '[0-9]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿点]+' }
    );
    const target = path.join(extensionRoot, 'syntaxes', 'chidu.tmLanguage.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify(grammar, null, 2)}\n`);
}

/** Every keyword literal of grammar/chidu.langium that is a word (not punctuation), longest first. */
function grammarKeywords() {
    const text = fs.readFileSync(path.join(repoRoot, 'grammar', 'chidu.langium'), 'utf8')
        .replace(/\/\/[^\n]*/g, '');
    const words = new Set();
    for (const match of text.matchAll(/'([^'\n]+)'/g)) {
        if (/[\p{L}]/u.test(match[1])) {
            words.add(match[1]);
        }
    }
    return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function copyStatutes() {
    const source = process.env.CHIDU_STATUTES_SOURCE ?? path.join(repoRoot, '..', 'shared', 'reference', 'statutes');
    const target = path.join(extensionRoot, 'statutes');
    fs.rmSync(target, { recursive: true, force: true });
    if (!fs.existsSync(source)) {
        console.warn(`chidu-vscode: no statute library at ${source}; hovers will not show article texts`);
        return;
    }
    fs.mkdirSync(target, { recursive: true });
    for (const name of fs.readdirSync(source).sort()) {
        if (name.endsWith('.md')) {
            fs.copyFileSync(path.join(source, name), path.join(target, name));
        }
    }
}

/** The user documentation (Chinese, docs/*.md): keyword hovers link to docs/语言参考.md. */
function copyDocs() {
    const source = path.join(repoRoot, 'docs');
    const target = path.join(extensionRoot, 'docs');
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    for (const name of fs.readdirSync(source).sort()) {
        if (name.endsWith('.md')) {
            fs.copyFileSync(path.join(source, name), path.join(target, name));
        }
    }
}

/** The JSON Schema of chidu.json (written by `npm run docs`), for the jsonValidation contribution. */
function copyWorkspaceSchema() {
    const target = path.join(extensionRoot, 'schemas');
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(repoRoot, 'packages', 'language', 'chidu-workspace.schema.json'), path.join(target, 'chidu-workspace.schema.json'));
}

fs.rmSync(outdir, { recursive: true, force: true });
if (!outdirArgument) {
    copyWorkspaceSchema();
    copyGrammar();
    copyStatutes();
    copyDocs();
}
if (watch) {
    for (const options of builds) {
        const context = await esbuild.context(options);
        await context.watch();
    }
    console.log('chidu-vscode: watching for changes…');
} else {
    const started = Date.now();
    const results = await Promise.all(builds.map(options => esbuild.build(options)));
    if (writeMetafiles) {
        builds.forEach((options, index) => {
            const [name] = Object.keys(options.entryPoints);
            fs.writeFileSync(path.join(outdir, `${name}.meta.json`), JSON.stringify(results[index].metafile));
        });
    }
    const sizes = results.flatMap(r => Object.entries(r.metafile.outputs))
        .filter(([file]) => file.endsWith('.cjs'))
        .map(([file, info]) => `${path.basename(file)} ${(info.bytes / 1024).toFixed(0)} KiB`);
    console.log(`chidu-vscode: built ${sizes.join(', ')}${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
