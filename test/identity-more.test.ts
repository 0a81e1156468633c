/**
 * More identity shapes, each against the plain call: a typed array inside an object while a task writes its buffer,
 * parts of arguments returned or moved between arguments, swapped objects, objects a task creates and later tasks
 * change, strips of one buffer as independent data, and a worker that dies (the caller keeps the last good version).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { observe, shutdown, task, waitOn, type RunEvent } from '../runtime';
import * as F from './fixtures/identity-tasks';

const mod = join(__dirname, 'fixtures', 'identity-tasks.js');
const scale = task<typeof F.scale>(mod, 'scale', ['inout', 'in']);
const sumInner = task<typeof F.sumInner>(mod, 'sumInner', ['in']);
const first = task<typeof F.first>(mod, 'first', ['in']);
const move = task<typeof F.move>(mod, 'move', ['inout', 'inout']);
const swap = task<typeof F.swap>(mod, 'swap', ['inout']);
const pushFresh = task<typeof F.pushFresh>(mod, 'pushFresh', ['inout']);
const dieAfterWrite = task<typeof F.dieAfterWrite>(mod, 'dieAfterWrite', ['inout']);

test.after(() => shutdown());

test('a typed array inside an object sees a pending task write to its buffer: scale(v, 2); sumInner({ v })', () => {
  const plain = new Float64Array([1, 2, 3]);
  F.scale(plain, 2);
  const expected = F.sumInner({ v: plain });
  const v = new Float64Array([1, 2, 3]);
  scale(v, 2);
  assert.is(sumInner({ v }).wait(), expected);
  assert.is(expected, 12);
});

test('a task returning a part of its argument gives the caller that part: first(arr) === arr[0]', () => {
  const arr = [{ k: 1 }, { k: 2 }];
  assert.is(first(arr).wait(), arr[0]);
  const blocks = [new Float64Array(2), new Float64Array(2)];
  assert.is(first(blocks).wait(), blocks[0]);
});

test('an object moved from one argument into another is the same object in the caller: move(from, to)', () => {
  const make = () => { const from = [{ k: 1 }]; const to: object[] = []; return { from, to }; };
  const p = make();
  F.move(p.from, p.to);
  const t = make();
  move(t.from, t.to);
  waitOn(t.to);
  assert.is(p.to[0] === p.from[0], true);
  assert.is(t.to[0] === t.from[0], p.to[0] === p.from[0]);
});

test('swapped objects keep their identities: the caller\'s aliases follow the objects, not the slots', () => {
  const a = { name: 'a' };
  const b = { name: 'b' };
  const o = { a, b };
  swap(o);
  waitOn(o);
  assert.is(o.a, b);
  assert.is(o.b, a);
  assert.equal([a.name, b.name], ['a', 'b']);
});

test('objects a task creates keep their identity through later tasks: pushFresh twice with an alias taken between', () => {
  const list: { n: number }[] = [];
  pushFresh(list);
  const created = waitOn(list)[0]!;
  pushFresh(list);
  waitOn(list);
  assert.is(list[0], created, 'the object the first task created is still the caller\'s');
  assert.equal(list.map((x) => x.n), [0, 1]);
});

test('disjoint strips of one buffer are independent data: their tasks do not wait for each other', () => {
  const grid = new Float64Array(16).fill(1);
  const writes: string[][] = [];
  const detach = observe({ submit: (e: Extract<RunEvent, { kind: 'submit' }>) => { writes.push([...e.writes]); } });
  for (let s = 0; s < 4; s++) scale(grid.subarray(s * 4, s * 4 + 4), s + 1);
  detach();
  const total = F.sum(waitOn(grid));
  // A submission's writes list its arguments' new versions first, then its return value's.
  const data = writes.map((keys) => keys[0]!.split('v')[0]);
  assert.is(new Set(data).size, 4, `four strips, four data: ${JSON.stringify(writes)}`);
  assert.is(total, 4 * (1 + 2 + 3 + 4));
});

test('strips at offsets off the 8-byte grid each get their own datum and keep their neighbours\' writes, then a task over the whole reads them all (that no row waits for the one before: buffer-ranges.test.ts)', () => {
  const plain = new Float32Array(3 * 5).fill(1);
  const image = new Float32Array(3 * 5).fill(1);
  const writes: string[][] = [];
  const detach = observe({ submit: (e: Extract<RunEvent, { kind: 'submit' }>) => { writes.push([...e.writes]); } });
  for (let r = 0; r < 3; r++) {
    F.scale(plain.subarray(r * 5, r * 5 + 5) as never, r + 2);
    scale(image.subarray(r * 5, r * 5 + 5) as never, r + 2);
  }
  detach();
  const data = writes.map((keys) => keys[0]!.split('v')[0]);
  assert.is(new Set(data).size, 3, `three rows, three data: ${JSON.stringify(writes)}`);
  assert.equal(Array.from(waitOn(image)), Array.from(plain));
  // A later task over the whole image reads every row's result.
  scale(image as never, 10);
  F.scale(plain as never, 10);
  assert.equal(Array.from(waitOn(image)), Array.from(plain));
});

test('a worker that dies under an inout task: the caller keeps the last good version (an earlier task\'s write)', () => {
  const a = new Float64Array([1, 2]);
  scale(a, 2);
  let message = '';
  try { dieAfterWrite(a).wait(); } catch (error) { message = (error as Error).message; }
  assert.match(message, /died/);
  assert.equal(Array.from(waitOn(a)), [2, 4]);
  assert.equal(Array.from(waitOn(a)), [2, 4], 'and reading again does not throw');
  scale(a, 10);
  assert.equal(Array.from(waitOn(a)), [20, 40], 'later tasks start from it');
});

test.run();
