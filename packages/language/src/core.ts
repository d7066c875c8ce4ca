// `@chidu/language/core`: the language without its language server (no vscode-languageserver, no editor
// providers). The CLI and tools import this; `@chidu/language` adds the language-server services.
export * from './chidu-core-module.js';
export * from './generated/ast.js';
export * from './model/document-model.js';
export * from './model/penalty-model.js';
export * from './scoping/item-index.js';
export * from './validation/diagnostic-codes.js';
export { isoDate } from './domain/index.js';
export { readCitations } from './model/citations.js';
export { statutoryLabel } from './model/document-model.js';
export { normalizeCode, normalizeTierName } from './parser/chidu-value-converter.js';
export { ChiduLanguageMetaData } from './generated/module.js';
export * from './generation/effective-benchmark.js';
export { BUILD_OUTPUT_SCHEMA } from './generation/schema.js';
export * from './generation/exemption-list.js';
export * from './generation/build-output.js';
export * from './generation/publish-table.js';
export * from './generation/publish-html.js';
export * from './generation/document-diff.js';
export * from './generation/diff-render.js';
export * from './workspace/workspace-file.js';
export { ChiduSettings } from './chidu-settings.js';
export { StatuteLibrary, statutePenalties, REGULATIONS_FOLDER, type Statute } from './workspace/statute-library.js';
export { STATUTE_VERSIONS } from './domain/index.js';
