/** @task */
export function firstHalf(v: Float64Array): Float64Array { return v.subarray(0, v.length / 2); }

/** @task */
export function tail(v: Float64Array): Float64Array { return new Float64Array(v.buffer, v.byteOffset + 8, 2); }

/** @task */
export function headOf(v: Int32Array, n: number): { head: Int32Array; n: number } { return { head: v.subarray(0, 1), n }; }

/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

/** @task */
export function total(v: Float64Array): number { return v.reduce((a, b) => a + b, 0); }

/** @task */
export function whole(v: Float64Array): string { return `${v.byteOffset} ${v.buffer.byteLength} ${new Float64Array(v.buffer).join(',')}`; }
