/**
 * Kept state changed under other names (transformer/analysis/module-writes.ts): a destructured part, a helper given a
 * part, a loop variable over it, a helper handing it back, a row taken out of a grid.
 */
const LOG = { list: [] as number[] };
const NOTES = { list: [] as string[] };
const ITEMS = [{ n: 0 }, { n: 10 }];
const VISITS = { n: 0, seen: new Set<string>() };
const GRID = [[0, 0], [0, 0]];

function pushTo(list: string[], value: string): void { list.push(value); }
function visits(): typeof VISITS { return VISITS; }

/** @task */
export function logged(x: number): number { const { list } = LOG; list.push(x * 2); return list.length; }

/** @task */
export function loggedSum(): number { return LOG.list.reduce((a, b) => a + b, 0); }

/** @task */
export function note(x: number): number { pushTo(NOTES.list, `n${x}`); return NOTES.list.length; }

/** @task */
export function notes(): string { return NOTES.list.join('|'); }

/** @task */
export function raiseAll(by: number): number { for (const item of ITEMS) item.n += by; return ITEMS[0].n + ITEMS[1].n; }

/** @task */
export function visit(key: string): number { const v = visits(); v.n++; v.seen.add(key); return v.seen.size * 100 + v.n; }

/** @task */
export function mark(r: number, c: number): string { const row = GRID[r]; row[c] += 1; return GRID.map((x) => x.join('')).join('/'); }
