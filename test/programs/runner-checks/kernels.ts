/** @task */
export function half(n: number): number { if (n < 0) throw new RangeError(`negative ${n}`); return n / 2; }
/** @task */
export function fill(xs: Float64Array, v: number): void { if (v < 0) throw new RangeError(`fill ${v}`); xs.fill(v); }
