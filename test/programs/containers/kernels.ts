/** Tasks for the containers fixture: blocks of numbers made, updated in place and summed. */

/** @task */
export function makeBlock(seed: number, n: number): Float64Array {
  const block = new Float64Array(n);
  for (let i = 0; i < n; i++) block[i] = seed * 10 + i;
  return block;
}

/** @task */
export function bump(block: Float64Array, by: number): void { for (let i = 0; i < block.length; i++) block[i] += by; }

/** c += a * b, elementwise. @task */
export function fma(c: Float64Array, a: Float64Array, b: Float64Array): void { for (let i = 0; i < c.length; i++) c[i] += a[i] * b[i]; }

/** @task */
export function sum(block: Float64Array): number { let s = 0; for (const v of block) s += v; return s; }

/** @task */
export function total(blocks: Float64Array[]): number { let s = 0; for (const b of blocks) for (const v of b) s += v; return s; }

/** @task */
export function fillRow(row: Float64Array[], value: number): void { for (const b of row) b.fill(value); }
