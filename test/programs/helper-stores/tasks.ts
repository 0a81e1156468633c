export interface P { name: string; score: number }

/** @task */
export function bumpAll(lists: P[][]): void { for (const list of lists) for (const p of list) p.score += 10; }

/** @task */
export function bumpList(list: P[]): void { for (const p of list) p.score += 1; }

/** @task */
export function double(team: P[]): void { for (const p of team) p.score *= 2; }

/** @task */
export function count(lists: P[][]): number { return lists.length; }
