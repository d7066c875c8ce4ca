/**
 * Seeded mutations of Chidu source text, at character and token level, aimed at the inputs a language
 * service meets while a person types or pastes: spans deleted, duplicated or swapped, grammar keywords and
 * Chinese numerals in odd places, a file cut off, conditions nested very deeply, control and bidirectional
 * characters, long comment runs, names that are also Object.prototype members, huge numbers, and whole
 * files duplicated (duplicate names) or dropped.
 */
import type { Random } from '@chidu/bench/out/prng.js';

/** A workspace: relative path → text. */
export type Files = Record<string, string>;

export interface AppliedMutation {
    readonly op: MutationOp;
    readonly file: string;
    /** A short human description (where, what), for the failure record. */
    readonly detail: string;
}

export const TEXT_OPS = [
    'delete-chars', 'delete-tokens', 'duplicate-chars', 'duplicate-tokens', 'swap-tokens', 'replace-token',
    'insert-keyword', 'insert-numeral', 'truncate', 'nest-deep', 'control-char', 'long-comment',
    'prototype-name', 'huge-number'
] as const;
export const WORKSPACE_OPS = ['clone-file', 'drop-file'] as const;
export type TextOp = typeof TEXT_OPS[number];
export type MutationOp = TextOp | typeof WORKSPACE_OPS[number];

/** How often each operation is drawn. */
const TEXT_WEIGHTS: readonly (readonly [TextOp, number])[] = [
    ['delete-chars', 8], ['delete-tokens', 8], ['duplicate-chars', 5], ['duplicate-tokens', 6], ['swap-tokens', 6],
    ['replace-token', 6], ['insert-keyword', 10], ['insert-numeral', 6], ['truncate', 5], ['nest-deep', 4],
    ['control-char', 6], ['long-comment', 3], ['prototype-name', 7], ['huge-number', 6]
];

export interface MutationLimits {
    /** Deepest nesting the nest-deep operation writes. */
    readonly maxDepth: number;
    /** Longest comment run (characters). */
    readonly maxCommentChars: number;
    /** Whether lone UTF-16 surrogates may be inserted (not for text that goes through a file). */
    readonly loneSurrogates: boolean;
}

export const DEFAULT_LIMITS: MutationLimits = { maxDepth: 3000, maxCommentChars: 200_000, loneSurrogates: true };

/**
 * Grammar keywords: every quoted literal of grammar/chidu.langium that is keyword text (the punctuation and
 * ASCII literals too, since they are tokens of the language).
 */
export function grammarKeywords(grammarText: string): string[] {
    const found = new Set<string>();
    const code = grammarText.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
    for (const match of code.matchAll(/'([^'\\\n\s]{1,12})'/g)) {
        found.add(match[1]);
    }
    return [...found].sort();
}

export interface Token {
    readonly start: number;
    readonly end: number;
    readonly kind: 'quoted' | 'citation' | 'comment' | 'ascii' | 'number' | 'han' | 'space' | 'other';
}

const TOKEN = /(「[^」\n]*」|“[^”\n]*”|"[^"\n]*")|(《[^》\n]*》[^\s{}「」]*)|(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(\d[\d.,]*)|([A-Za-z_][\w.-]*|[\w.-]+)|([\u3400-\u9fff]+)|(\s+)|([\s\S])/gu;

/** A rough lexer: enough to mutate whole tokens (quoted names, citations, codes, numbers, keyword runs). */
export function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    for (const m of text.matchAll(TOKEN)) {
        const kind = m[1] ? 'quoted' : m[2] ? 'citation' : m[3] ? 'comment' : m[4] ? 'number' : m[5] ? 'ascii'
            : m[6] ? 'han' : m[7] ? 'space' : 'other';
        tokens.push({ start: m.index, end: m.index + m[0].length, kind });
    }
    return tokens;
}

const DIGITS = '零一二三四五六七八九';
const FORMAL = '零壹贰叁肆伍陆柒捌玖';
const NUMERAL_CHARS = [...'零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点分之'];

