/** @task */
export function total(v: Float64Array): number { let s = 0; for (let r = 0; r < 200; r++) for (const x of v) s += x; return s / 200; }
/** @task */
export function peak(v: number[]): number { return Math.max(...v); }
/** @task */
export function check(v: Float64Array): number { if (v[0] < 0) throw new Error('negative ' + v[0]); return v[0]; }
/** @task */
export function grow(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i] += 10; xs.push(100); }
/** @task */
export function sq(x: number): number { return x * x; }
