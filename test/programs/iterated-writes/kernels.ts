/** @task */
export function more(item: number, queue: number[]): void { if (item < 3) queue.push(item + 1); }

/** @task */
export function grow(item: number, seen: Set<number>): void { if (item < 3) seen.add(item + 1); }

/** @task */
export function upper(xs: string[]): void { for (let i = 0; i < xs.length; i++) xs[i] = xs[i].toUpperCase(); }

/** @task */
export function negate(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i] = -xs[i]; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
