import { heavy, label, light, risky, spin } from './kernels';

// Task calls under conditions the first pass can test as the second will: every taken call submitted first.
const jobs = [{ n: 300000 }, { n: 200000 }, {} as { n?: number }, { n: 100000 }];
const rs = jobs.map((j) => ({ value: j.n ? spin(j.n) : undefined }));
console.log(rs);

const arrays = [1, 5, 2, 8].map((k) => new Float64Array(20000).fill(k));
console.log(arrays.map((xs) => (xs[0] > 2 ? heavy(xs) : light(xs)) + 1));

const items = [{ on: true, v: 400000 }, { on: false, v: 1 }, { on: true, v: 500000 }];
console.log(items.filter((it) => it.on && spin(it.v) > 10).length);

const cached: { k: number; hit?: number }[] = [{ k: 1, hit: 7 }, { k: 2 }, { k: 3 }];
console.log(cached.map((c) => c.hit ?? spin(100000 * c.k)).join(' '));

const people = [{ id: 1, name: 'ada' }, { id: 2, name: '' }, { id: 3, name: '' }];
console.log(people.map((p) => p.name || label(p.id)).join(','));

const grid = [[1, 1], [1, 0], [0, 1], [0, 0]];
console.log(grid.map(([a, b]) => (a ? (b ? spin(150000) % 10 : 0) : spin(250000 + b) % 100)));

// A condition the callback's own store changes: the first pass would test it before the store, so it stays whole.
const seen = new Set<number>();
console.log([3, 4, 3, 5].map((n) => (seen.has(n) ? -1 : (seen.add(n), spin(n * 100000)))));

// A condition calling the program's code: not tested ahead.
let tests = 0;
const wanted = (n: number) => { tests++; return n % 2 === 0; };
console.log([2, 3, 4].map((n) => (wanted(n) ? spin(n * 50000) % 10 : 0)), tests);

// A guarded call that fails: thrown where the plain callback made it, the later calls never made.
try {
  console.log([{ n: 5 }, { n: -1 }, { n: 7 }].map((o) => (o.n > 0 || o.n < 0 ? risky(o.n * 10000) / 2 : 0)));
} catch (error) {
  console.log('caught', (error as Error).message);
}

// A helper making its task call under a condition of its parameters: split in halves, the condition tested in both.
function scoreOf(j: { n?: number }) {
  return { n: j.n ?? 0, score: j.n && j.n > 150000 ? spin(j.n) % 1000 : -1 };
}
for (const j of jobs) console.log(scoreOf(j).score);
console.log(jobs.map((j) => scoreOf(j).n + scoreOf(j).score).join(' '));

// A memo filled by a logical assignment: the call is made only where the key is missing, so no pass submits it ahead.
const memo: Record<string, number> = {};
for (const k of ['a', 'a', 'bb', 'a', 'bb']) memo[k] ??= spin(100000 * k.length);
let seenAll = true;
for (const n of [1, 0, 2]) seenAll &&= spin(n * 1000) > 0;
console.log('memo', memo.a, memo.bb, seenAll);
