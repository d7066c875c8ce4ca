import { ownEntry } from './lookup.js';

/** Administrative levels, from the top: 国家 → 省 → 市 → 县 → 乡镇. */
export type Level = 'national' | 'province' | 'city' | 'county' | 'township';

const LEVEL_WORDS: Record<string, Level> = {
    '国家': 'national', '国家级': 'national',
    '省': 'province', '省级': 'province',
    '市': 'city', '市级': 'city', '设区的市': 'city',
    '县': 'county', '县级': 'county',
    '乡镇': 'township', '乡镇级': 'township', '街道': 'township'
};

export const LEVEL_RANK: Record<Level, number> = { national: 0, province: 1, city: 2, county: 3, township: 4 };
export const LEVEL_LABEL: Record<Level, string> = { national: '国家级', province: '省级', city: '市级', county: '县级', township: '乡镇级' };

export function parseLevel(word: string): Level | undefined {
    return ownEntry(LEVEL_WORDS, word);
}

/** True when `lower` sits strictly below `upper` in the hierarchy. */
export function isBelow(lower: Level, upper: Level): boolean {
    return LEVEL_RANK[lower] > LEVEL_RANK[upper];
}