/** A Chinese numeral for n (0 ≤ n < 10^16), written the usual way (一万零五百, 十万). */
export function chineseNumeral(n: number): string {
    if (n === 0) return '零';
    const section = (value: number): string => {
        let out = '';
        let zero = false;
        for (const [unit, name] of [[1000, '千'], [100, '百'], [10, '十'], [1, '']] as const) {
            const digit = Math.floor(value / unit) % 10;
            if (digit === 0) {
                zero = out !== '';
            } else {
                out += (zero ? '零' : '') + DIGITS[digit] + name;
                zero = false;
            }
        }
        return out;
    };
    const values: number[] = [];
    for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) values.push(rest % 10000);
    const names = ['', '万', '亿', '万亿'];
    let text = '';
    let pendingZero = false;
    for (let i = values.length - 1; i >= 0; i--) {
        if (values[i] === 0) {
            pendingZero = text !== '';
            continue;
        }
        if (text !== '' && (pendingZero || values[i] < 1000)) text += '零';
        text += section(values[i]) + names[i];
        pendingZero = false;
    }
    return text.startsWith('一十') ? text.slice(1) : text;
}

function randomNumeral(rng: Random): string {
    switch (rng.int(0, 6)) {
        case 0: return chineseNumeral(rng.int(0, 99));
        case 1: return chineseNumeral(rng.int(100, 10_000_000));
        case 2: return `${chineseNumeral(rng.int(1, 999))}${rng.pick(['元', '万元', '倍', '日', '年', '个月', '亿元'])}`;
        case 3: return `百分之${chineseNumeral(rng.int(0, 120))}`;
        case 4: return [...chineseNumeral(rng.int(1, 99999))].map(c => FORMAL[DIGITS.indexOf(c)] ?? c).join('');
        case 5: return Array.from({ length: rng.int(1, 8) }, () => rng.pick(NUMERAL_CHARS)).join('');
        default: return `${chineseNumeral(rng.int(1, 99))}点${chineseNumeral(rng.int(0, 9))}${rng.pick(['万元', '倍', ''])}`;
    }
}

function hugeNumber(rng: Random): string {
    switch (rng.int(0, 9)) {
        case 0: return '9'.repeat(rng.int(17, 400));
        case 1: return `1e${rng.pick([21, 308, 309, 400, 99999])}`;
        case 2: return `0.${'0'.repeat(rng.int(20, 400))}1`;
        case 3: return `${'九'.repeat(rng.int(10, 200))}万元`;
        case 4: return `${rng.pick(['一', '九'])}${'亿'.repeat(rng.int(2, 60))}元`;
        case 5: return `百分之${'九'.repeat(rng.int(5, 80))}`;
        case 6: return `${'9'.repeat(rng.int(16, 60))}.${'9'.repeat(rng.int(1, 40))}万元`;
        case 7: return rng.pick(['9999-99-99', '0000-00-00', '2020-02-30', '99999-01-01', '2021-13-01']);
        case 8: return `${'9'.repeat(rng.int(10, 30))}${rng.pick(['年', '日', '个月', '倍'])}`;
        default: return rng.pick(['-1', '0', '00000', '-0', '1_000', '0x10', 'Infinity', 'NaN']);
    }
}

/** Control, format and bidirectional characters (and, where allowed, lone surrogates). */
function controlChars(rng: Random, limits: MutationLimits): string {
    const pool = [
        '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\u001b', '\u007f', '\u0085',
        '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202b', '\u202c',
        '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\ufeff', '\ufffd', '\u3000', '\u00a0'
    ];
    if (limits.loneSurrogates) pool.push('\ud800', '\udfff');
    return Array.from({ length: rng.int(1, 4) }, () => rng.pick(pool)).join('');
}

const PROTOTYPE_NAMES = [
    'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
    'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'then', 'length'
];

