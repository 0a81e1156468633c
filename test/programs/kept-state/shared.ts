/**
 * Kept state the program uses too, where it stands (transformer/analysis/program-kept-uses.ts): stats it prints, a log
 * it empties between rounds, a setting it overwrites, a tally it iterates, a count a helper keeps that it calls too.
 */
export const stats = { processed: 0, bytes: 0 };
export const ROUND_LOG = { list: [] as string[] };
export const SETTING = { n: 1 };
export const SEEN = new Map<string, number>();
const CLOCK = { n: 0 };

export function tick(): number { CLOCK.n += 1; return CLOCK.n; }

/** @task */
export function shout(s: string): string { stats.processed++; stats.bytes += s.length; return s.toUpperCase(); }

/** @task */
export function step(round: number, i: number): number { ROUND_LOG.list.push(`r${round}.${i}`); return i * round; }

/** @task */
export function raise(x: number): number { SETTING.n += x; return SETTING.n; }

/** @task */
export function seen(w: string): number { SEEN.set(w, (SEEN.get(w) ?? 0) + 1); return SEEN.get(w)!; }

/** @task */
export function stamped(x: number): number { return x * 100 + tick(); }
