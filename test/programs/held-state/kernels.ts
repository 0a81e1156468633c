const STATE = { items: [] as string[], meta: { runs: 0 } };

/** @task */
export function add(s: string): number { STATE.items.push(s); STATE.meta.runs++; return STATE.items.length; }

/** @task */
export function snapshot(): { items: string[]; at: number } { return { items: STATE.items, at: STATE.items.length }; }

/** @task */
export function parts(): [string[], { runs: number }] { return [STATE.items, STATE.meta]; }

/** @task */
export function direct(): string[] { return STATE.items; }
