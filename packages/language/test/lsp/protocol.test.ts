import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll } from 'vitest';
import { REPO_ROOT } from './lsp-fixture.js';
import { protocolSuite } from './protocol-suite.js';
import { COMPILED_SERVER } from './stdio-client.js';

// The compiled server (packages/language/out/lsp/main.js); packages/extension/test/protocol.test.ts runs the
// same suite against the bundle the extension ships.
beforeAll(() => {
    if (!fs.existsSync(COMPILED_SERVER)) {
        // Running this file alone: compile first (npm test builds before running vitest).
        spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
});

protocolSuite(() => COMPILED_SERVER);
