/** @task */
export function prepare(n: number): Float64Array {
  if (n === 13) throw new RangeError(`cannot prepare ${n}`);
  const a = new Float64Array(2000);
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(i * n);
  return a;
}

/** @task */
export function norm(a: Float64Array): number { let s = 0; for (const x of a) s += x * x; return Math.sqrt(s); }

/** @task */
export function scaled(a: Float64Array, k: number): Float64Array { return a.map((x) => x * k); }
