export interface Cell { v: number }

/** @task */
export function visit(c: Cell): void { c.v = c.v * 2 + 1; }

/** @task */
export function report(cells: Map<string, Cell>): number { let s = 0; for (const c of cells.values()) s += c.v; return s; }

/** @task */
export function add(s: { items: string[] }, item: string): void { s.items.push(item); }
