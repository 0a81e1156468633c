export interface Acct { id: string; hist: number[] }

/** @task */
export function deposit(a: Acct, amt: number): number {
  a.hist.push(amt);
  return a.hist.reduce((x, y) => x + y, 0);
}
