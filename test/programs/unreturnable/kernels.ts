/**
 * Tasks whose declared results cannot come back from a worker (a function, a symbol, a record holding a function, an
 * instance of a class the module keeps private: a class expression, which the plugin does not share as it shares a
 * task module's top-level classes): their calls run in place, as plain. An exported class's instance, methods and
 * all, does come back from a worker.
 */
export class Point {
  constructor(public x: number) {}
  norm(): number { return Math.abs(this.x); }
}
const Hidden = class Hidden {
  constructor(public x: number) {}
  twice(): number { return this.x * 2; }
};

/** @task */
export function makeFn(n: number): () => number {
  return () => n;
}

/** @task */
export function makeSym(n: number): symbol {
  return Symbol.for(`s${n}`);
}

/** @task */
export function makeRec(n: number): { f: (x: number) => number; v: number } {
  return { f: (x) => x + n, v: n };
}

/** @task */
export async function later(n: number): Promise<{ h: InstanceType<typeof Hidden> }> {
  return { h: new Hidden(n) };
}

/** @task */
export function makePoint(n: number): Point {
  return new Point(n);
}

/** A subclass of Map, which a worker cannot send back as one (np56's F1, handed to `map`). */
export class Tally extends Map<string, number> {}

/** @task */
export function tally(s: string): Tally {
  const t = new Tally();
  for (const ch of s) t.set(ch, (t.get(ch) ?? 0) + 1);
  return t;
}
