/**
 * The targets of issue 16 ("Province scale at editor speed"), each with the measured value and the goal side
 * by side. A target this run cannot measure is listed with `value` undefined and the reason in `note`.
 */
export interface Target {
    /** What is measured, in words (the table's first column). */
    readonly label: string;
    readonly value?: number;
    readonly unit: string;
    /** The goal as written in the issue, e.g. "≤ 2,000 ms". */
    readonly goal: string;
    /** true / false when measured on the workspace size the goal is for; undefined otherwise. */
    readonly meets?: boolean;
    readonly note?: string;
}

export function target(label: string, value: number | undefined, unit: string, limit: number, options: { applies?: boolean; note?: string; goalUnit?: string; goalLimit?: number } = {}): Target {
    const applies = options.applies ?? true;
    const shownLimit = options.goalLimit ?? limit;
    return {
        label, value, unit,
        goal: `≤ ${shownLimit.toLocaleString('en-US')}${unit === '' || unit === '×' ? unit : ` ${options.goalUnit ?? unit}`}`,
        meets: value === undefined || !applies ? undefined : value <= limit,
        note: value === undefined ? `not measured: ${options.note ?? ''}` : options.note
    };
}

/**
 * The most lower items that refine one item of the province file, directly or through a refinement of it
 * (counted from the generated text: `事项 CODE … 细化 UPPER`).
 */
export function mostRefinedProvinceItem(files: readonly { path: string; text: string }[], provinceFile: string): { code?: string; refiners: number } {
    const refines = new Map<string, string>();
    const province = new Set<string>();
    for (const file of files) {
        for (const m of file.text.matchAll(/^事项 (\S+) [^\n]*?(?:细化 (\S+))? \{$/gm)) {
            if (file.path === provinceFile) {
                province.add(m[1]);
            } else if (m[2]) {
                refines.set(`${file.path}#${m[1]}`, m[2]);
            }
        }
    }
    // Lower codes are unique per file but may repeat across files: follow by code, whichever file defines it.
    const upperOfCode = new Map<string, string>();
    for (const [key, upper] of refines) {
        upperOfCode.set(key.slice(key.indexOf('#') + 1), upper);
    }
    const counts = new Map<string, number>();
    for (const upper of refines.values()) {
        let code: string | undefined = upper;
        for (let depth = 0; code !== undefined && !province.has(code) && depth < 10; depth++) {
            code = upperOfCode.get(code);
        }
        if (code !== undefined && province.has(code)) {
            counts.set(code, (counts.get(code) ?? 0) + 1);
        }
    }
    let best: { code?: string; refiners: number } = { refiners: 0 };
    for (const [code, n] of counts) {
        if (n > best.refiners) best = { code, refiners: n };
    }
    return best;
}
