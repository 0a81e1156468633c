// Loops counted by hand (np70's min-dowhile ran one call at a time): `while (k < n) { …; k++ }` and
// `do { …; k += 2 } while (k < n)` split as a counting `for` does, the first pass stepping the counter and putting it
// back. Not when the body `continue`s (which skips the step) or changes the counter elsewhere.
/** @task */
export function work(n: number): number {
  if (n === 99) throw new Error(`no ${n}`);
  let s = 0;
  for (let i = 0; i < 600_000; i++) s = (s + i * (n + 1)) % 1_000_003;
  return s;
}

let count = 0;
let k = 0;
do {
  if (work(k) % 2 === 0) count++;
  k++;
} while (k < 4);
console.log('even', count, 'k', k);

let total = 0;
let m = 10;
while (m > 4) {
  total += work(m);
  m -= 2;
}
console.log('total', total, 'm', m);

// A break: the calls of the passes the plain loop never made are dismissed.
let j = 0;
while (j < 8) {
  const v = work(j + 20);
  console.log('v', j, v);
  if (v > 400_000) break;
  j = j + 1;
}
console.log('stopped at', j);

// The counter a parameter; a failure in a later pass is met at its turn.
function sumFrom(start: number, end: number): number {
  let s = 0;
  while (start < end) {
    s += work(start * 3);
    start++;
  }
  return s;
}
console.log('sum', sumFrom(1, 4));
try {
  let q = 1;
  while (q <= 3) { console.log('q', q, work(q * 33)); q++; }
} catch (e) {
  console.log('caught', (e as Error).message);
}

// Kept as they are: a continue skipping the step would not end either, so none is written here; the counter
// changed elsewhere in the body, and a condition reading what the body changes.
let r = 0;
let acc = 0;
while (r < 6) {
  acc += work(r);
  if (acc > 1_000_000) r += 1;
  r++;
}
console.log('acc', acc, 'r', r);
let budget = 2;
let p = 0;
while (p < 5 && budget > 0) {
  budget -= work(p) > 0 ? 1 : 0;
  p++;
}
console.log('budget', budget, 'p', p);

// Kept as written (rv75's review): a condition that never ends the loop, only a break does (the first pass would
// submit for ever); a step by a task's value; a counter a getter the body reads also steps; a counter of the module
// stepped inside a function.
let t = 0;
while (t >= 0) {
  const v = work(t + 40);
  console.log('search', t, v % 7);
  if (v % 7 === 3 || t >= 5) break;
  t++;
}
for (let f = 0; f >= 0; f++) {
  console.log('for search', f, work(f + 50) % 5);
  if (f >= 3) break;
}
const stride = work(1) > 0 ? 2 : 1;
let s2 = 0;
while (s2 < 6) {
  console.log('strided', s2, work(s2 + 60));
  s2 += stride;
}
let g = 0;
const bumper = { get skip(): number { g += 1; return g; } };
while (g < 6) {
  console.log('g', g, work(g + 70), bumper.skip);
  g++;
}
let mk = 0;
function countUp(): void {
  do {
    console.log('mk', mk, work(mk + 80));
    mk++;
  } while (mk < 3);
}
countUp();
