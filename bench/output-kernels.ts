/** Kernels for bench/output-order.ts: the same tiny task, silent and printing one line. */

export function add(a: number, b: number): number { return a + b; }

export function addAndSay(a: number, b: number): number {
  console.log(`${a} + ${b}`);
  return a + b;
}
