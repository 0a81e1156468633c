export interface Item { n: number }
export interface Holder { x?: Item; items: Item[] }

export class Kitten { constructor(public name: string, public lives = 9) {} }

/** @task */
export function add(list: Item[], n: number): Item {
  const o = { n };
  list.push(o);
  return o;
}

/** @task */
export function link(a: Holder, b: Holder, n: number): void {
  const s = { n };
  a.x = s;
  b.x = s;
}

/** @task */
export function adopt(zoo: Kitten[], name: string): Kitten {
  const k = new Kitten(name);
  zoo.push(k);
  return k;
}

/** @task */
export function bumpAll(list: Item[]): number {
  for (const o of list) o.n += 1;
  return list.length;
}

/** @task */
export function pair(holder: Holder, n: number): Item[] {
  const a = { n }, b = { n: n + 1 };
  holder.items.push(a, b);
  return [b, a];
}

const POOL: { id: number; uses: number }[] = [];

/** @task */
export function create(id: number): { id: number; uses: number } {
  const o = { id, uses: 0 };
  POOL.push(o);
  return o;
}

/** @task */
export function useAll(): number {
  for (const o of POOL) o.uses++;
  return POOL.length;
}
