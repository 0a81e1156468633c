export interface Row { name: string; score: number; seen?: boolean }

/** @task */
export function rescore(rows: Row[], by: number): number {
  for (const r of rows) { r.score = r.score * by + r.name.length; r.seen = true; }
  return rows.length;
}

/** @task */
export function best(rows: readonly Row[]): string { return rows.reduce((a, b) => (b.score > a.score ? b : a)).name; }

export class BadRow extends Error { constructor(public row: Row) { super('bad row ' + row.name); } }

/** @task */
export function check(rows: Row[]): number {
  for (const r of rows) { if (r.score < 0) throw new BadRow(r); r.seen = true; }
  return rows.length;
}
