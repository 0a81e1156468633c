export const SEEN = Symbol('seen');
export type Tagged<T> = T & { version?: number };
export interface Rec { id: number; first?: string; last?: string; full?: string; note?: string }

function markOne(r: Rec): void {
  (r as unknown as Record<symbol, boolean>)[SEEN] = true;
}

/** @task */
export function markAll(rs: Rec[]): number {
  for (const r of rs) markOne(r);
  return rs.length;
}

/** @task */
export function reflectMark(r: Rec): void {
  Reflect.set(r, SEEN, 'reflected');
}

/** @task */
export function addFull(r: Rec): void {
  Object.defineProperty(r, 'full', { get() { return `${this.first} ${this.last}`; }, enumerable: true, configurable: true });
}

/** @task */
export function lockId(r: Rec): void {
  Object.defineProperty(r, 'id', { writable: false });
}

/** @task */
export function tagMap(m: Tagged<Map<string, number>>): void {
  m.set('x', 1);
  m.version = 2;
}

/** @task */
export function tagTyped(a: Tagged<Float64Array>): void {
  a[0] = 5;
  a.version = 3;
}

/** @task */
export function tagAssigned(m: Tagged<Map<string, number>>): void {
  m.set('y', 2);
  Object.assign(m, { version: 7 });
}

/** @task */
export function hideNote(r: Rec): void {
  Object.defineProperty(r, 'note', { value: 'hidden', enumerable: false, writable: true, configurable: true });
}

/** @task */
export function rename(r: Rec, first: string): void {
  r.first = first;
}

/** @task A getter on a scratch object the task makes and keeps: nothing of it comes back. */
export function doubled(r: Rec): number {
  const scratch = {} as { n: number };
  Object.defineProperty(scratch, 'n', { get: () => r.id * 2 });
  return scratch.n + 1;
}
