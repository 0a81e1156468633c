/** @task */
export function scale(a: Float64Array, k: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= k;
}
/** @task */
export function total(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
/** @task */
export function failIfBig(a: Float64Array, limit: number): void {
  for (let i = 0; i < a.length; i++) { if (a[i] > limit) throw new Error(`too big: ${a[i]}`); a[i] += 1; }
}
/** @task */
export function grow(list: number[], n: number): void {
  for (let i = 0; i < n; i++) list.push(i * 2);
}
/** @task */
export function bump(c: { n: number; tags: string[] }): void {
  c.n += 1; c.tags.push('b' + c.n);
}
/** @task */
export function bumpAll(ps: { x: number }[]): number {
  for (const p of ps) p.x++;
  return ps.length;
}
