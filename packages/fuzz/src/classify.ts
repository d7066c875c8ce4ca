/**
 * Classifies what validating one (mutated) workspace produced. Pure functions of the outcome and the input,
 * so they can be tested on planted outcomes.
 *
 * Classes:
 * - crash: an exception out of the language services, a worker that died (e.g. out of memory), CLI output
 *   that is not the JSON array `--format json` promises, a CLI exit code other than 0/1, or one that
 *   disagrees with the errors it printed;
 * - internal-error: a CD009 diagnostic (a check threw and the validator caught it), or an exception Langium
 *   caught and only logged (an error while resolving a reference becomes an ordinary "unknown name"
 *   diagnostic; the log is the only trace), or any other console error/warning of the services;
 * - bad-message: a message showing `undefined`, `null`, `NaN` or `[object Object]` that the input did not
 *   contain (a value that was never filled in);
 * - hang: validation or the CLI ran past the time limit and was killed;
 * - no-location: a diagnostic without a usable range (missing, not whole numbers, end before start, or past
 *   the end of the file);
 * - no-code: a diagnostic without a stable CDnnn code (every message must carry one).
 */

export const FAILURE_CLASSES = ['crash', 'internal-error', 'bad-message', 'hang', 'no-location', 'no-code'] as const;
export type FailureClass = typeof FAILURE_CLASSES[number];

export type Via = 'in-process' | 'cli' | 'server';

export interface Finding {
    readonly class: FailureClass;
    readonly via: Via;
    /** Stable across inputs that fail the same way (used to deduplicate). */
    readonly signature: string;
    /** The concrete failure, for the record. */
    readonly detail: string;
}

export interface Position { readonly line: number; readonly character: number }
export interface Range { readonly start: Position; readonly end: Position }

/** A diagnostic as the language services publish it (0-based range). */
export interface ServiceDiagnostic {
    readonly file: string;
    readonly range?: Range;
    readonly severity?: number;
    readonly code?: string | number;
    readonly message: unknown;
}

/** A console.error / console.warn call of the services while they built the workspace. */
export interface ServiceLog {
    readonly level: 'error' | 'warn';
    readonly text: string;
    readonly error?: { readonly name: string; readonly message: string; readonly stack?: string };
}

export type InProcessOutcome =
    | { readonly kind: 'ok'; readonly durationMs: number; readonly diagnostics: readonly ServiceDiagnostic[]; readonly logs?: readonly ServiceLog[] }
    | { readonly kind: 'exception'; readonly durationMs: number; readonly name: string; readonly message: string; readonly stack?: string; readonly logs?: readonly ServiceLog[] }
    | { readonly kind: 'timeout'; readonly timeoutMs: number }
    | { readonly kind: 'worker-exit'; readonly exitCode: number; readonly message: string };

export interface CliOutcome {
    readonly exitCode: number | null;
    readonly signal: string | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly timedOut: boolean;
    readonly timeoutMs: number;
    readonly durationMs: number;
}

/** A diagnostic as `chidu validate --format json` prints it (1-based). */
export interface CliDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: string;
    readonly code: string;
    readonly message: string;
}

/**
 * The shape of a message or stack line with the input-specific parts taken out: quoted names, citations,
 * numbers, long runs. Two failures with the same shape are the same defect for deduplication.
 */
export function normalize(text: string, max = 160): string {
    return text
        .replace(/「[^」]*」/g, '「…」').replace(/《[^》]*》/g, '《…》').replace(/“[^”]*”/g, '“…”').replace(/"[^"]*"/g, '"…"')
        .replace(/'[^'\n]{0,80}'/g, "'…'")
        .replace(/\d+(\.\d+)?/g, 'N')
        .replace(/第[零〇一二两三四五六七八九十百千]+/g, '第N')
        .replace(/[零〇一二两三四五六七八九十百千万亿]{2,}/g, 'N')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, max);
}

