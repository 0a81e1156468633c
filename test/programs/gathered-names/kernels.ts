/** @task */
export function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.split(/\s+/)) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** @task */
export function mergeCounts(into: Map<string, number>, from: Map<string, number>): Map<string, number> {
  for (const [word, n] of from) into.set(word, (into.get(word) ?? 0) + n);
  return into;
}

/** @task */
export function createBlock(n: number, seed: number): Float64Array {
  const block = new Float64Array(n);
  for (let i = 0; i < n; i++) block[i] = (seed * 37 + i * 11) % 100;
  return block;
}

/** @task */
export function negate(v: Float64Array): void { for (let i = 0; i < v.length; i++) v[i] = -v[i]; }
