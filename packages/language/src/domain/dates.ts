/** Calendar dates as documents write them: 2022-01-01 or 2022年1月1日. */

function parseDate(text: string): Date | undefined {
    const match = /^(\d{4})[-年](\d{1,2})[-月](\d{1,2})日?$/.exec(text);
    if (!match) {
        return undefined;
    }
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** Whether a written date exists (2026-02-30 does not). */
export function isValidDate(text: string): boolean {
    return parseDate(text) !== undefined;
}

/** ISO form of a written date (2022年1月1日 → 2022-01-01), undefined when the date does not exist. */
export function isoDate(text: string | undefined): string | undefined {
    const date = text === undefined ? undefined : parseDate(text);
    return date?.toISOString().slice(0, 10);
}
