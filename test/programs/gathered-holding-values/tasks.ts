export interface P { name: string; score: number }

/** @task */
export function pickBig(ps: P[]): P[] { return ps.filter((p) => p.score > 1); }

/** @task */
export function first(ps: P[]): P { return ps[0]; }

/** @task */
export function sortDown(ps: P[]): P[] { ps.sort((a, b) => b.score - a.score); return ps; }

/** @task */
export function wrap(p: P): { p: P; n: number } { return { p, n: 1 }; }

/** @task */
export function bump(xs: P[]): void { for (const x of xs) x.score += 10; }

/** @task */
export function bumpOne(p: P): void { p.score += 100; }

/** @task */
export function bumpWrapped(w: { p: P; n: number }): void { w.p.score += 1000; w.n++; }

/** @task */
export function total(xs: P[]): number { let s = 0; for (const x of xs) s += x.score; return s; }

/** @task */
export function asAny(p: P): any { return p; }
