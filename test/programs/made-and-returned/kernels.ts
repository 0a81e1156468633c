/** @task */
export function matmulInto(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { let s = 0; for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j]; out[i * n + j] = s; }
}
/** @task */
export function addInto(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
}
/** @task */
export function diffuse(src: Float64Array, dst: Float64Array): void {
  if (src[0] < 0) throw new Error(`negative corner ${src[0]}`);
  for (let i = 0; i < src.length; i++) dst[i] = (src[Math.max(0, i - 1)] + src[i] + src[Math.min(src.length - 1, i + 1)]) / 3;
}
/** @task */
export function sum(a: Float64Array): number { let s = 0; for (const x of a) s += x; return s; }
