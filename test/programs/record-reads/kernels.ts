/** @task */
export function countWords(counts: Record<string, number>, text: string): void {
  for (const word of text.split(/\s+/).filter(Boolean)) counts[word] = (counts[word] ?? 0) + 1;
}

/** @task */
export function scaleAll(values: Record<string, number>, k: number): void {
  for (const key of Object.keys(values)) values[key] *= k;
}

/** @task */
export function total(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}
