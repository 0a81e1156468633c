export interface Acc { n: number; log: number[] }

/** Where the program keeps objects out of the plan's sight. */
export const KEPT: Acc[] = [];

/** @task */
export function bump(a: Acc, by: number): number { a.n += by; a.log.push(by); return a.n; }

/** @task */
export function total(a: Acc): number { return a.log.reduce((s, v) => s + v, 0); }

/** @task */
export function bumpAll(list: Acc[], by: number): number { for (const a of list) { a.n += by; a.log.push(by); } return list.length; }
