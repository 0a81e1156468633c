export interface Cell { v: number; tags: string[] }
/** @task */
export function bump(cells: Cell[], by: number): void { for (const c of cells) c.v += by; }
/** @task */
export function bumpOne(c: Cell, by: number): void { c.v += by; c.tags.push('b' + by); }
/** @task */
export function tagAll(cells: Cell[], t: string): void { for (const c of cells) c.tags.push(t); }
/** @task */
export function replaceFirst(cells: Cell[]): void { cells[0] = { v: -1, tags: [] }; }
