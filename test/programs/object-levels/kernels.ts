export interface P { x: number; v: number; tag?: string }
/** @task */
export function step(ps: P[], dt: number): void { for (const p of ps) p.x += p.v * dt; }
/** @task */
export function move(p: P, dx: number): void { p.x += dx; }
/** @task */
export function grow(ps: P[], n: number): void { for (let i = 0; i < n; i++) ps.push({ x: i, v: 1 }); }
/** @task */
export function replaceFirst(ps: P[]): void { ps[0] = { x: -1, v: -1, tag: 'new' }; }
/** @task */
export function prune(ps: P[]): void { ps.splice(0, 1); for (const p of ps) p.tag = 'kept'; }
/** @task */
export function total(ps: P[]): number { let s = 0; for (const p of ps) s += p.x; return s; }
/** @task */
export function deep(gs: P[][]): void { for (const g of gs) for (const p of g) p.v *= 2; }
