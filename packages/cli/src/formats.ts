import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XMLBuilder } from 'fast-xml-parser';
import { DIAGNOSTICS, type DiagnosticSpec } from '@chidu/language/core';
import type { ReportedDiagnostic, SeverityName } from './report.js';

/**
 * The formats pipelines read (`chidu validate --format sarif|junit|github`). Every file name in them is
 * relative to the workspace root (see findWorkspaceRoot), `/`-separated, so the same run gives the same
 * report from any current directory.
 */

const SEVERITY_WORDS: Record<DiagnosticSpec['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

/** Where the diagnostic catalogue is: `--docs-url`, else docs/diagnostics.md beside this Chidu, if present. */
export function catalogueUrl(explicit: string | undefined): string | undefined {
    if (explicit !== undefined) {
        return explicit;
    }
    const local = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/diagnostics.md');
    return fs.existsSync(local) ? pathToFileURL(local).href : undefined;
}

/** The anchor of a code in docs/diagnostics.md (its `## CD401` heading). */
function anchorUrl(base: string, code: string): string {
    return `${base.replace(/#.*$/, '')}#${code.toLowerCase()}`;
}

const SARIF_LEVEL: Record<SeverityName, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
    /** Absolute path of the workspace root (the `WORKSPACE` uriBaseId). */
    readonly root: string;
    readonly version: string;
    readonly docsUrl: string | undefined;
}

/** A SARIF 2.1.0 log: rules from the diagnostic registry, one result per diagnostic (suppressed ones with their reason). */
export function toSarif(diagnostics: readonly ReportedDiagnostic[], options: SarifOptions): object {
    const codes = (Object.keys(DIAGNOSTICS) as (keyof typeof DIAGNOSTICS)[]).sort();
    const ruleIndex = new Map<string, number>(codes.map((code, i) => [code, i]));
    const rules = codes.map(code => {
        const spec: DiagnosticSpec = DIAGNOSTICS[code];
        const help = `${spec.description}\n\n修改方法：${spec.fix}\n\n错误示例：\n${spec.bad}\n\n正确示例：\n${spec.good}`;
        const markdown = `${spec.description}\n\n**修改方法**：${spec.fix}\n\n错误示例：\n\n\`\`\`\n${spec.bad}\n\`\`\`\n\n正确示例：\n\n\`\`\`\n${spec.good}\n\`\`\``;
        return {
            id: code,
            name: code,
            shortDescription: { text: spec.title },
            fullDescription: { text: spec.description },
            help: { text: help, markdown },
            ...(options.docsUrl ? { helpUri: anchorUrl(options.docsUrl, code) } : {}),
            defaultConfiguration: { level: SARIF_LEVEL[spec.severity] },
            properties: { severity: SEVERITY_WORDS[spec.severity] }
        };
    });
    const rootUri = pathToFileURL(options.root.endsWith(path.sep) ? options.root : `${options.root}${path.sep}`).href;
    const results = diagnostics.map(d => ({
        ruleId: d.code,
        ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
            physicalLocation: {
                artifactLocation: { uri: encodeURI(d.file), uriBaseId: 'WORKSPACE' },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
            }
        }],
        ...(d.suppressed ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: d.suppressed.reason }] } : {})
    }));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'chidu', fullName: '尺度 Chidu：行政裁量权基准校验器', version: options.version, semanticVersion: options.version,
                    ...(options.docsUrl ? { informationUri: options.docsUrl.replace(/#.*$/, '') } : {}),
                    language: 'zh-CN', rules
                }
            },
            originalUriBaseIds: { WORKSPACE: { uri: rootUri, description: { text: '工作区根目录' } } },
            columnKind: 'utf16CodeUnits',
            results
        }]
    };
}

/**
 * JUnit XML: one testsuite per file, one testcase per check (registered code) and file. A testcase fails for
 * each error of its code in that file (and for warnings under --strict); other findings, suppressed ones with
 * their reason, are its system-out.
 */
export function toJunit(diagnostics: readonly ReportedDiagnostic[], files: readonly string[], strict: boolean): string {
    const codes = (Object.keys(DIAGNOSTICS) as (keyof typeof DIAGNOSTICS)[]).sort();
    const fails = (d: ReportedDiagnostic) => !d.suppressed && (d.severity === 'error' || (strict && d.severity === 'warning'));
    const where = (d: ReportedDiagnostic) => `${d.file}:${d.line}:${d.column}`;
    const allFiles = [...new Set([...files, ...diagnostics.map(d => d.file)])].sort();
    let totalFailures = 0;
    const suites = allFiles.map(file => {
        const own = diagnostics.filter(d => d.file === file);
        let failures = 0;
        const testcases = codes.map(code => {
            const found = own.filter(d => d.code === code);
            const failing = found.filter(fails);
            const other = found.filter(d => !fails(d));
            failures += failing.length > 0 ? 1 : 0;
            return {
                '@_name': `${code} ${DIAGNOSTICS[code].title}`,
                '@_classname': file,
                ...(failing.length > 0 ? {
                    failure: {
                        '@_message': failing[0]!.message,
                        '@_type': code,
                        '#text': failing.map(d => `${where(d)}: ${SEVERITY_WORDS[d.severity === 'hint' ? 'info' : d.severity]} ${code} ${d.message}`).join('\n')
                    }
                } : {}),
                ...(other.length > 0 ? {
                    'system-out': other.map(d => `${where(d)}: ${d.suppressed ? '已忽略的' : ''}${SEVERITY_WORDS[d.severity === 'hint' ? 'info' : d.severity]} ${code} ${d.message}`
                        + (d.suppressed ? `（理由：${d.suppressed.reason}）` : '')).join('\n')
                } : {})
            };
        });
        totalFailures += failures;
        return { '@_name': file, '@_tests': codes.length, '@_failures': failures, '@_errors': 0, '@_skipped': 0, testcase: testcases };
    });
    const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });
    const body = builder.build({
        testsuites: { '@_name': 'chidu validate', '@_tests': allFiles.length * codes.length, '@_failures': totalFailures, '@_errors': 0, testsuite: suites }
    }) as string;
    return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/** Escapes a workflow command's message (data): `%`, CR and LF. */
function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, and `:` and `,` too. */
function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<SeverityName, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions annotations, one workflow command per finding (suppressed ones are left out). */
export function toGithub(diagnostics: readonly ReportedDiagnostic[], info: boolean): string[] {
    return diagnostics
        .filter(d => !d.suppressed && (info || d.severity === 'error' || d.severity === 'warning'))
        .map(d => {
            const properties = [
                `file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`,
                ...(d.endLine === d.line ? [`endColumn=${d.endColumn}`] : []),
                `title=${escapeProperty(`${d.code} ${d.code in DIAGNOSTICS ? DIAGNOSTICS[d.code as keyof typeof DIAGNOSTICS].title : ''}`.trim())}`
            ];
            return `::${GITHUB_COMMAND[d.severity]} ${properties.join(',')}::${escapeData(d.message)}`;
        });
}
