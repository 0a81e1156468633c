export interface P { name: string; score: number }

/** @task */
export function bumpAll(lists: P[][]): void { for (const list of lists) for (const p of list) p.score += 10; }

/** @task */
export function double(team: P[]): void { for (const p of team) p.score *= 2; }

/** @task */
export function bumpWrapped(all: { p: P }[]): void { for (const w of all) w.p.score += 1000; }
