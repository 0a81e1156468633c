export interface Item { v: number }

/** @task */
export function sum(xs: readonly Item[]): number { let s = 0; for (const x of xs) s += x.v; return s; }

/** @task */
export function double(xs: Item[]): void { for (const x of xs) x.v *= 2; }

/** @task */
export function doubleAll(m: Map<string, Item>, s: Set<Item>, grid: Item[][]): void {
  for (const x of m.values()) x.v *= 2;
  for (const x of s) x.v *= 2;
  for (const row of grid) for (const x of row) x.v *= 2;
}

export interface Particle { x: number; v: number }

/** @task Kinetic energy of the particles. */
export function kinetic(ps: readonly Particle[]): number { return ps.reduce((e, p) => e + p.v * p.v / 2, 0); }

/** @task Particles closer than `d` bounce: their speeds swap. */
export function collide(ps: Particle[], d: number): number {
  let hits = 0;
  for (let i = 0; i + 1 < ps.length; i++) {
    if (Math.abs(ps[i + 1].x - ps[i].x) < d) { const v = ps[i].v; ps[i].v = ps[i + 1].v; ps[i + 1].v = v; hits++; }
  }
  return hits;
}
