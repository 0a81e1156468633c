export class Acc { constructor(public count: number, public data: Float64Array) {} }
/** @task */
export function fill(a: Float64Array, k: number): void { a.fill(k); }
/** @task */
export function bump(s: { count: number }): void { s.count += 1; }
/** @task */
export function bumpAcc(s: Acc): void { s.count += 1; s.data[0] += 1; }
/** @task */
export function bumpArr(a: Float64Array): void { a[0] += 1; }
/** @task */
export function push(xs: number[]): void { xs.push(7); }
/** @task */
export function twice(k: number): number { return 2 * k; }
