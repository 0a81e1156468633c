export const REGISTRY: string[] = [];
export const STATS = { weighed: 0 };
export const LOG: string[] = [];
/** A bound method: calling it runs `LOG.push` (np30's emitstate: the task's pushes were lost). */
export const record = LOG.push.bind(LOG);
export const SEEN = new Set<string>();
/** Bound twice, and bound through Reflect.apply: the object appears as an argument of the bind. */
export const mark = SEEN.add.bind(SEEN).bind(null);
export const note = Reflect.apply.bind(null, Array.prototype.push, LOG) as (args: string[]) => number;

export class Base {
  constructor(name: string) { REGISTRY.push(name); }
}

/** No constructor of its own: `new Square(…)` runs Base's. */
export class Square extends Base {
  side = 2;
}

export class Circle extends Base {
  constructor(readonly r: number) { super('circle ' + r); }
}

export class Item {
  shown = 0;
  walked = 0;
  constructor(readonly id: number) {}
  get weight(): number { STATS.weighed++; return this.id * 2; }
  toString(): string { this.shown++; return 'item' + this.id; }
  *[Symbol.iterator](): Generator<number> { this.walked++; yield this.id; yield -this.id; }
}
