/** @task */
export function spin(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
  return x;
}

/** @task */
export function heavy(xs: Float64Array): number {
  let s = 0;
  for (let r = 0; r < 40; r++) for (let i = 0; i < xs.length; i++) s += xs[i] * (r === 0 ? 1 : 0);
  return s;
}

/** @task */
export function light(xs: Float64Array): number { return xs.length; }

/** @task */
export function label(id: number): string { return `#${spin(20000 + id) % 97}`; }

/** @task */
export function risky(n: number): number {
  if (n < 0) throw new Error(`negative ${n}`);
  return spin(n);
}
