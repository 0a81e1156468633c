/** PyCOMPSs-style reductions: tasks that update their first argument and return it. */

/** Counts the words of one text. @task */
export function count(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Adds `more` into `total` and returns `total` (the reduce of PyCOMPSs' wordcount). @task */
export function merge(total: Map<string, number>, more: Map<string, number>): Map<string, number> {
  for (const [word, n] of more) total.set(word, (total.get(word) ?? 0) + n);
  return total;
}

/** Partial sums of one fragment into `acc` (k-means style accumulate-and-return). @task */
export function accumulate(acc: Float64Array, fragment: Float64Array): Float64Array {
  for (let i = 0; i < fragment.length; i++) acc[i % acc.length] += fragment[i];
  return acc;
}

/** @task */
export function fragment(seed: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((seed * 31 + i * 17) % 13) / 4;
  return out;
}
