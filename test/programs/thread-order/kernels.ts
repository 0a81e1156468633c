/** @task */
export function boom(v: number[]): number { if (v[0] < 0) throw new Error('negative ' + v[0]); return v[0] * 2; }
/** @task */
export function score(v: number[]): number { let s = 0; for (const x of v) s += x; return s; }
/** @task */
export function steps(v: number[]): number { let x = v[0], n = 0; if (x < 0) throw new Error('bad ' + x); while (x !== 1) { x = x % 2 ? 3 * x + 1 : x / 2; n++; } return n; }
