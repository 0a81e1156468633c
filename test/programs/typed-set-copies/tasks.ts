/** @task */
export function addOne(a: Float64Array): void { for (let i = 0; i < a.length; i++) a[i] += 1; }
/** @task */
export function addOneBytes(a: Uint8Array): void { for (let i = 0; i < a.length; i++) a[i] += 1; }
/** @task */
export function addOneList(a: number[]): void { for (let i = 0; i < a.length; i++) a[i] += 1; }
