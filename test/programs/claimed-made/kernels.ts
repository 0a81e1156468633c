/** @task */
export function fillWith(out: Float64Array, v: number): void {
  if (v < 0) throw new Error(`negative fill ${v}`);
  for (let i = 0; i < out.length; i++) out[i] = v * 10 + i;
}
/** @task */
export function smoothInto(src: Float64Array, out: Float64Array): void {
  for (let i = 0; i < src.length; i++) out[i] = (src[Math.max(0, i - 1)] + src[i] + src[Math.min(src.length - 1, i + 1)]) / 3;
}
/** @task */
export function scaleBoth(a: Float64Array, out: Float64Array, k: number): void {
  for (let i = 0; i < a.length; i++) { a[i] *= k; out[i] = a[i] + 1; }
}
