export interface Item { sku: string; qty: number }

/** @task */
export function score(xs: number[]): number { return xs.length * 10; }

/** @task */
export function first(items: Item[]): Item { return items[0]; }

/** @task */
export function restock(items: Item[], by: number): void { for (const item of items) item.qty += by; }
