function spin(n: number): number { let x = 0; for (let k = 0; k < n; k++) x += Math.sqrt(k); return x; }
/** @task */
export function setV(o: { v: number }, v: number): void { spin(1e6); o.v = v; }
/** @task */
export function fill(a: number[], v: number): void { spin(1e6); a.fill(v); }
