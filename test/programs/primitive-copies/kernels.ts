export interface Cell { id: number; value: number; tags: string[] }

/** @task */
export function grow(cells: Cell[], by: number): void { for (const c of cells) { c.value += by * (c.id + 1); c.tags.push('g' + by); } }

/** @task */
export function total(cells: readonly Cell[]): number { return cells.reduce((s, c) => s + c.value, 0); }
