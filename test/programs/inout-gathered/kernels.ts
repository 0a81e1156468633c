export class Acc {
  total = 0;
  steps = 0;
}

/** @task Adds `n` to the accumulator (inout) and returns its new total. */
export function add(acc: Acc, n: number): number {
  for (let i = 0; i < 20000; i++) acc.steps = (acc.steps + i) % 1000003;
  acc.total += n;
  return acc.total;
}
/** @task */
export function edge(top: Int32Array, left: Int32Array): { bottom: Int32Array; right: Int32Array } {
  return { bottom: top.map((v, i) => v + left[i] + 1), right: left.map((v, i) => v * 2 - top[i]) };
}
