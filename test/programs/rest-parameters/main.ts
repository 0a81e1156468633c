// Tasks with a rest parameter they write (`...arrs`): every argument from there on is one of its elements and gets
// the task's changes back, not only the first (tester np35's q19/q20); one they read, with module state after it.

/** @task */
export function truncAll(...arrs: number[][]): void { for (const a of arrs) a.length = 1; }

/** @task */
export function scaleAll(k: number, ...vs: Float64Array[]): void { for (const v of vs) for (let i = 0; i < v.length; i++) v[i] *= k; }

export const LIMITS = { cap: 100 };

/** @task */
export function capped(...xs: number[][]): number { let s = 0; for (const x of xs) for (const v of x) s += Math.min(v, LIMITS.cap); return s; }

const p = [3, 1, 2], q = [3, 1, 2], r = [4, 5];
truncAll(p, q, r);
console.log(JSON.stringify([p, q, r]));

const a = new Float64Array([1, 2]), b = new Float64Array([3, 4]), c = new Float64Array([5, 6]);
scaleAll(10, a, b, c);
scaleAll(2, c, a);
console.log(Array.from(a), Array.from(b), Array.from(c));

const big = [150, 20], small = [1, 2];
console.log(capped(big, small));
LIMITS.cap = 10;
console.log(capped(big, small, [30]));
