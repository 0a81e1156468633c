// Containers a task makes and fills in one expression (np46's min-fill-obj): they hold the caller's objects, so writes
// through them are the caller's, and they die with the call, so the task runs in a worker.
export interface It { k: string; seen: number }

/** @task */
export function viaFillLocal(xs: It[]): number { const a: It[] = [xs[1], xs[2]]; a.fill(xs[0]); a[1].seen += 100; return a.length; }

/** @task */
export function viaFillNew(xs: It[]): number { const a = new Array<It>(3).fill(xs[0]); a[2].seen += 10; return a.length; }

/** @task */
export function viaMapSet(xs: It[]): number { const m = new Map<string, It>().set('first', xs[1]); m.get('first')!.seen += 1; return m.size; }

/** @task */
export function viaSetAdd(xs: It[]): string { const s = new Set<It>().add(xs[2]).add(xs[2]); for (const it of s) it.seen -= 1; return [...s].map((it) => it.k).join(); }

/** @task */
export function readsThrough(xs: It[]): number { const a = new Array<It>(2).fill(xs[0]); return a[1].seen; }
