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

/** The units a validity period (有效期) is written in. */
export type PeriodUnit = 'year' | 'month' | 'day';

const PERIOD_UNITS: ReadonlyMap<string, PeriodUnit> = new Map([['年', 'year'], ['个月', 'month'], ['月', 'month'], ['日', 'day'], ['天', 'day']]);

/** The longest validity period a document may declare: benchmarks are reviewed in years, not centuries. */
export const MAX_VALIDITY_YEARS = 100;

const MAX_IN_UNIT: Readonly<Record<PeriodUnit, number>> = { year: MAX_VALIDITY_YEARS, month: MAX_VALIDITY_YEARS * 12, day: MAX_VALIDITY_YEARS * 366 };

export function periodUnit(word: string | undefined): PeriodUnit | undefined {
    return word === undefined ? undefined : PERIOD_UNITS.get(word);
}

/** Whether `amount` of `unit` is a usable validity period: a positive whole number of at most MAX_VALIDITY_YEARS years. */
export function isSaneValidity(amount: number, unit: PeriodUnit): boolean {
    return Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_IN_UNIT[unit];
}

/**
 * The ISO date `amount` units after an ISO date, or undefined when the period is not sane (see isSaneValidity):
 * a period of 10000 years would print as +012022-01-01, which compares before every real date.
 */
export function addPeriod(iso: string, amount: number, unit: PeriodUnit): string | undefined {
    if (!isSaneValidity(amount, unit)) {
        return undefined;
    }
    const date = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) {
        return undefined;
    }
    switch (unit) {
        case 'year': date.setUTCFullYear(date.getUTCFullYear() + amount); break;
        case 'month': date.setUTCMonth(date.getUTCMonth() + amount); break;
        case 'day': date.setUTCDate(date.getUTCDate() + amount); break;
    }
    return isoDate(date.toISOString().slice(0, 10));
}
