/**
 * What reading a getter or calling a method of the program does to its object (issue 15's reach, tester #16's G13):
 * a getter is judged as a method with its body is, by its uses of `this`, and a member run on the same object
 * (`this.dot(this)`, `this.len`) by the same judgement. One construct per case, each with a writing twin.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

/** The direction and reason of the first parameter of task `t` after `prelude`. */
function first(prelude: string, signature: string, body: string): { direction: string; reason: string } {
  const name = '/virtual/main.ts';
  const program = createAnalysisProgram(ts, [name], new Map([[name, `${prelude}\n/** @task */\nexport function t(${signature}) {\n${body}\n}\n`]]));
  const ctx = createContext(ts, program);
  const { tasks } = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile(name)!);
  return tasks[0].params[0];
}

const vec = (members: string) => `export class V { n = 0; items: number[] = []; constructor(public x: number, public y: number) {}\n${members}\n}`;

test('a getter that calls a function on numbers it reads only reads (`Math.hypot(this.x, this.y)`)', () => {
  assert.is(first(vec('get len(): number { return Math.hypot(this.x, this.y); }'), 'v: V', 'return v.len;').direction, 'in');
});

test('a getter that changes its object and calls a function is a write', () => {
  const r = first(vec('get len(): number { this.n++; return Math.hypot(this.x, this.y); }'), 'v: V', 'return v.len;');
  assert.is(r.direction, 'inout');
  assert.match(r.reason, /reads `len`, a getter that changes its object/);
});

test('a getter that hands a part to code not known to only read it is a write', () => {
  const prelude = 'declare function keep(xs: number[]): number;\n' + vec('get total(): number { return keep(this.items); }');
  assert.is(first(prelude, 'v: V', 'return v.total;').direction, 'inout');
});

test('a getter calling a method of its object that only reads (`Math.sqrt(this.dot(this))`) only reads', () => {
  const members = 'dot(o: V): number { return this.x * o.x + this.y * o.y; }\nget len(): number { return Math.sqrt(this.dot(this)); }';
  assert.is(first(vec(members), 'v: V', 'return v.len;').direction, 'in');
});

test('a getter calling a method of its object that changes it is a write', () => {
  const members = 'bump(): number { return ++this.n; }\nget next(): number { return this.bump(); }';
  assert.is(first(vec(members), 'v: V', 'return v.next;').direction, 'inout');
});

test('a method calling a reading method and getter of its object (`this.scale(1 / this.len)`) only reads', () => {
  const members = 'scale(k: number): V { return new V(this.x * k, this.y * k); }\nget len(): number { return Math.hypot(this.x, this.y); }\n' +
    'unit(): V { return this.scale(1 / this.len); }';
  assert.is(first(vec(members), 'v: V', 'return v.unit().x;').direction, 'in');
});

test('a method reading a getter of its object that changes it is a write (`this.next * 2`)', () => {
  const members = 'get next(): number { return ++this.n; }\ntwice(): number { return this.next * 2; }';
  assert.is(first(vec(members), 'v: V', 'return v.twice();').direction, 'inout');
});

// The program's getters are looked for only in files whose text may declare one (getters.ts): `m.get(k)` and
// `get(k)` are not, a getter after a comment ending in a full stop or on a line of its own is.
test('a changing getter is found in a file that also reads Maps, after a comment ending in a full stop', () => {
  const members = '// The next count.\nget\n  next(): number { return ++this.n; }';
  const prelude = 'const seen = new Map<string, number>();\nexport const get = (k: string) => seen.get(k);\n' + vec(members);
  assert.is(first(prelude, 'v: V', 'return v.next;').direction, 'inout');
});

test('a method calling a method of its object that hands the object out hands it out too', () => {
  const members = 'self(): V { return this; }\nagain(): V { return this.self(); }';
  assert.is(first(vec(members), 'v: V', 'v.again().n = 5;').direction, 'inout');
});

test.run();
