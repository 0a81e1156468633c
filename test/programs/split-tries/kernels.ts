/** Quiet tasks that only read their arguments, some of whose calls fail. */

/** @task */
export function work(n: number): number {
  let s = 0;
  for (let i = 0; i < 300_000 * (n % 5 + 1); i++) s = (s + i * n) % 1000003;
  if (n % 4 === 3) throw new Error(`bad input ${n}`);
  if (n === 10) throw `string failure ${n}`;
  return s;
}

/** @task */
export function twice(xs: number[]): number {
  let s = 0;
  for (const x of xs) {
    if (x < 0) throw new RangeError(`negative ${x}`);
    s += 2 * x;
  }
  return s;
}

/** An error class the caller tests with instanceof (imported: np69's min-instanceof-imported-class). */
export class InputError extends Error {}
