/** @task */
export function blur(px: Float64Array): void {
  if (px[0] < 0) throw new Error(`negative pixel ${px[0]}`);
  const copy = Float64Array.from(px);
  for (let i = 0; i < px.length; i++) px[i] = (copy[Math.max(0, i - 1)] + copy[i] + copy[Math.min(px.length - 1, i + 1)]) / 3;
}
/** @task */
export function fillRamp(out: Float64Array, start: number): void {
  for (let i = 0; i < out.length; i++) out[i] = start + i;
}
/** @task */
export function fillChecked(out: Float64Array, start: number): void {
  if (start < 0) throw new Error(`negative start ${start}`);
  for (let i = 0; i < out.length; i++) out[i] = start * 2 + i;
}
