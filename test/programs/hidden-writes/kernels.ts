/**
 * Tasks that write a parameter only through another name for it: a container it was put in, a default, `arguments`,
 * `this`, a getter, Reflect. Each must be inferred inout, or the caller's object would keep its old contents.
 */

/** @task */
export function pushThenWrite(p: number[], l: number[][]): void { l.push(p); l[l.length - 1][0] += 1; }

/** @task */
export function unshiftThenWrite(p: number[]): void { const l: number[][] = [[0]]; l.unshift(p); l[0][0] += 2; }

/** @task */
export function spliceThenWrite(p: number[]): void { const l: number[][] = [[0]]; l.splice(1, 0, p); for (const x of l) x[0] += 3; }

function keep(list: number[][], item: number[]): void { list.push(item); }

/** @task */
export function helperPush(p: number[]): void { const l: number[][] = []; keep(l, p); l[0][0] += 4; }

/** @task */
export function wrapped(p: number[]): void { const l: { v: number[] }[] = []; l.push({ v: p }); l[0].v[0] += 5; }

/** @task */
export function elementsCopied(p: { x: number }[]): void { const l: { x: number }[] = []; for (const o of p) l.push(o); l[0].x += 6; }

/** @task */
export function throughMap(p: number[]): void { const m = new Map<string, number[]>(); m.set('k', p); m.get('k')![0] += 7; }

/** @task */
export function throughMapValues(p: number[]): void { const m = new Map([['k', p]]); for (const v of m.values()) v[0] += 8; }

/** @task */
export function reflectSet(p: { a: number }): void { Reflect.set(p, 'a', p.a + 9); }

/** @task */
export function throughArguments(p: number[]): void { (arguments[0] as number[])[0] += 10; }

/** @task */
export function throughDefault(p: number[], q: number[] = p): void { q[0] += 11; }

/** @task */
export function destructuredDefault(p: number[], o: { a?: number[] }): void { const { a = p } = o; a[0] += 12; }

/** @task */
export function assignedInto(p: { k?: number[] }, q: number[]): void { Object.assign(p, { k: q }); p.k![0] += 13; }

/** @task */
export function throughGetter(p: number[]): void { const o = { get g() { return p; } }; o.g[0] += 14; }

/** @task */
export function throughThis(p: number[]): void { p.forEach(function (this: number[]) { this[0] += 15; }, p); }

/** @task */
export function move(from: number[][], to: number[][]): void { to.push(from[0]); }

/** @task */
export function bumpLast(to: number[][]): void { to[to.length - 1][0] += 100; }

/** @task */
export function first(from: number[][]): number { return from[0][0]; }

/** @task */
export function bumpThenLink(holder: { items: number[][] }, item: number[]): void { item[0] += 1; holder.items.push(item); }

/** @task */
export function bumpAll(holder: { items: number[][] }): void { for (const it of holder.items) it[0] += 100; }

/** @task */
export function bumpOne(item: number[]): void { item[0] += 1000; }
