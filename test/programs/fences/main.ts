import { scale, total, failIfBig, grow, bump, bumpAll } from './kernels';

const mk = (n: number, v: number) => Float64Array.from({ length: n }, (_, i) => v + i);
const m1 = new Map<string, Float64Array>();
const m2 = new Map<string, Float64Array>();
const shared = mk(4, 1);
m1.set('a', shared); m2.set('a', shared); m1.set('b', mk(4, 10));
const first = (a: Float64Array) => a[0];
const report = () => console.log('report', m2.get('a')![1]);
for (const v of m1.values()) scale(v, 2);
const count = m1.size + m2.size;
console.log('phase1', count);
report();
scale(m1.get('b')!, 3);
console.log('first', first(m1.get('b')!));

class Model {
  rows: Float64Array[] = [mk(3, 1), mk(3, 2)];
  counter = { n: 0, tags: [] as string[] };
  get sum(): number { return this.rows.reduce((s, r) => s + r[0], 0); }
  step(k: number): void {
    for (const r of this.rows) scale(r, k);
    bump(this.counter);
    console.log('stepped', k);
  }
  check(): void {
    try {
      for (const r of this.rows) failIfBig(r, 5);
      console.log('no failure');
    } catch (e) {
      console.log('caught', (e as Error).message, this.rows[0][0], this.rows[1][0]);
    }
  }
}
const model = new Model();
model.step(2);
console.log('sum', model.sum, model.counter.n, model.counter.tags.join('|'));
model.step(3);
console.log(JSON.stringify(model.counter));
model.check();

const rec = { a: mk(3, 5), list: [1, 2] as number[] };
function update(r: typeof rec, log: (s: string) => void): void {
  scale(r.a, 10);
  grow(r.list, 3);
  log('updated');
  grow(r.list, 1);
}
update(rec, (s) => console.log(s, rec.a[0], `${rec.list}`));
console.log(`${rec.list}`, rec.list.length, total(rec.a));

async function later(m: Map<string, Float64Array>): Promise<void> {
  for (const v of m.values()) scale(v, 0.5);
  await new Promise((r) => setTimeout(r, 5));
  console.log('later', m.get('b')![0]);
}
function generic<T extends Float64Array>(xs: T[]): number[] {
  for (const x of xs) scale(x, 2);
  return xs.map((x) => x[0]);
}
console.log('generic', generic([mk(2, 1), mk(2, 3)]).join(','));
const buf = new Float64Array(8).fill(1);
const views = new Map([['lo', buf.subarray(0, 4)], ['hi', buf.subarray(4)]]);
for (const [, v] of views) scale(v, 7);
console.log('buf', Array.from(buf).join(','));
later(m1).then(() => console.log('done', shared[0]));

// Refused: the loop takes the next element of what the task writes at every step.
const walked = m1.get('a')!;
for (const x of walked) { if (x > 1000) break; scale(walked, 1.5); }
console.log('walked', walked[0].toFixed(2));
// Refused: the same statement reads what the task writes, after it.
const both = m1.get('b')!;
(scale(both, 2), console.log('both', both[0]));
// A failure thrown by code that observes nothing, caught by a caller that looks.
function thenThrow(m: Map<string, Float64Array>): void {
  for (const v of m.values()) scale(v, 2);
  JSON.parse('{ not json');
}
try { thenThrow(m1); } catch (e) { console.log('thrown', (e as Error).name, m1.get('a')![0], m1.get('b')![2]); }
// A fenced task that fails outside any try in its function: the caller's catch gets it, the objects as plain left them.
function failing(m: Map<string, Float64Array>): void {
  for (const v of m.values()) failIfBig(v, 1e9);
  failIfBig(m.get('a')!, 0);
  console.log('never printed');
}
try { failing(m1); } catch (e) { console.log('failed', (e as Error).message, m1.get('a')![0], m1.get('b')![0]); }
console.log('keys', Object.keys(rec).join(','), Object.values(model.counter).length);
// A method whose fenced calls are all in one callback of its statement: its receiver (`this.rows`) is read before any.
class Rows {
  rows = [new Float64Array(4).fill(1), new Float64Array(4).fill(2)];
  groups = [[{ x: 1 }], [{ x: 2 }, { x: 3 }]];
  grown() { return this.groups.map((g) => bumpAll(g)); }
  // Refused: the statement reads what the tasks write after the callback ran.
  seen() { return [this.rows.map((r) => { scale(r, 2); return 0; }), this.rows[1][0]]; }
}
const rowsOf = new Rows();
console.log('rows', rowsOf.grown().join(','), JSON.stringify(rowsOf.groups), JSON.stringify(rowsOf.seen()));
