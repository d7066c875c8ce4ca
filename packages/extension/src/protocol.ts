/**
 * Custom requests between the Chidu VS Code client and the Chidu language server (both bundled from this
 * package). Kept free of `vscode` and Langium imports so both sides can share it.
 */

/** Validates every document of the workspace with all check categories (including the slow ones). */
export const ValidateWorkspaceRequest = 'chidu/validateWorkspace';
export interface ValidateWorkspaceResult {
    files: number;
    errors: number;
    warnings: number;
    /** The first errors, one line each (`file:line:col: CODE message`), for a notification. */
    firstErrors: string[];
}

/** Validates, then compiles every document to its effective-benchmark JSON (nothing is returned on errors). */
export const BuildWorkspaceRequest = 'chidu/buildWorkspace';
export interface BuildWorkspaceResult extends ValidateWorkspaceResult {
    /** Relative output paths (forward slashes, `.json`) with their content; empty when there are errors. */
    outputs: { path: string; content: string }[];
}

/** The effective benchmark of the item under the cursor (or of the whole document outside any item). */
export const EffectiveBenchmarkRequest = 'chidu/effectiveBenchmark';
export interface EffectiveBenchmarkParams {
    uri: string;
    /** 0-based, LSP style; absent = the whole document. */
    position?: { line: number; character: number };
}
export interface EffectiveBenchmarkResult {
    /** A short title such as `DQ-99-1 生效基准` or the document name. */
    title: string;
    /** Pretty-printed JSON. */
    json: string;
    /** Whether the document (or the workspace) still has errors: the preview is then provisional. */
    hasErrors: boolean;
}
