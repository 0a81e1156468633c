/**
 * Containers a task builds that come to hold the caller's objects (tester np45's F1-F4): a group made fresh and
 * stored under a `let` name that is then replaced (`g = []; groups.set(k, g); g.push(it)`), nested arrays flattened
 * (`flat`, `concat`, a spread into `push`), pairs made into an object (`Object.fromEntries`), a class written in the
 * task whose fields or methods name a parameter. A write through any of them is the parameter's: inferred `inout`;
 * each twin that only reads stays `in`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, taskParams, withTask as task } from './task-directions';

const item = 'export interface Item { k: string; v: number }\n';

test('a fresh group stored in a container under a `let` name that is replaced holds what is pushed into it after (group-by, pagination)', () => {
  for (const body of [
    'const groups = new Map<string, Item[]>(); for (const it of xs) { let g = groups.get(it.k); if (!g) { g = []; groups.set(it.k, g); } g.push(it); } for (const g of groups.values()) for (const it of g) it.v = g.length; return groups.size;',
    'const pages: Item[][] = []; let cur: Item[] | null = null; for (const r of xs) { if (!cur || cur.length === 2) { cur = []; pages.push(cur); } cur.push(r); } pages.forEach((p, i) => p.forEach((r) => { r.v = i; })); return pages.length;',
    'const all: Item[][] = []; let g: Item[] | undefined; g = []; all.push(g); g.push(xs[0]); for (const h of all) h[0].v = 1; return 1;',
    'const groups = new Map<string, Item[]>(); for (const it of xs) { let g = groups.get(it.k); if (!g) groups.set(it.k, (g = [])); g.push(it); } for (const g of groups.values()) g[0].v = 0; return 0;',
  ]) {
    const found = directions(task('xs: Item[]', body, item)).xs!;
    assert.match(found, /^inout:.*writes a property/, `${body}: ${found}`);
  }
  assert.match(directions(task('xs: Item[]', 'const groups = new Map<string, Item[]>(); for (const it of xs) { let g = groups.get(it.k); if (!g) { g = []; groups.set(it.k, g); } g.push(it); } let n = 0; for (const g of groups.values()) n += g.length; return n;', item)).xs, /^in:/, 'groups only counted');
});

test('a name for a part of a container the task built carries what is stored through it into that container (rev60\'s F1: `const { list } = holder; list.push(it)`)', () => {
  for (const body of [
    'const holder = { list: [] as Item[] }; const { list } = holder; for (const it of xs) list.push(it); holder.list[0].v = 1;',
    'const holder = { list: [] as Item[] }; const list = holder.list; for (const it of xs) list.push(it); holder.list[0].v = 2;',
    'const lists: Item[][] = [[]]; const [first] = lists; first.push(xs[0]); lists[0][0].v = 4;',
    "const groups = new Map<string, Item[]>([['a', []], ['b', []]]); for (const it of xs) { const g = groups.get(it.k)!; g.push(it); } for (const g of groups.values()) for (const it of g) it.v = 0;",
    'const rows: Item[][] = [[], []]; for (const r of rows) r.push(xs[0]); rows[1][0].v = 5;',
    'const holder = { inner: { list: [] as Item[] } }; const inner = holder.inner; const list = inner.list; list.push(xs[0]); holder.inner.list[0].v = 6;',
    // np46's F1, F3: a name rebound to another, either of two names, an entry found, a closure pushing.
    'const a: Item[] = []; let b: Item[] = []; b = a; b.push(xs[0]); a[0].v = 7;',
    'const hi: Item[] = [], lo: Item[] = []; for (const t of xs) { const target = t.v > 1 ? hi : lo; target.push(t); } hi.forEach((t) => { t.v = 8; });',
    'const groups: Item[][] = [[], []]; const [even, odd] = groups; for (const t of xs) (t.v % 2 ? odd : even).push(t); groups[1].forEach((t) => { t.v = 9; });',
    'const bins = [{ items: [] as Item[] }]; for (const t of xs) bins.find((b) => b.items.length < 2)!.items.push(t); bins[0].items[0].v = 10;',
    'const order: Item[] = []; const add = (p: Item) => { order.push(p); }; xs.forEach(add); for (const p of order) p.v = 11;',
    'const order: Item[] = []; function visit(p: Item) { order.push(p); } for (const x of xs) visit(x); order[0].v = 12;',
  ]) {
    const found = directions(task('xs: Item[]', body, item)).xs!;
    assert.match(found, /^inout:.*writes a property/, `${body}: ${found}`);
  }
  assert.match(directions(task('xs: Item[]', 'const holder = { list: [] as Item[] }; const { list } = holder; for (const it of xs) list.push(it); return holder.list.length;', item)).xs, /^in:/, 'the container only counted');
});

test('flattening lifts nested parts into the result\'s own slots: `flat`, `flat(2)`, `concat` of spread lists, `push(...row)`, `Object.fromEntries`', () => {
  for (const body of [
    'const grid = [[b]]; for (const x of grid.flat()) x.v = 1; return 0;',
    'const grid = [[[b]]]; grid.flat(2)[0].v = 1; return 0;',
    'const lists = [[b]]; const all = ([] as Item[]).concat(...lists); all[0].v = 1; return 0;',
    'const nested = [[b]]; const out: Item[] = []; out.push(...nested[0]); out[0].v = 1; return 0;',
    'const byName = Object.fromEntries([[\'k\', b]]); byName.k.v = 1; return 0;',
  ]) {
    const found = directions(task('b: Item', body, item)).b!;
    assert.match(found, /^inout:.*writes a property/, `${body}: ${found}`);
  }
  assert.match(directions(task('b: Item', 'const grid = [[b]]; return grid.flat()[0].v;', item)).b, /^in:/, 'a flattened part only read');
});

test('a class written in the task holds what its fields, static fields, getters and methods name (`class Ref { target = b }`)', () => {
  for (const [body, via] of [
    ['class Ref { target = b; } new Ref().target.v = 1; return 0;', 'a field'],
    ['const Ref = class { target = b; }; new Ref().target.v = 1; return 0;', 'a class expression'],
    ['class Ref { static t = b; } Ref.t.v = 1; return 0;', 'a static field'],
    ['class Ref { get t() { return b; } } new Ref().t.v = 1; return 0;', 'a getter'],
    ['class Ref { f = () => b; } new Ref().f().v = 1; return 0;', 'a closure in a field'],
    ['class L { static s: Item; } L.s = b; L.s.v = 1; return 0;', 'a static field assigned'],
  ]) {
    const found = directions(task('b: Item', body!, item)).b!;
    assert.match(found, /^inout:/, `${via}: ${found}`);
  }
  assert.match(directions(task('b: Item', 'class Ref { t = b.v; } return new Ref().t;', item)).b, /^in:/, 'a field holding a number read from it');
});

test('a container made and filled in one expression holds what it was given: `new Array(n).fill(p)`, `new Map().set(k, p)`, `new Set().add(p)` (np46\'s min-fill-obj: `xs` was inferred `in`)', () => {
  for (const body of [
    'const a = new Array<Item>(3).fill(xs[0]); a[2].v += 100; return a.length;',
    "const m = new Map<string, Item>().set('a', xs[0]); m.get('a')!.v = 1;",
    'const s = new Set<Item>().add(xs[1]); for (const it of s) it.v = 2;',
    'const a = Array(2).fill(xs[0]) as Item[]; a[0].v = 3;',
  ]) {
    const found = directions(task('xs: Item[]', body, item)).xs!;
    assert.match(found, /^inout:/, `${body}: ${found}`);
  }
  assert.match(directions(task('xs: Item[]', 'const a = new Array<Item>(3).fill(xs[0]); return a[2].v;', item)).xs, /^in:/, 'only read through it');
});

test('a generator holds what it yields as its elements: a write through `for…of`, a spread, `Array.from` or `next().value` writes the parameter, and a task walking its own generator (or reading a getter of its own literal) lets nothing out (np47\'s p21 a24, a18)', () => {
  const helpers = 'function* each(xs: Item[]) { yield* xs; }\nfunction* one(p: Item) { yield p; }\n' +
    'function* pairs(xs: Item[]) { for (let i = 0; i + 1 < xs.length; i += 2) yield [xs[i], xs[i + 1]] as const; }\n';
  for (const body of [
    'for (const x of each(xs)) x.v = 1;', '[...each(xs)][0].v = 2;', 'Array.from(each(xs))[0].v = 3;', 'each(xs).next().value!.v = 4;',
    'for (const q of one(xs[0])) q.v = 5;', 'for (const [a, b] of pairs(xs)) b.v = a.v;', 'const it = each(xs); for (const x of it) x.v = 6;',
    'function* local(ys: Item[]) { for (const y of ys) yield y; } for (const y of local(xs)) y.v = 7;',
  ]) {
    const found = directions(task('xs: Item[]', body, item + helpers)).xs!;
    assert.match(found, /^inout:.*writes a property/, `${body}: ${found}`);
  }
  const [read] = taskParams(task('xs: Item[]', 'let s = 0; for (const x of each(xs)) s += x.v; return s;', item + helpers));
  assert.match(read.direction, /^in$/);
  // (A getter of an object literal written in the task returns it as a closure does: np47's p21 a18.)
  const [got] = taskParams(task('xs: Item[]', 'const o = { get t() { return xs[0]; } }; o.t.v = 18; return 18;', item));
  assert.is(got.direction, 'inout');
  assert.is(got.escapes, undefined, 'a getter of a literal the task keeps lets nothing out');
  const [walked] = taskParams(task('xs: Item[]', 'function* g(ys: Item[]) { yield* ys; } for (const x of g(xs)) x.v = 24; return 24;', item));
  assert.is(walked.direction, 'inout');
  assert.is(walked.escapes, undefined, 'a generator walked inside the task lets nothing out');
});

test('no container made right there: a literal with a setter, or one holding an outside object a callee stores into, lets the value out; a nested function\'s arguments bind its parameters after a `this` parameter, and one reading `arguments` still lets out what it stores (rev61\'s F2-F4)', () => {
  const store = 'const store: Item[] = [];\nfunction put(p: Item, holder: Item[][]): void { holder[0].push(p); }\n';
  for (const body of ['({ set v(x: Item) { store.push(x); } }).v = xs[0]; return store.length;', 'put(xs[0], [store]); return 1;']) {
    const [param] = taskParams(task('xs: Item[]', body, item + store));
    assert.match(param.escapes ?? '', /stored outside the function/, body);
  }
  assert.match(directions(task('xs: Item[]', 'const order: Item[] = []; function add(this: void, n: Item) { order.push(n); } add(xs[0]); order[0].v = 6;', item)).xs,
    /^inout:/, 'arguments bind the parameters after `this`');
  // (What `arguments` passes on is not bound: the store stays an escape, and the call direct.)
  const [viaArguments] = taskParams(task('xs: Item[]', 'const order: Item[] = []; function add(_n: Item) { order.push(arguments[0]); } add(xs[0]); order[0].v = 11;', item));
  assert.match(viaArguments.escapes ?? '', /order.push\(arguments\[0\]\)/);
});

test.run();