/** The first stack frame (function and file, no line numbers), to tell apart exceptions with one message. */
export function topFrame(stack: string | undefined): string {
    for (const line of (stack ?? '').split('\n').slice(1)) {
        const match = /^\s*at (?:(.+?) \()?(?:.*[/\\])?([^/\\():]+)(?::\d+:\d+)?\)?$/.exec(line);
        if (match) return `${match[1] ?? '<anonymous>'}@${match[2]}`;
    }
    return '?';
}

const BAD_WORDS = ['undefined', 'null', 'NaN', '[object Object]'] as const;

function badWordIn(message: string, inputs: readonly string[]): string | undefined {
    for (const word of BAD_WORDS) {
        const pattern = word === '[object Object]' ? /\[object Object\]/ : new RegExp(`(?<![A-Za-z_])${word}(?![A-Za-z_])`);
        if (pattern.test(message) && !inputs.some(text => pattern.test(text))) {
            return word;
        }
    }
    return undefined;
}

function lineCount(text: string): number {
    return (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

const isWhole = (value: unknown, min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min;

/** Why a 0-based range is unusable, or undefined when it is fine. */
export function rangeProblem(range: Range | undefined, text: string | undefined): string | undefined {
    if (!range || !range.start || !range.end) return 'no range';
    const values = [range.start.line, range.start.character, range.end.line, range.end.character];
    if (!values.every(v => isWhole(v, 0))) return `range is not whole numbers (${values.map(String).join(',')})`;
    if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character < range.start.character)) {
        return 'range ends before it starts';
    }
    if (text !== undefined && range.end.line >= lineCount(text)) return 'range past the end of the file';
    return undefined;
}

/** Why a 1-based CLI location is unusable, or undefined when it is fine. */
export function cliLocationProblem(d: CliDiagnostic, text: string | undefined): string | undefined {
    const values = [d.line, d.column, d.endLine, d.endColumn];
    if (!values.every(v => isWhole(v, 1))) return `location is not positive whole numbers (${values.map(String).join(',')})`;
    return rangeProblem({ start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } }, text);
}

/** The checks every diagnostic must pass, wherever it came from. */
function checkOne(code: string | undefined, message: unknown, locationProblem: string | undefined, inputs: readonly string[], via: Via, file: string, frames?: ReadonlyMap<string, string>): Finding[] {
    const findings: Finding[] = [];
    const text = typeof message === 'string' ? message : JSON.stringify(message) ?? String(message);
    const shown = `${file}: ${code ?? '(no code)'} ${text.slice(0, 300)}`;
    if (code === 'CD009') {
        // The validator's log of the same exception names the function that threw.
        const frame = [...(frames ?? new Map<string, string>())].find(([error]) => text.endsWith(error))?.[1];
        findings.push({ class: 'internal-error', via, signature: `internal-error|${normalize(text)}${frame ? `|${frame}` : ''}`, detail: shown });
    }
    if (code === undefined || !/^CD\d{3}$/.test(code)) {
        findings.push({ class: 'no-code', via, signature: `no-code|${code ?? '-'}|${normalize(text, 80)}`, detail: shown });
    }
    // A CD009 quotes a JavaScript error ("reading properties of undefined"): an internal error, counted above.
    const word = code === 'CD009' ? undefined : typeof message === 'string' ? badWordIn(message, inputs) : 'non-string message';
    if (word) {
        findings.push({ class: 'bad-message', via, signature: `bad-message|${code ?? '-'}|${word}|${normalize(text, 100)}`, detail: shown });
    }
    if (locationProblem) {
        findings.push({ class: 'no-location', via, signature: `no-location|${code ?? '-'}|${locationProblem.replace(/\(.*\)/, '')}`, detail: `${shown} — ${locationProblem}` });
    }
    return findings;
}

/**
 * `textKnown`: the diagnostics are of exactly these texts (not of an older version), so a range past the end
 * of a file is a defect.
 */
