// A split loop's first pass submits calls a `continue` before them may skip (np71's min-ahead-costly: the guarded
// `fib(50)` the plain loop never computes). In workers the untaken calls are dismissed; inline (TASKIFY_WORKERS=0)
// a call submitted ahead is made only where the program reaches it, so the skipped ones never run (they ran, for ever).
/** @task */
export function work(n: number): number {
  let s = 0;
  for (let i = 0; i < n * 20_000; i++) s = (s + i * n) % 1_000_003;
  return s;
}

const ns = [20, 50, 22, 60];
const table: number[][] = [];
for (const n of ns) {
  const row: number[] = [];
  table.push(row);
  for (let d = 0; d < 2; d++) {
    if (n > 30) continue; // too big: skipped
    row.push(work(n + d));
  }
}
console.log(JSON.stringify(table));
let total = 0;
for (const n of ns) {
  if (n > 30) continue;
  total += work(n);
}
console.log('total', total);
