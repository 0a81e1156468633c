/** @task */
export function accumulate(acc: Float64Array, xs: number[]): void { for (let i = 0; i < xs.length; i++) acc[i % acc.length] += xs[i]; }

/** @task */
export function total(acc: Float64Array): number { let s = 0; for (const v of acc) s += v; return s; }

/** @task */
export function keysum(o: Record<string, number>): number { return Object.values(o).reduce((a, b) => a + b, 0); }

/** @task */
export function blurRow(img: Uint8Array, w: number): void { for (let i = 1; i < w; i++) img[i] = (img[i - 1] + img[i]) >> 1; }

/** @task */
export function scaled(n: number): Float64Array { return new Float64Array(n).fill(n); }
