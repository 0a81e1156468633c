export interface Shelf { tags: object; n: number }

/** @task */
export function setProto(s: Shelf): void { Object.setPrototypeOf(s.tags, { inherited: 1 }); s.n++; }

/** @task */
export function count(s: Shelf): number { return s.n + Object.keys(s.tags).length; }

const pointMethods = { kind: 'point', norm(this: { x: number; y: number }): number { return Math.hypot(this.x, this.y); } };

/** @task */
export function makePoint(x: number, y: number): { x: number; y: number; norm(): number } {
  const p = Object.create(pointMethods);
  p.x = x; p.y = y;
  return p;
}

/** @task */
export function makeRecord(x: number): { x: number } {
  const r = Object.create(null);
  r.x = x;
  return r;
}
