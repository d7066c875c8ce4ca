// The pure legal domain core: numbers, units, intervals, boundary semantics, citations, levels, the
// penalty model and the containment and partition checks. No Langium import anywhere below this folder.
export * from './numerals.js';
export * from './quantity.js';
export * from './interval.js';
export * from './boundary.js';
export * from './citation.js';
export * from './levels.js';
export * from './penalty.js';
export * from './containment.js';
export * from './partition.js';
export * from './profiles.js';
export * from './statutes.js';
export * from './weighted.js';
export * from './grounds.js';
export * from './dates.js';
export * from './lookup.js';
export * from './lookback.js';
export * from './chain.js';
export * from './exclusions.js';
export * from './facts.js';
export * from './statute-text.js';
export * from './statute-penalty.js';
export * from './statute-check.js';
