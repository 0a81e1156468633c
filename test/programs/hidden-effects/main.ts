/**
 * Effects a task has with no call written in it: a base constructor `super(…)` runs (or the implicit one), a getter a
 * property read runs, the toString a `join` runs, the iterator a spread runs. Each reaches the plain program's state:
 * module state travels with the calls, arguments the hidden code writes are inout (tester #29's F2, F4: lost before).
 */
import { Circle, Item, LOG, REGISTRY, SEEN, STATS, Square, mark, note, record } from './shapes';

/** @task */
export function makeCircles(rs: number[]): number { return rs.map((r) => new Circle(r)).length; }

/** @task */
export function makeSquares(n: number): number { let sides = 0; for (let i = 0; i < n; i++) sides += new Square('square ' + i).side; return sides; }

/** @task */
export function totalWeight(items: Item[]): number { return items.reduce((s, i) => s + i.weight, 0); }

/** @task */
export function names(items: Item[]): string { return items.join(','); }

/** @task */
export function flatten(items: Item[]): number[] { const out: number[] = []; for (const i of items) out.push(...i); return out; }

/** @task */
export function logged(name: string): number { record(name); mark(name.toUpperCase()); note([name + '!']); return name.length; }

const items = [new Item(1), new Item(2), new Item(3)];
console.log(makeCircles([1, 2]), makeSquares(2), totalWeight(items), names(items), flatten(items).join(' '));
console.log(REGISTRY.join(', '), '|', STATS.weighed);
console.log(['ab', 'c'].map((n) => logged(n)).join(','), LOG.join('|'), [...SEEN].join('|'));
console.log(items.map((i) => `${i.id}:${i.shown}:${i.walked}`).join(' '));
