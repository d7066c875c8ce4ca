import { defineConfig } from 'vitest/config';

// The suites that need a real browser (Debian's chromium): run by scripts/e2e.sh after it installs chromium,
// not by `npm test`.
export default defineConfig({
    test: {
        include: ['packages/*/test-browser/**/*.test.ts'],
        testTimeout: 120_000,
        hookTimeout: 120_000,
        pool: 'threads'
    }
});
