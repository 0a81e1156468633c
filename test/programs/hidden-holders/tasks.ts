/** @task */
export function pushTo(rows: number[][], w: number): number { for (const g of rows) g.push(w); return rows.length; }
