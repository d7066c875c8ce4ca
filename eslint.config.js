// Lint for the whole repository (typescript-eslint: the TypeScript team's parser and rules, with type-aware
// rules for the async code of the language server). Besides correctness rules it enforces the layers of
// packages/language/src: domain ← model ← scoping / validation ← generation / lsp. A layer may import the
// layers below it and never the ones beside or above it; lsp/ and generation/ read verdicts and the code
// registry, not the rule files.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const src = 'packages/language/src';

/** A layer and the import specifiers it must not use. */
function layer(folder, forbidden, why) {
    return {
        files: [`${src}/${folder}/**/*.ts`],
        rules: {
            'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: why }] }]
        }
    };
}

export default tseslint.config(
    {
        ignores: [
            '**/node_modules/**', '**/out/**', `${src}/generated/**`, 'artifacts/**', 'packages/extension/dist/**',
            '**/*.cjs', '**/*.vsix'
        ]
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            globals: { ...globals.node },
            parserOptions: {
                projectService: { allowDefaultProject: ['*.config.ts', '*.config.js'] },
                tsconfigRootDir: import.meta.dirname
            }
        },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/await-thenable': 'error',
            '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            'no-control-regex': 'off'
        }
    },
    {
        files: ['**/*.js', '**/*.mjs', 'packages/extension/e2e/**'],
        ...tseslint.configs.disableTypeChecked
    },
    layer('domain', ['langium', 'langium/*', 'vscode-*', '../*'],
        'domain/ is the pure legal core: it imports nothing from Langium, the AST or any other layer.'),
    layer('model', ['../validation/*', '../scoping/*', '../lsp/*', '../generation/*', '../workspace/*'],
        'model/ reads the AST into the domain; it must not depend on checks, scoping or consumers.'),
    layer('scoping', ['../validation/*', '../lsp/*', '../generation/*'],
        'scoping/ resolves names; it must not depend on checks or consumers.'),
    layer('validation', ['../lsp/*', '../generation/*'],
        'validation/ computes verdicts; editor features and the build read them, not the reverse.'),
    layer('generation', ['../lsp/*', '../validation/*', '!../validation/diagnostic-codes.js'],
        'generation/ serialises the model and the verdicts; it must not reach into rule files.'),
    {
        // The runtime reads the compiled JSON only: no Langium, no AST, only the pure domain core of the language.
        files: ['packages/runtime/src/**/*.ts'],
        rules: {
            'no-restricted-imports': ['error', {
                paths: [{ name: '@chidu/language', message: 'packages/runtime imports only @chidu/language/domain (the pure core), never the Langium services.' }],
                patterns: [{ group: ['langium', 'langium/*', 'vscode-*', '@chidu/language/*', '!@chidu/language/domain', '@chidu/cli', '@chidu/cli/*'],
                    message: 'packages/runtime must not depend on Langium, the language services or the CLI: it evaluates the compiled JSON.' }]
            }]
        }
    },
    layer('lsp', ['../validation/*', '!../validation/diagnostic-codes.js', '../generation/*', '!../generation/build-output.js',
        '!../generation/effective-benchmark.js'],
        'lsp/ reads the model, the verdicts and the code registry, not the rule files.')
);
