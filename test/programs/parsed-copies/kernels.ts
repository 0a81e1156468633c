/** @task */
export function count(text: string): Record<string, number> {
  const r: Record<string, number> = {};
  for (const w of text.toLowerCase().match(/[a-z']+/g) ?? []) r[w] = (r[w] || 0) + 1;
  return r;
}
/** @task */
export function mergeInto(a: Record<string, number>, b: Record<string, number>): void { for (const k in b) a[k] = (a[k] || 0) + b[k]; }
/** @task */
export function top(a: Record<string, number>, n: number): [string, number][] {
  return Object.entries(a).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, n);
}
