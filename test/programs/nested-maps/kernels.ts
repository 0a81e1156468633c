// Tasks over the cells of a grid: one reads a number, one reads a cell, one advances a cell's counter (inout),
// and one refuses a negative value.
export interface Cell { v: number; hits: number }

/** @task */
export function weigh(n: number): number {
  let s = 0;
  for (let i = 0; i < 200_000; i++) s = (s + i * n) % 1000003;
  return s;
}

/** @task */
export function score(c: Cell): number { return c.v * 10 + c.hits; }

/** @task */
export function hit(c: Cell): number { c.hits += c.v; return c.hits; }

/** @task */
export function checked(n: number): number {
  if (n < 0) throw new RangeError(`negative cell ${n}`);
  return n * 2;
}
