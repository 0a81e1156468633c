export interface Acc { balance: number }

/** @task */
export function bump(acc: Acc): void { acc.balance += 1; }

/** @task */
export function total(accs: Acc[]): number { return accs.reduce((s, a) => s + a.balance, 0); }

/** @task */
export function inc(row: number[]): void { row[0]++; }

/** @task */
export function sum(g: number[][]): number { return g[0][0] + g[1][0]; }
