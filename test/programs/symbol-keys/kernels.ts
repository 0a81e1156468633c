export const TAG = Symbol('tag');
export const SEEN = Symbol('seen');

export class Box {
  [TAG] = 'boxed';
  constructor(public v: number) {}
}

/** A method under a symbol lives on the class and travels with it. */
export class Pair {
  constructor(public a: number, public b: number) {}
  *[Symbol.iterator](): Generator<number> { yield this.a; yield this.b; }
}

export interface Marked { v: number; [SEEN]?: boolean }

/** @task */
export function makeBox(v: number): Box { return new Box(v); }

/** @task */
export function mark(o: Marked): void { o.v++; o[SEEN] = true; }

/** @task */
export function total(o: Marked): number { return o.v * 10; }

/** @task */
export function swap(p: Pair): Pair { return new Pair(p.b, p.a); }
