export interface Row { k: string; v: number }

/** @task */
export function sortDesc(rows: Row[]): void {
  rows.sort((a, b) => b.v - a.v);
}

/** @task */
export function addTotal(rows: Row[]): void {
  rows.push({ k: 'total', v: rows.reduce((s, r) => s + r.v, 0) });
}

/** @task */
export function dropSmall(rows: Row[], min: number): void {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i].v < min) rows.splice(i, 1);
}

/** @task Ranks a sorted copy: the level keeps its objects and their order. */
export function rankCopy(rows: Row[]): void {
  [...rows].sort((a, b) => b.v - a.v).forEach((r, i) => { r.k = `${r.k}#${i}`; });
}
