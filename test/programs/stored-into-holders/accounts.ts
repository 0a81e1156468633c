export interface Acc { balance: number }
/** @task */
export function bumpAll(reg: Record<string, Acc[]>): void { for (const k of Object.keys(reg)) for (const a of reg[k]) a.balance += 10; }
/** @task */
export function bumpList(list: Acc[][]): void { for (const l of list) for (const a of l) a.balance += 1; }
/** @task */
export function bumpOne(a: Acc): void { a.balance += 100; }
/** @task */
export function total(list: Acc[][]): number { let t = 0; for (const l of list) for (const a of l) t += a.balance; return t; }
