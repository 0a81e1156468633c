// Tasks writing objects the program takes apart into numbers and strings.
export interface Acc { n: number; list: number[] }
/** @task */
export function bump(acc: Acc): void { acc.list.push(acc.list.length); acc.n += 1; }
/** @task */
export function addKey(o: Record<string, number>, k: string): void { o[k] = Object.keys(o).length; }
/** @task */
export function drop(o: Record<string, number>, k: string): void { delete o[k]; }
export interface Box { items: { v: number }[] }
/** @task */
export function inc(b: Box): void { for (const it of b.items) it.v++; }
