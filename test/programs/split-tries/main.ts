// Loops whose body catches a task's failure (`try { out.push(work(n)) } catch …`): every pass's call is submitted
// first, and each failure is met inside its own pass's try, where the plain call threw it.
import { InputError, twice, work } from './kernels';

// (a) A helper collecting values and messages, returned together: catch and finally print in plain order.
function collect(ns: number[]): { out: number[]; errors: string[] } {
  const out: number[] = [];
  const errors: string[] = [];
  for (const n of ns) {
    try {
      out.push(work(n));
      console.log('ok', n);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
      console.log('caught', n);
    } finally {
      console.log('finally', n);
    }
  }
  return { out, errors };
}
console.log(collect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
console.log(collect([3, 7]));

// (b) A break in the catch: the passes after it never make their calls.
let firstBad = -1;
for (let i = 0; i < 9; i++) {
  try {
    const v = work(i);
    console.log('v', i, v);
  } catch {
    firstBad = i;
    break;
  }
}
console.log('firstBad', firstBad);

// (c) Two tries in one body, one call each, and a call after them.
let sum = 0;
for (const n of [1, 3, 5, 7, 9, 11]) {
  let a: number;
  let b: number;
  try { a = work(n); } catch { a = -1; }
  try { b = twice([n, -n + 5]); } catch (e) { b = e instanceof RangeError ? -2 : -3; }
  sum += a + b + twice([n]);
}
console.log('sum', sum);

// (d) Code before the call in the try may throw and skip it: that loop stays as it is.
const parsed: number[] = [];
for (const s of ['1', 'x', '3', '4']) {
  try {
    const n = JSON.parse(s);
    parsed.push(work(n));
  } catch {
    parsed.push(-1);
  }
}
console.log(parsed);

// (e) Rows with bad elements, the error's name and a template of it kept.
const rows = [[1, 2], [3, -4], [5, 6], [-7, 8]];
const totals: (number | string)[] = [];
for (let i = 0; i < rows.length; i++) {
  try {
    totals[i] = twice(rows[i]);
  } catch (e) {
    totals[i] = e instanceof InputError ? 'input' : `${(e as Error).name}: ${e}`;
  }
}
console.log(totals);

// (h) A `continue` before the try: the skipped pass's call is never made, and its failure is nobody's (rv72's
// r-continue: the next pass's catch got it); the same without a try, in a try around the loop.
const kept: number[] = [];
for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
  if (n === 3 || n === 7) continue;
  try {
    kept.push(work(n > 5 ? n - 1 : n));
  } catch (e) {
    console.log('kept caught', n, String(e));
  }
}
console.log(kept);
try {
  for (const n of [1, 2, 3, 4, 5, 6, 7]) {
    if (n === 3) continue;
    console.log('v', n, work(n));
  }
} catch (e) {
  console.log('around', (e as Error).message);
}

// (f) An inner loop with a try, in an async function after an await.
async function grid(): Promise<void> {
  await null;
  for (const row of [[1, 2, 3], [4, 5, 6]]) {
    let line = '';
    for (const n of row) {
      try {
        line += ` ${work(n)}`;
      } catch (e) {
        line += ' x';
      }
    }
    console.log('row', line);
  }
}

grid().then(() => {
  // (g) A try with only a finally: the first failure leaves the loop after its finally ran, to the try around it.
  try {
    for (const n of [1, 2, 3, 4]) {
      try {
        console.log('got', work(n));
      } finally {
        console.log('done with', n);
      }
    }
    console.log('never printed');
  } catch (e) {
    console.log('outer catch', (e as Error).message);
  }
});
