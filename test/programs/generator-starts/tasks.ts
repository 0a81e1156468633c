export interface P { name: string; score: number }
function spin(n: number) { let x = 0; for (let k = 0; k < n; k++) x += Math.sqrt(k); return x; }
/** @task */
export function double(team: P[]): void { spin(2e6); for (const p of team) p.score *= 2; }
/** @task */
export function addTen(team: P[]): void { spin(1e6); for (const p of team) p.score += 10; }
/** @task */
export function bumpOne(p: P): void { spin(1e6); p.score += 100; }
/** @task */
export function scale(v: Float64Array, k: number): void { spin(1e6); for (let i = 0; i < v.length; i++) v[i] *= k; }
