/** @task */
export function grow(xs: number[], n: number): void {
  for (let i = 0; i < n; i++) xs.push(i * 10);
}

/** @task */
export function calibrate(xs: Float64Array, scale: number, offset: number): void {
  for (let i = 0; i < xs.length; i++) xs[i] = xs[i]! * scale + offset;
}

/** @task */
export function count(tally: Record<string, number>, words: string[]): void {
  for (const w of words) tally[w] = (tally[w] ?? 0) + 1;
}
