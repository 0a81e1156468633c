export interface Cell { v: number }
/** @task */
export function bump(cells: Cell[], by: number): void { for (const c of cells) c.v += by; }
/** @task */
export function swapFirst(cells: Cell[]): void { const t = cells[0]; cells[0] = cells[1]; cells[1] = t; }
/** @task */
export function scale(xs: Float64Array, k: number): void { for (let i = 0; i < xs.length; i++) xs[i] *= k; }
/** @task */
export function total(cells: Cell[]): number { return cells.reduce((s, c) => s + c.v, 0); }
