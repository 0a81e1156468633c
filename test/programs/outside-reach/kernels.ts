// Tasks and classes for tester #16's "kept sequential" shapes (G13 getters, G6 destructured callbacks), each next
// to a twin that really writes, which must stay chained or direct.
export class Vec {
  reads = 0;
  constructor(public x: number, public y: number) {}
  dot(o: Vec): number { return this.x * o.x + this.y * o.y; }
  get len(): number { return Math.sqrt(this.dot(this)); }
  get counted(): number { this.reads++; return Math.hypot(this.x, this.y); }
  unit(): Vec { return this.scale(1 / this.len); }
  scale(k: number): Vec { return new Vec(this.x * k, this.y * k); }
}

/** @task */
export function scaledLength(v: Vec, k: number): number { return v.unit().x * v.len * k; }

/** @task */
export function countedLength(v: Vec, k: number): number { return v.counted * k; }

/** @task */
export function sq(n: number): number { let s = 0; for (let i = 0; i < 1000; i++) s += n; return s / 1000 * n; }

export class Probe { constructor(private n: number) {} get v(): number { console.log('get v', this.n); return this.n; } }

export type Rec = { n: number };
/** @task */
export function swapEnds(xs: Rec[]): void { [xs[0], xs[xs.length - 1]] = [xs[xs.length - 1], xs[0]]; }
/** @task */
export function bumpAll(xs: Rec[]): void { for (const r of xs) r.n += 10; }

export class Link { next: Link | null = null; constructor(public v: string) {} }
export class Chain {
  head: Link | null = null;
  add(v: string): this { const n = new Link(v); n.next = this.head; this.head = n; return this; }
  values(): string[] { const out: string[] = []; for (let n = this.head; n; n = n.next) out.push(n.v); return out; }
  upper(): void { for (let n = this.head; n; n = n.next) n.v = n.v.toUpperCase(); }
}
/** @task */
export function listed(c: Chain): string { return c.values().join('>'); }
/** @task */
export function shout(c: Chain): number { c.upper(); return c.values().length; }

/** @task */
export function scaleBy(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
