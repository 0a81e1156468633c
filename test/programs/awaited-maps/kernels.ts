// Async and sync tasks writing the elements they are mapped over.
export interface Doc { v: number; words: string[] }
/** @task */
export async function score(d: Doc): Promise<void> { await null; d.v *= 2; d.words.push('s'); }
/** @task */
export async function measure(d: Doc): Promise<number> { await null; return d.v + d.words.length; }
/** @task */
export function grow(d: Doc): number { d.v += 10; return d.v; }
/** @task */
export function same(d: Doc): Doc { d.v += 1; return d; }
/** @task */
export async function weigh(d: Doc, weights: readonly number[]): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return d.v * weights[0] + d.words.length * weights[1];
}
