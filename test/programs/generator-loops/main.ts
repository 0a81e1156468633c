// Loops over the program's own generators whose bodies use a task's value at once. A generator touching nothing but
// its own locals and parameters is run to its end before the bodies (every call submitted first, tester #26's r07);
// one that prints, reads what a body changes, or may never end keeps its steps between the bodies.
/** @task */
export function weigh(prefix: number[], salt: number): number {
  let s = 0;
  for (let i = 0; i < 200_000; i++) s = (s * 31 + prefix.length + salt + i) % 1_000_003;
  return s + prefix.reduce((a, b) => a + b, 0);
}
function* prefixes(depth: number): Generator<number[]> {
  for (let m = 0; m < 1 << depth; m++) yield Array.from({ length: depth }, (_, i) => ((m >> i) & 1 ? -(i + 1) : i + 1));
}
let best = 0;
for (const p of prefixes(2)) best = Math.max(best, weigh(p, 1));
console.log('contained', best);

function* loud(n: number): Generator<number[]> {
  for (let i = 0; i < n; i++) { console.log('  loud yields', i); yield [i]; }
}
let total = 0;
for (const p of loud(3)) { total += weigh(p, 2); console.log('  loud body', p[0], total); }

let bias = 0;
function* biased(n: number): Generator<number[]> { for (let i = 0; i < n; i++) yield [i + bias]; }
const seen: number[] = [];
for (const p of biased(3)) { seen.push(weigh(p, 3)); bias += 10; }
console.log('biased', seen.join(' '));

function* naturals(): Generator<number[]> { let i = 0; for (;;) yield [i++]; }
let firstBig = -1;
for (const p of naturals()) { if (weigh(p, 4) % 7 === 3 || p[0] > 40) { firstBig = p[0]; break; } }
console.log('first', firstBig);

// A generator yielding a local it goes on changing: each body must see it as it was at its step.
function* windows(n: number): Generator<number[]> { const buf: number[] = []; for (let i = 0; i < n; i++) { buf.push(i); yield buf; } }
let windowed = 0;
for (const w of windows(3)) windowed += weigh(w, 5);
console.log('windows', windowed);
