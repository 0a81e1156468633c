/**
 * Writes the language makes in places a walk of the task's body did not look (tester np44's F13, F14, F16): a default
 * parameter value, a binding pattern that runs a getter or an iterator (in a declaration, a parameter, a `for…of`
 * head), an error carrying the argument out of a call and changed in the task's own `catch`. Each is inferred
 * `inout`; each twin that only reads stays `in`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const shape = 'export class Shape { computed = 0; private _a?: number; constructor(public w: number, public h: number) {}\n' +
  '  get area() { if (this._a === undefined) { this._a = this.w * this.h; this.computed++; } return this._a; }\n' +
  '  get plain() { return this.w * this.h; } }\n';
const cursor = 'export class Cursor { pos = 0; constructor(public items: number[]) {}\n' +
  '  [Symbol.iterator]() { return this; }\n' +
  '  next(): IteratorResult<number> { return this.pos < this.items.length ? { value: this.items[this.pos++], done: false } : { value: undefined, done: true }; } }\n';

test('a default parameter value runs at the call: its writes are the argument\'s (`sorted = xs.sort(…)`)', () => {
  assert.match(directions(task('xs: number[], sorted = xs.sort((a, b) => a - b)', 'return sorted[0];', '')).xs, /^inout:.*sort/);
  assert.match(directions(task('xs: number[], { n = xs.pop() } = {}', 'return n;', '')).xs, /^inout:.*pop/);
  assert.match(directions(task('xs: number[], first = xs[0]', 'return first;', '')).xs, /^in:/, 'a default that only reads');
});

test('a binding pattern reading a getter that caches into its object runs it (declaration, parameter, for…of head, default value)', () => {
  for (const [signature, body] of [
    ['s: Shape', 'const { area } = s; return area;'],
    ['{ area }: Shape', 'return area;'],
    ['ss: Shape[]', 'let t = 0; for (const { area } of ss) t += area; return t;'],
    ['s: Shape, a = s.area', 'return a;'],
    ['w: { s: Shape }', 'const { s: { area } } = w; return area;'],
    ['s: Shape, { area }: Shape = s', 'return area;'],
  ]) {
    const found = Object.values(directions(task(signature, body, shape)))[0]!;
    assert.match(found, /^inout:.*getter that changes its object/, `${signature} ${body}: ${found}`);
  }
  assert.match(directions(task('s: Shape', 'const { plain } = s; return plain;', shape)).s, /^in:/, 'a getter that only reads');
});

test('an array pattern runs its value\'s iterator, which may change it (`const [a, b] = cursor`, as a parameter, nested)', () => {
  for (const [signature, body] of [
    ['c: Cursor', 'const [a, b] = c; return a + b;'],
    ['[a, b]: Cursor', 'return a + b;'],
    ['w: { c: Cursor }', 'const { c: [first] } = w; return first;'],
  ]) {
    const found = Object.values(directions(task(signature, body, cursor)))[0]!;
    assert.match(found, /^inout:.*Symbol\.iterator/, `${signature} ${body}: ${found}`);
  }
  assert.match(directions(task('xs: number[]', 'const [a, b] = xs; return a + b;', '')).xs, /^in:/, 'an array\'s own iterator only reads');
});

test('an error a call makes around its argument, changed in the task\'s own catch, changes the argument (`e.row.errors.push(…)`)', () => {
  const errors = 'export interface Row { id: number; errors: string[] }\n' +
    'export class RowError extends Error { constructor(public row: Row, m: string) { super(m); } }\n' +
    'function check(row: Row) { if (row.id < 0) throw new RowError(row, "bad"); }\n';
  const body = (inCatch: string) => `let bad = 0;\nfor (const row of rows) { try { check(row); } catch (e) { if (e instanceof RowError) { ${inCatch} bad++; } else throw e; } }\nreturn bad;`;
  assert.match(directions(task('rows: Row[]', body('e.row.errors.push(e.message);'), errors)).rows, /^inout:.*push/);
  assert.match(directions(task('rows: Row[]', body('console.log(e.row.id);'), errors)).rows, /^in:/, 'a catch that only reads');
  // An error made of a string of it holds none of it (rev59's F3: a task collecting its errors stayed direct).
  const plain = 'export interface Row { id: number; qty: number }\nfunction validate(row: Row) { if (row.qty < 0) throw new Error(`row ${row.id}`); }\n';
  assert.match(directions(task('rows: Row[], errors: Error[]', 'for (const row of rows) { try { validate(row); } catch (e) { (e as any).seen = true; errors.push(e as Error); } }', plain)).rows,
    /^in:/, 'a string error');
  // Thrown by the task itself, taken apart by the catch's pattern.
  assert.match(directions(task('xs: number[]', 'try { throw { list: xs }; } catch ({ list }: any) { list.push(5); }', '')).xs, /^inout:/);
});

test('awaiting a value, or returning it from an async task, runs its `then` if it has one: of a type that names none (`object`, `unknown`, a type parameter) that is code of unknown effect on it (rev61\'s F6)', () => {
  for (const [signature, body] of [['q: object', 'return q;'], ['q: unknown', 'await q; return 1;'], ['q: object', 'const r = await q; return r;']]) {
    const found = directions(`/** @task */\nexport async function t(${signature}) {\n${body}\n}\n`).q!;
    assert.match(found, /^inout:.*awaited, which runs its `then`/, `${signature} ${body}: ${found}`);
  }
  assert.match(directions('export interface Row { n: number }\n/** @task */\nexport async function t(q: Row) {\nawait null; return q.n;\n}\n').q, /^in:/, 'a plain record, not awaited');
});

test.run();
