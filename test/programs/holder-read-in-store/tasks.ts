function spin(n: number) { let x = 0; for (let k = 0; k < n; k++) x += Math.sqrt(k); return x; }
export interface V { v: number; hist: number[] }
/** @task */
export function setV(o: V, v: number): void { spin(1e6); o.v = v; o.hist.push(v); }
/** @task */
export function scale(xs: number[], f: number): void { spin(1e6); for (let i = 0; i < xs.length; i++) xs[i] *= f; }
