#!/usr/bin/env node
// Standalone Chidu language server for any LSP client: `npx chidu-language-server --stdio`.
// Runs the same bundle the VS Code extension ships (out/server.cjs, built by `npm ci` / `npm run build`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'out', 'server.cjs');
if (!fs.existsSync(bundle)) {
    process.stderr.write(`chidu-language-server: ${bundle} is missing; run \`npm run build -w chidu-vscode\` first\n`);
    process.exit(2);
}
if (!process.env.CHIDU_STATUTES_DIR) {
    // The statute library used for hover texts: copied next to the bundle at build time.
    const statutes = path.join(root, 'statutes');
    if (fs.existsSync(statutes)) {
        process.env.CHIDU_STATUTES_DIR = statutes;
    }
}
if (!process.argv.slice(2).some(a => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    process.argv.push('--stdio');
}
require(bundle);
