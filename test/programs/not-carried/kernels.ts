export interface P { x: number; readonly log: number[] }

/** @task */
export function bump(p: P): number {
  p.x += 1;
  p.x += 1;
  return p.log.length;
}

/** @task */
export function area(s: { w: number; h: number; readonly area: number }): number {
  return s.area;
}

/** @task */
export function tagOf(o: { name: string }): string {
  return `${o.name}:${String((o as Record<symbol, unknown>)[Symbol.for('tag')])}`;
}

/** @task */
export function label(m: Map<string, number>): string {
  return `${(m as Map<string, number> & { label?: string }).label}/${m.size}`;
}

/** @task */
export function total(xs: Float64Array): number {
  return xs.reduce((s, x) => s + x, 0);
}

export class Rect {
  constructor(public w: number, public h: number) {
    Object.defineProperty(this, 'area', { get: () => this.w * this.h, enumerable: false });
  }
}
