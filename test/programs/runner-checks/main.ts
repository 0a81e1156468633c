// Functions a try block calls that run tasks: what follows a failing call inside them and changes what the caller
// sees (a module variable, a field of `this`, a parameter's contents) does not happen, as in the plain program; what
// changes only their own variables and prints keeps running beside the tasks.
import { fill, half } from './kernels';

let done = 0;
const stats = { runs: 0, last: '' };

function run(n: number): number {
  const h = half(n);
  done++;
  stats.last = `ran ${n}`;
  return h;
}

class Batch {
  count = 0;
  constructor(readonly parts: Float64Array[]) {}
  refill(v: number): void {
    for (const p of this.parts) fill(p, v);
    this.count++;
  }
}

function runAll(values: number[], log: string[]): void {
  for (const v of values) {
    log.push(`v${v}`);
    half(v);
  }
}

function outer(n: number): void {
  run(n);
  stats.runs++;
}

/** Its own variables only: its calls all run before anything waits. */
function main(): number[] {
  const parts = [1, 2, 3, 4].map((k) => new Float64Array(1000).fill(k));
  const seen: string[] = [];
  for (const p of parts) {
    fill(p, p[0] * 2);
    seen.push(`part ${p.length}`);
  }
  const halves = [8, 6, 4, 2].map((n) => half(n));
  console.log(seen.length, 'parts');
  return halves;
}

for (const n of [4, -2, 6]) {
  try {
    console.log('got', run(n));
  } catch (e) {
    console.log('caught', (e as Error).message);
  }
}
console.log(done, stats.last);

const batch = new Batch([new Float64Array(4), new Float64Array(4)]);
try {
  batch.refill(2);
  batch.refill(-1);
} catch (e) {
  console.log('caught', (e as Error).message);
}
console.log(batch.count, batch.parts[0][0]);

const log: string[] = [];
try {
  runAll([1, -3, 5], log);
} catch (e) {
  console.log('caught', (e as Error).message);
}
console.log(log.join(','));

try {
  outer(-7);
} catch (e) {
  console.log('caught', (e as Error).message, stats.runs);
}

try {
  console.log(main().join(' '));
} catch (e) {
  console.log('main failed', (e as Error).message);
}
