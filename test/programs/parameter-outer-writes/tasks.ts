export interface P { name: string; score: number }
function spin(n: number) { let x = 0; for (let k = 0; k < n; k++) x += Math.sqrt(k); return x; }
/** @task */
export function double(team: P[]): void { spin(3e6); for (const p of team) p.score *= 2; }
/** @task */
export function addTen(team: P[]): void { for (const p of team) p.score += 10; }
/** @task */
export function total(team: P[]): number { let s = 0; for (const p of team) s += p.score; return s; }
/** @task */
export function bumpOne(p: P): void { p.score += 100; }
/** @task */
export function scoreOf(p: P): number { return p.score; }
/** @task */
export function bumpRec(r: { lead: P; rest: P[] }): void { r.lead.score += 1000; for (const p of r.rest) p.score += 1; }
