/** @task */
export function bumpFirst(m: Map<string, Float64Array>): void { m.get('a')![0] += 1; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function total(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }

/** @task */
export function tally(counts: Map<string, number>, k: number): void { counts.set(`k${k % 2}`, (counts.get(`k${k % 2}`) ?? 0) + k); }
/** @task */
export function bump(g: { data: Float64Array }): void { for (let i = 0; i < g.data.length; i++) g.data[i] += 1; }
/** @task */
export function pushTo(m: Map<string, number[]>, k: string, v: number): void { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); }
