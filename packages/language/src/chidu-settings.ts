import { type BoundarySemantics } from './domain/index.js';

/** The defaults a workspace file (chidu.json) states, in its own words. */
export interface WorkspaceDefaults {
    readonly profile?: string;
    readonly boundary?: string;
    readonly excludedDomains?: string[];
}

/**
 * Settings that change what the checks conclude, shared by the CLI and the language server (where they come
 * from the editor's `chidu.*` configuration). The defaults of the workspace file (chidu.json) apply where the
 * editor's configuration leaves a value empty.
 */
export class ChiduSettings {
    /** The day validity periods are judged against (ISO date; today by default; the CLI's `--date`). */
    referenceDate: string = new Date().toISOString().slice(0, 10);
    /** The 档次规则 of documents that declare none (`chidu.profile`). */
    defaultProfile?: string;
    /** The 边界 of documents that declare none (`chidu.boundary`). */
    defaultBoundary?: BoundarySemantics;
    /** The deny-list of lists that declare no 排除领域 (`chidu.excludedDomains`). */
    excludedDomains?: string[];
    /** What the workspace file states (applied under the editor's configuration). */
    workspaceDefaults?: WorkspaceDefaults;
    /** The editor's configuration last applied (kept to re-apply it over new workspace defaults). */
    lastConfiguration?: Record<string, unknown>;

    /** Reads the `chidu` configuration section sent by an editor; unknown or empty values keep the defaults. */
    apply(configuration: Record<string, unknown> | undefined): void {
        this.lastConfiguration = configuration;
        const fallback = this.workspaceDefaults;
        const profile = nonEmpty(configuration?.profile) ?? fallback?.profile;
        this.defaultProfile = typeof profile === 'string' && profile !== '' ? profile : undefined;
        const boundary = nonEmpty(configuration?.boundary) ?? fallback?.boundary;
        const match = typeof boundary === 'string' ? /以上(不?)含本数\s*以下(不?)含本数/.exec(boundary) : null;
        this.defaultBoundary = match ? { atLeastClosed: match[1] === '', atMostClosed: match[2] === '' } : undefined;
        const configured = configuration?.excludedDomains;
        const domains = Array.isArray(configured) && configured.length > 0 ? configured : fallback?.excludedDomains;
        this.excludedDomains = Array.isArray(domains) && domains.length > 0 ? domains.filter((d): d is string => typeof d === 'string') : undefined;
    }
}

function nonEmpty(value: unknown): unknown {
    return value === '' || value === null ? undefined : value;
}
