/** Command-line options shared by `npm run fuzz` and `npm run soak`. */
import { parseArgs } from 'node:util';

export class UsageError extends Error { }

type Spec = Record<string, { default?: string }>;

/** Parses `--name value` options, each a whole number unless listed in `text`. */
export function parseOptions<T extends Spec>(argv: readonly string[], spec: T, text: readonly (keyof T)[] = []): Record<keyof T, string | number | undefined> {
    let values: Record<string, string | boolean | undefined>;
    try {
        values = parseArgs({
            args: [...argv], allowPositionals: false, strict: true,
            options: Object.fromEntries(Object.keys(spec).map(name => [name, { type: 'string' as const }]))
        }).values as Record<string, string | undefined>;
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const out: Record<string, string | number | undefined> = {};
    for (const [name, { default: fallback }] of Object.entries(spec)) {
        const raw = (values[name] as string | undefined) ?? fallback;
        if (raw === undefined || text.includes(name)) {
            out[name] = raw;
        } else if (/^\d+$/.test(raw)) {
            out[name] = Number(raw);
        } else {
            throw new UsageError(`--${name} must be a whole number: ${raw}`);
        }
    }
    return out as Record<keyof T, string | number | undefined>;
}
