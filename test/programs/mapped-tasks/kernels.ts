/** @task */
export function wordCount(text: string): number { let n = 0; for (let r = 0; r < 2000; r++) n = text.split(/\s+/).filter(Boolean).length; return n; }
/** @task */
export function total(a: Float64Array): number { let s = 0; for (const x of a) s += x; return s; }
/** @task */
export function withIndex(a: number[], i: number): string { return `${i}:${a.join('+')}`; }
/** @task */
export function check(x: number): number { if (x < 0) throw new Error('neg ' + x); return x * 2; }
/** @task */
export function shout(s: string): string { console.log('shouting', s); return s.toUpperCase(); }
/** @task */
export function scale(a: Float64Array, k: number): void { for (let i = 0; i < a.length; i++) a[i] *= k; }
/** @task */
export const cube = (xs: number[]): number[] => xs.map((x) => x ** 3);