export function checkServiceDiagnostics(diagnostics: readonly ServiceDiagnostic[], files: Readonly<Record<string, string>>, via: Via, logs: readonly ServiceLog[] = [], textKnown = true): Finding[] {
    const inputs = Object.values(files);
    const frames = new Map(logs.filter(l => l.error && /^An error occurred during/.test(l.text)).map(l => [l.error!.message, topFrame(l.error!.stack)]));
    return diagnostics.flatMap(d => {
        const code = d.code === undefined || d.code === null ? undefined : String(d.code);
        return checkOne(code, d.message, rangeProblem(d.range, textKnown ? files[d.file] : undefined), inputs, via, d.file, frames);
    });
}

/**
 * Logged errors and warnings. Those of the validator ("An error occurred during validation…") are left out:
 * each also became a CD009 diagnostic, classified there.
 */
/** A log line of Langium's validator about a caught exception (the exception itself becomes CD009). */
export function isValidatorLog(text: string, hasError: boolean): boolean {
    return /^An error occurred during validation/.test(text) || (!hasError && /^\w*Error\b[^\n]*\n\s+at /.test(text));
}

export function checkLogs(logs: readonly ServiceLog[], via: Via): Finding[] {
    return logs.filter(log => !isValidatorLog(log.text, log.error !== undefined))
        .map(log => {
            const error = log.error ? `${log.error.name}: ${normalize(log.error.message, 100)}|${topFrame(log.error.stack)}` : '';
            return {
                class: 'internal-error' as const, via,
                signature: `internal-error|logged ${log.level}|${normalize(log.text, 100)}|${error}`,
                detail: `console.${log.level}: ${log.text.slice(0, 300)}${log.error ? ` ${log.error.name}: ${log.error.message}\n${(log.error.stack ?? '').split('\n').slice(1, 6).join('\n')}` : ''}`
            };
        });
}

/**
 * Where an exception came from, for its signature: the top frame, except for a stack overflow, whose top frames
 * are wherever the recursion happened to run out; there the phase (parser, linker, validation) names it.
 */
export function exceptionSite(name: string, message: string, stack: string | undefined): string {
    if (name !== 'RangeError' || !/Maximum call stack size exceeded/.test(message)) return topFrame(stack);
    const frames = (stack ?? '').split('\n').slice(1).join('\n');
    if (/chevrotain|[/\\]parser[/\\]/.test(frames)) return 'recursion in the parser';
    if (/linker|scope/i.test(frames)) return 'recursion in linking';
    if (/validat/i.test(frames)) return 'recursion in validation';
    return topFrame(stack);
}

export function classifyInProcess(outcome: InProcessOutcome, files: Readonly<Record<string, string>>, ops: readonly string[]): Finding[] {
    switch (outcome.kind) {
        case 'ok':
            return [...checkServiceDiagnostics(outcome.diagnostics, files, 'in-process', outcome.logs), ...checkLogs(outcome.logs ?? [], 'in-process')];
        case 'exception':
            return [{
                class: 'crash', via: 'in-process',
                signature: `crash|in-process|${outcome.name}: ${normalize(outcome.message, 100)}|${exceptionSite(outcome.name, outcome.message, outcome.stack)}`,
                detail: `${outcome.name}: ${outcome.message.slice(0, 500)}\n${(outcome.stack ?? '').split('\n').slice(1, 8).join('\n')}`
            }, ...checkLogs(outcome.logs ?? [], 'in-process')];
        case 'worker-exit':
            return [{
                class: 'crash', via: 'in-process',
                signature: `crash|worker-exit|${normalize(outcome.message, 100)}`,
                detail: `validation worker died (exit code ${outcome.exitCode}): ${outcome.message}`
            }];
        case 'timeout':
            return [{
                class: 'hang', via: 'in-process',
                signature: `hang|in-process|${[...new Set(ops)].sort().join('+')}`,
                detail: `validation still running after ${outcome.timeoutMs} ms (twice), killed`
            }];
    }
}

