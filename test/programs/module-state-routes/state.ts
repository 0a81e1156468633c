export const M = new Map<string, { n: number }>([['a', { n: 1 }], ['b', { n: 1 }]]);
export const S = new Set<{ n: number }>([{ n: 1 }]);
export const ARR = [{ n: 1 }];
export const LIST = [{ v: 1 }];
export function getFirst() { return LIST[0]; }
/** A `let` nothing assigns again: a constant in all but name. */
export let current = { k: 2 };
export const COUNTS = { hits: 0 };
/** Another name for COUNTS, which the tasks count in. */
const C = COUNTS;
export function hitOnce() { C.hits++; }
