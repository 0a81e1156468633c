/** Word counts of one chunk. @task */
export function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.split(/\s+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Adds `from`'s counts into `into`, and hands `into` back. @task */
export function mergeInto(into: Map<string, number>, from: Map<string, number>): Map<string, number> {
  for (const [w, c] of from) into.set(w, (into.get(w) ?? 0) + c);
  return into;
}

/** A leaf of a sorted merge tree. @task */
export function leaf(i: number): number[] {
  return [(i * 7) % 10, (i * 3) % 10].sort((a, b) => a - b);
}

/** Two sorted lists merged into a new one. @task */
export function combine(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++]);
  return out;
}

/** Doubles every count. @task */
export function doubleCounts(m: Map<string, number>): void {
  for (const [w, c] of m) m.set(w, c * 2);
}
