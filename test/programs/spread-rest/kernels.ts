/** @task */
export function sum(...xs: number[]): number { let s = 0; for (const x of xs) s += x; return s; }
/** @task */
export function label(prefix: string, ...parts: string[]): string { return prefix + ':' + parts.join('-'); }
/** @task */
export function mean(scale: number, ...xs: number[]): number { return xs.length ? (scale * xs.reduce((a, b) => a + b, 0)) / xs.length : 0; }
/** @task */
export function double(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i] *= 2; }
