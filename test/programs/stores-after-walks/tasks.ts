/** @task */ export function pushTo(rows: number[][], w: number): number { for (const g of rows) g.push(w); return rows.length; }
/** @task */ export function push1(r: number[], w: number): number { r.push(w); return r.length; }