function prototypeToken(rng: Random): string {
    const name = rng.pick(PROTOTYPE_NAMES);
    switch (rng.int(0, 4)) {
        case 0: return `《${name}》`;
        case 1: return `「${name}」`;
        case 2: return `《${name}》第${rng.pick(['一', '九十九', '一百零八'])}条`;
        case 3: return `“${name}”`;
        default: return name;
    }
}

/** Deeply nested conditions (or braces / escalations), closed or left open. */
function nested(rng: Random, limits: MutationLimits): string {
    const depth = rng.weighted([[rng.int(5, 50), 3], [rng.int(50, 500), 3], [rng.int(500, limits.maxDepth), 2]] as const);
    const open = rng.weighted([
        ['同时满足 { ', 5], ['满足其一 { ', 2], ['{ ', 1], ['情节严重的 { ', 1], ['若「x」 { ', 1], ['条件 同时满足 { ', 1]
    ] as const);
    const inner = rng.pick(['「情形」 ', '指标 「超标倍数」 不足0.1倍 ', '', '罚款 五万元以下 ']);
    const closed = rng.chance(0.7);
    return `${open.repeat(depth)}${inner}${closed ? '} '.repeat(depth) : ''}`;
}

function longComment(rng: Random, limits: MutationLimits): string {
    const size = rng.int(1000, limits.maxCommentChars);
    switch (rng.int(0, 4)) {
        case 0: return `// ${'注'.repeat(size)}\n`;
        case 1: return `${'// 注释\n'.repeat(Math.ceil(size / 6))}`;
        case 2: return `/* ${'x'.repeat(size)} */`;
        case 3: return `/* ${'*'.repeat(size)}`;
        default: return `${'/*/'.repeat(Math.ceil(size / 3))}`;
    }
}

function randomKeyword(rng: Random, keywords: readonly string[]): string {
    const count = rng.weighted([[1, 6], [2, 2], [rng.int(3, 8), 1]] as const);
    const separator = rng.pick([' ', '', '\n']);
    return Array.from({ length: count }, () => rng.pick(keywords)).join(separator);
}

/** A token boundary near a random position (or the position itself, for character-level operations). */
function boundary(tokens: readonly Token[], rng: Random, textLength: number): number {
    if (tokens.length === 0 || rng.chance(0.25)) return rng.int(0, textLength);
    const token = rng.pick(tokens);
    return rng.chance(0.5) ? token.start : token.end;
}

function splice(text: string, start: number, end: number, insert: string): string {
    return text.slice(0, start) + insert + text.slice(end);
}

/** "line 12 col 3" of an offset, for the failure record. */
function where(text: string, offset: number): string {
    const before = text.slice(0, offset);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    return `${line}:${offset - before.lastIndexOf('\n')}`;
}

function preview(value: string): string {
    const shown = value.length > 40 ? `${value.slice(0, 30)}…(${value.length} chars)` : value;
    return JSON.stringify(shown);
}

