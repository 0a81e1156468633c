// Loops whose task calls sit in `if` branches (np70's min-branch-in-loop ran one call at a time): the first pass tests
// each branch's condition and submits the calls it will make; a condition reading what the body changes keeps the loop
// as it is. And a first pass whose reads throw (a missing field) stops there: the second meets the throw at its turn,
// after the passes before it printed (before, nothing of them was printed).
/** @task */
export function work(n: number): number {
  if (n === 13) throw new Error('unlucky');
  let s = 0;
  for (let i = 0; i < 800_000; i++) s = (s + i * n) % 1_000_003;
  return s;
}

for (const n of [1, 2, 3, 4]) {
  if (n % 2) console.log('odd', work(n));
  else console.log('even', work(n));
}

let total = 0;
for (let i = 0; i < 6; i++) {
  if (i % 3 === 0) {
    total += work(i + 1);
  } else if (i % 3 === 1) {
    console.log('skip', i);
  } else {
    const v = work(i * 10);
    if (v > 500_000) console.log('big', i);
    total += v;
  }
}
console.log('total', total);

// A condition reading what the body changes: one call at a time.
let budget = 3;
for (const n of [5, 6, 7, 8]) {
  if (budget > 0) { budget -= 1; console.log('paid', work(n)); }
  else console.log('over', n);
}

// Break and continue in branches.
const seen: number[] = [];
for (const n of [9, 10, 11, 12, 14]) {
  if (n === 10) continue;
  if (n < 12) seen.push(work(n));
  else if (n === 12) break;
  else seen.push(-work(n));
}
console.log(seen.join(' '));

// A failure in a branch, caught outside.
try {
  for (const n of [11, 13, 15]) {
    if (n > 10) console.log('try', work(n));
    else console.log('small');
  }
} catch (e) {
  console.log('caught', (e as Error).message);
}

// Nested ifs, with a switch-free else chain over strings.
const labels = ['a', 'bb', 'ccc', 'dddd'];
for (const l of labels) {
  if (l.length > 1) {
    if (l.length > 2) console.log(l, work(l.length * 3));
    else console.log(l, 'two');
  }
}
interface Item { id: number; meta: { ok: boolean; x: number } }
const items = [{ id: 1, meta: { ok: true, x: 1 } }, { id: 2, meta: { ok: false, x: 2 } }, { id: 3 }] as unknown as Item[];
try {
  for (const o of items) {
    console.log('at', o.id);
    if (o.meta.ok) console.log('ok', work(o.id));
  }
} catch (e) {
  console.log('caught', (e as Error).constructor.name);
}
try {
  for (const o of items) {
    console.log('arg at', o.id);
    console.log('x', work(o.meta.x));
  }
} catch (e) {
  console.log('caught', (e as Error).constructor.name);
}

// The same in a split callback, and in a loop calling a helper with halves: the elements before the throw run first.
try {
  const r = items.map((o) => { console.log('cb', o.id); return work(o.meta.x); });
  console.log(r);
} catch (e) {
  console.log('caught', (e as Error).constructor.name);
}
function describe(o: Item) { console.log('describe', o.id); return { id: o.id, v: work(o.meta.x) }; }
try {
  for (const o of items) console.log(describe(o).v);
} catch (e) {
  console.log('caught', (e as Error).constructor.name);
}

// A pass that skips its calls (`continue`) whose later read throws in the first pass: the call it made before the
// throw is dismissed with the pass, not left to fail the program (rv74's r-orphan-continue: `bad id -1`, exit 1).
/** @task */
export function weigh(id: number): number {
  if (id < 0) throw new Error('bad id ' + id);
  return work(Math.abs(id)) % 100;
}
/** @task */
export function doubled(x: number): number {
  return x * 2;
}
interface Maybe { id: number; meta?: { x: number } }
const maybes: Maybe[] = [{ id: 1, meta: { x: 1 } }, { id: -1 }, { id: 4, meta: { x: 4 } }];
for (const o of maybes) {
  if (!o.meta) continue;
  const w = weigh(o.id);
  const d = doubled(o.meta!.x);
  console.log(o.id, w, d);
}
console.log('end');
