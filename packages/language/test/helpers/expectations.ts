/**
 * Inline expectations for resource-folder tests, written next to the offending text:
 *
 *     // $TEST$ error CD401 "上限 3万元"
 *     阶次 从轻 { 细化 1 »罚款 十万元以上三十万元以下« }
 *
 * An expectation applies to the next range marked with »…« after it. `error|warning|info|hint` demands a
 * diagnostic of that severity and code on exactly that range (its message matching the optional quoted
 * regular expression; `hint` is a finding suppressed by a `// 尺度：忽略` comment); `no error|no warning|no info`
 * demands none there. Markers are removed before parsing.
 * Two diagnostics on one range nest their markers (»»…««) and take the comments in the order the ranges close.
 * Every diagnostic of the workspace must be expected: an unexpected one fails the test.
 */
export interface Expectation {
    readonly file: string;
    readonly positive: boolean;
    readonly severity: 'error' | 'warning' | 'info' | 'hint';
    readonly code: string;
    readonly message?: RegExp;
    readonly range: Range;
    /** Line of the $TEST$ comment (1-based), for failure messages. */
    readonly line: number;
}

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

const EXPECTATION = /\/\/\s*\$TEST\$\s+(no\s+)?(error|warning|info|hint)\s+(CD\d{3})(?:\s+"((?:[^"\\]|\\.)*)")?/;

export interface PreparedFile {
    readonly text: string;
    readonly expectations: Expectation[];
}

/** Strips the »« markers and pairs each $TEST$ comment with the next marked range. */
export function prepareFile(file: string, source: string): PreparedFile {
    const lines = source.split('\n');
    const pending: Omit<Expectation, 'range'>[] = [];
    const expectations: Expectation[] = [];
    const outLines: string[] = [];
    const opens: Position[] = [];
    lines.forEach((line, lineIndex) => {
        const match = EXPECTATION.exec(line);
        if (match) {
            pending.push({
                file, positive: !match[1], severity: match[2] as Expectation['severity'], code: match[3],
                message: match[4] === undefined ? undefined : new RegExp(match[4]), line: lineIndex + 1
            });
        }
        let out = '';
        for (const ch of line) {
            if (ch === '»') {
                opens.push({ line: lineIndex, character: out.length });
            } else if (ch === '«') {
                const start = opens.pop();
                if (!start) {
                    throw new Error(`${file}:${lineIndex + 1}: « without »`);
                }
                const next = pending.shift();
                if (!next) {
                    throw new Error(`${file}:${lineIndex + 1}: a marked range without a $TEST$ comment before it`);
                }
                expectations.push({ ...next, range: { start, end: { line: lineIndex, character: out.length } } });
            } else {
                out += ch;
            }
        }
        outLines.push(out);
    });
    if (pending.length > 0) {
        throw new Error(`${file}:${pending[0].line}: $TEST$ comment without a marked range after it`);
    }
    return { text: outLines.join('\n'), expectations };
}