/**
 * Logged entries of a stderr text (a line with the stack lines below it), without the validator's: its
 * "An error occurred during validation" entry and the bare stack it logs right after.
 */
export function stderrEntries(stderr: string): string[] {
    const entries: string[] = [];
    for (const line of stderr.split('\n')) {
        if (/^\s+at /.test(line) && entries.length > 0) entries[entries.length - 1] += `\n${line}`;
        else if (line.trim() !== '') entries.push(line);
    }
    return entries.filter((entry, i) => !/^An error occurred during validation/.test(entry)
        && !(i > 0 && /^An error occurred during validation/.test(entries[i - 1]) && /^\w*Error\b/.test(entry)));
}

/** The CLI's output for a workspace whose files (relative paths → text as written) are given. */
export function classifyCli(outcome: CliOutcome, files: Readonly<Record<string, string>>, ops: readonly string[]): Finding[] {
    const stderrLine = normalize(outcome.stderr.split('\n').find(l => l.trim() !== '') ?? '', 100);
    if (outcome.timedOut) {
        return [{
            class: 'hang', via: 'cli', signature: `hang|cli|${[...new Set(ops)].sort().join('+')}`,
            detail: `chidu validate still running after ${outcome.timeoutMs} ms, killed`
        }];
    }
    if (outcome.exitCode === null || (outcome.exitCode !== 0 && outcome.exitCode !== 1)) {
        const how = outcome.exitCode === null ? `signal ${outcome.signal}` : `exit ${outcome.exitCode}`;
        return [{
            class: 'crash', via: 'cli', signature: `crash|cli|${how}|${stderrLine}`,
            detail: `chidu validate ended with ${how}; stderr: ${outcome.stderr.slice(0, 800)}`
        }];
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(outcome.stdout);
    } catch (error) {
        return [{
            class: 'crash', via: 'cli', signature: 'crash|cli|output is not JSON',
            detail: `stdout is not JSON (${(error as Error).message}): ${outcome.stdout.slice(0, 300)}; stderr: ${outcome.stderr.slice(0, 300)}`
        }];
    }
    if (!Array.isArray(parsed)) {
        return [{ class: 'crash', via: 'cli', signature: 'crash|cli|output is not a JSON array', detail: outcome.stdout.slice(0, 300) }];
    }
    const diagnostics = parsed as CliDiagnostic[];
    const findings: Finding[] = [];
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    if ((errors > 0) !== (outcome.exitCode === 1)) {
        findings.push({
            class: 'crash', via: 'cli', signature: `crash|cli|exit ${outcome.exitCode} with ${errors > 0 ? 'errors' : 'no error'}`,
            detail: `exit code ${outcome.exitCode} but ${errors} error(s) printed`
        });
    }
    // With --format json the CLI writes nothing to stderr; anything there is a logged exception, one finding per
    // logged entry (a line and its stack), except the validator's (each is also a CD009 in the output).
    for (const entry of stderrEntries(outcome.stderr)) {
        const first = normalize(entry.split('\n')[0], 100);
        findings.push({
            class: 'internal-error', via: 'cli', signature: `internal-error|cli stderr|${first}|${topFrame(entry)}`,
            detail: `chidu validate wrote to stderr: ${entry.slice(0, 800)}`
        });
    }
    const inputs = Object.values(files);
    for (const d of diagnostics) {
        findings.push(...checkOne(typeof d.code === 'string' ? d.code : undefined, d.message, cliLocationProblem(d, files[d.file]), inputs, 'cli', String(d.file)));
    }
    return findings;
}

/** One finding per signature (the first), keeping the order. */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
    const seen = new Set<string>();
    return findings.filter(f => !seen.has(f.signature) && seen.add(f.signature) !== undefined);
}