/** Applies one text operation; returns the new text and a description. */
export function mutateText(text: string, op: TextOp, rng: Random, keywords: readonly string[], limits: MutationLimits = DEFAULT_LIMITS): { text: string; detail: string } {
    const tokens = tokenize(text);
    const solid = tokens.filter(t => t.kind !== 'space');
    const tokenSpan = (maxTokens: number): [number, number] | undefined => {
        if (solid.length === 0) return undefined;
        const first = rng.int(0, solid.length - 1);
        const last = Math.min(solid.length - 1, first + rng.int(0, maxTokens - 1));
        return [solid[first].start, solid[last].end];
    };
    const charSpan = (maxChars: number): [number, number] => {
        const start = rng.int(0, text.length);
        return [start, Math.min(text.length, start + rng.int(1, maxChars))];
    };
    switch (op) {
        case 'delete-chars': {
            const [start, end] = charSpan(rng.chance(0.8) ? 8 : 200);
            return { text: splice(text, start, end, ''), detail: `deleted ${preview(text.slice(start, end))} at ${where(text, start)}` };
        }
        case 'delete-tokens': {
            const span = tokenSpan(rng.chance(0.8) ? 2 : 12) ?? charSpan(4);
            return { text: splice(text, span[0], span[1], ''), detail: `deleted ${preview(text.slice(span[0], span[1]))} at ${where(text, span[0])}` };
        }
        case 'duplicate-chars': {
            const [start, end] = charSpan(rng.chance(0.8) ? 10 : 400);
            return { text: splice(text, end, end, text.slice(start, end)), detail: `duplicated ${preview(text.slice(start, end))} at ${where(text, start)}` };
        }
        case 'duplicate-tokens': {
            const span = tokenSpan(rng.chance(0.7) ? 3 : 40) ?? charSpan(4);
            const copies = rng.chance(0.9) ? 1 : rng.int(2, 50);
            const piece = text.slice(span[0], span[1]);
            const separator = rng.pick([' ', '\n', '']);
            return {
                text: splice(text, span[1], span[1], (separator + piece).repeat(copies)),
                detail: `duplicated ${preview(piece)} ×${copies} at ${where(text, span[0])}`
            };
        }
        case 'swap-tokens': {
            const a = tokenSpan(rng.chance(0.7) ? 1 : 6);
            const b = tokenSpan(rng.chance(0.7) ? 1 : 6);
            if (!a || !b) return { text, detail: 'nothing to swap' };
            const [first, second] = a[0] <= b[0] ? [a, b] : [b, a];
            if (first[1] > second[0]) return mutateText(text, 'delete-tokens', rng, keywords, limits);
            const swapped = text.slice(0, first[0]) + text.slice(second[0], second[1]) + text.slice(first[1], second[0])
                + text.slice(first[0], first[1]) + text.slice(second[1]);
            return { text: swapped, detail: `swapped ${preview(text.slice(first[0], first[1]))} at ${where(text, first[0])} with ${preview(text.slice(second[0], second[1]))}` };
        }
        case 'replace-token': {
            if (solid.length < 2) return { text, detail: 'nothing to replace' };
            const target = rng.pick(solid);
            const source = rng.pick(solid);
            const piece = text.slice(source.start, source.end);
            return { text: splice(text, target.start, target.end, piece), detail: `replaced ${preview(text.slice(target.start, target.end))} at ${where(text, target.start)} by ${preview(piece)}` };
        }
        case 'insert-keyword': {
            const at = boundary(tokens, rng, text.length);
            const keyword = randomKeyword(rng, keywords);
            const padded = rng.chance(0.6) ? ` ${keyword} ` : keyword;
            return { text: splice(text, at, at, padded), detail: `inserted ${preview(padded)} at ${where(text, at)}` };
        }
        case 'insert-numeral': {
            const numeral = randomNumeral(rng);
            const numbers = tokens.filter(t => t.kind === 'number' || (t.kind === 'han' && /[一二三四五六七八九十百千万]/.test(text.slice(t.start, t.end))));
            if (numbers.length > 0 && rng.chance(0.5)) {
                const target = rng.pick(numbers);
                return { text: splice(text, target.start, target.end, numeral), detail: `replaced ${preview(text.slice(target.start, target.end))} at ${where(text, target.start)} by ${preview(numeral)}` };
            }
            const at = boundary(tokens, rng, text.length);
            return { text: splice(text, at, at, numeral), detail: `inserted ${preview(numeral)} at ${where(text, at)}` };
        }
        case 'truncate': {
            const at = rng.int(0, text.length);
            return { text: text.slice(0, at), detail: `cut off at ${where(text, at)}` };
        }
        case 'nest-deep': {
            const nest = nested(rng, limits);
            const openers = [...text.matchAll(/同时满足\s*\{|满足其一\s*\{/g)];
            const at = openers.length > 0 && rng.chance(0.7) ? (() => { const m = rng.pick(openers); return m.index + m[0].length; })()
                : boundary(tokens, rng, text.length);
            return { text: splice(text, at, at, ` ${nest}`), detail: `nested ${preview(nest)} at ${where(text, at)}` };
        }
        case 'control-char': {
            const chars = controlChars(rng, limits);
            const quoted = tokens.filter(t => t.kind === 'quoted' || t.kind === 'citation');
            const at = quoted.length > 0 && rng.chance(0.4)
                ? (() => { const t = rng.pick(quoted); return rng.int(t.start + 1, Math.max(t.start + 1, t.end - 1)); })()
                : rng.int(0, text.length);
            const codes = [...chars].map(c => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
            return { text: splice(text, at, at, chars), detail: `inserted ${codes} at ${where(text, at)}` };
        }
        case 'long-comment': {
            const comment = longComment(rng, limits);
            const at = boundary(tokens, rng, text.length);
            return { text: splice(text, at, at, comment), detail: `inserted comment ${preview(comment)} at ${where(text, at)}` };
        }
        case 'prototype-name': {
            const name = prototypeToken(rng);
            const targets = tokens.filter(t => t.kind === 'quoted' || t.kind === 'citation' || t.kind === 'ascii');
            if (targets.length > 0 && rng.chance(0.75)) {
                const target = rng.pick(targets);
                const original = text.slice(target.start, target.end);
                // Keep the kind of token: a name stays a name, a citation a citation, a code a code.
                const replacement = target.kind === 'quoted' ? `${original[0]}${name.replace(/^[《「“]|[》」”]$|》.*$/g, '')}${original[original.length - 1]}`
                    : target.kind === 'citation' ? `《${name.replace(/^[《「“]|[》」”]$|》.*$/g, '')}》${original.replace(/^《[^》]*》/, '')}`
                        : name.replace(/[《》「」“”]|第.*$/g, '');
                return { text: splice(text, target.start, target.end, replacement), detail: `replaced ${preview(original)} at ${where(text, target.start)} by ${preview(replacement)}` };
            }
            const at = boundary(tokens, rng, text.length);
            return { text: splice(text, at, at, ` ${name} `), detail: `inserted ${preview(name)} at ${where(text, at)}` };
        }
        case 'huge-number': {
            const number = hugeNumber(rng);
            const numbers = tokens.filter(t => t.kind === 'number');
            if (numbers.length > 0 && rng.chance(0.7)) {
                const target = rng.pick(numbers);
                return { text: splice(text, target.start, target.end, number), detail: `replaced ${preview(text.slice(target.start, target.end))} at ${where(text, target.start)} by ${preview(number)}` };
            }
            const at = boundary(tokens, rng, text.length);
            return { text: splice(text, at, at, ` ${number} `), detail: `inserted ${preview(number)} at ${where(text, at)}` };
        }
    }
}

export function pickTextOp(rng: Random): TextOp {
    return rng.weighted(TEXT_WEIGHTS);
}

/** Applies 1–4 mutations to random files of a workspace (never empties the workspace). */
export function mutateWorkspace(files: Files, rng: Random, keywords: readonly string[], limits: MutationLimits = DEFAULT_LIMITS): { files: Files; mutations: AppliedMutation[] } {
    const out: Files = { ...files };
    const mutations: AppliedMutation[] = [];
    const count = rng.weighted([[1, 5], [2, 3], [3, 1], [4, 1]] as const);
    for (let n = 0; n < count; n++) {
        const names = Object.keys(out).sort();
        const file = rng.pick(names);
        if (rng.chance(0.05)) {
            if (names.length > 1 && rng.chance(0.3)) {
                delete out[file];
                mutations.push({ op: 'drop-file', file, detail: `removed ${file}` });
            } else {
                const copy = file.replace(/\.chidu$/, `-copy${n}.chidu`);
                out[copy] = out[file];
                mutations.push({ op: 'clone-file', file, detail: `copied ${file} to ${copy} (every name twice)` });
            }
            continue;
        }
        const op = pickTextOp(rng);
        const result = mutateText(out[file], op, rng, keywords, limits);
        out[file] = result.text;
        mutations.push({ op, file, detail: result.detail });
    }
    return { files: out, mutations };
}
