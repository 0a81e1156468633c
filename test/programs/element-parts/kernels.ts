export interface Account { id: string; balance: number; log: string[] }

/** @task */
export function scaleRows(m: number[][], f: number): void { for (const r of m) for (let i = 0; i < r.length; i++) r[i] *= f; }
/** @task */
export function total(m: number[][]): number { let s = 0; for (const r of m) for (const x of r) s += x; return s; }
/** @task */
export function addRow(rows: number[][], v: number): void { rows.push([v, v - 10]); }
/** @task */
export function sortRows(rows: number[][]): void { for (const r of rows) r.sort((a, b) => a - b); }
/** @task */
export function bumpRow(r: number[]): void { for (let i = 0; i < r.length; i++) r[i] += 1; }
/** @task */
export function appendTo(groups: Map<string, number[]>, key: string, v: number): number {
  const g = groups.get(key) ?? [];
  g.push(v);
  groups.set(key, g);
  return g.length;
}
/** @task */
export function sortAll(groups: Map<string, number[]>): void { for (const g of groups.values()) g.sort((a, b) => b - a); }
/** @task */
export function sizes(groups: Map<string, number[]>): string { return [...groups].map(([k, v]) => `${k}=${v.length}`).join(','); }
/** @task */
export function addBlock(bs: Float64Array[], n: number): void { bs.push(new Float64Array(n).fill(n)); }
/** @task */
export function scaleAll(bs: Float64Array[], f: number): void { for (const b of bs) for (let i = 0; i < b.length; i++) b[i] *= f; }
/** @task */
export function applyInterest(accts: Account[], rate: number): void {
  for (const a of accts) { a.balance = Math.round(a.balance * (1 + rate)); a.log.push(`int ${rate}`); }
}
/** @task */
export function richest(accts: readonly Account[]): string { return accts.reduce((b, a) => (a.balance > b.balance ? a : b)).id; }
export type Cell = { f: number; v?: number };
/** @task */
export function recalc(sheet: Record<string, Cell>): void { for (const k in sheet) sheet[k].v = sheet[k].f * 2; }
export interface Table { rows: { id: number }[] }
/** @task */
export function insert(t: Table, r: { id: number }): void { t.rows.push(r); }
/** @task */
export function count(t: Table): number { return t.rows.length; }
export interface Rec { id: number; tags: string[] }
/** @task */
export function addRec(rs: Rec[], id: number): void { rs.push({ id, tags: [] }); }
/** @task */
export function tagAll(rs: Rec[], t: string): void { for (const r of rs) r.tags.push(t + r.id); }
/** @task */
export function fillLoose(g: Map<string, number[] | string>): void { g.set('a', [3, 1, 2]); g.set('b', 'text'); }
/** @task */
export function sortLoose(g: Map<string, number[] | string>): void { const a = g.get('a'); if (Array.isArray(a)) a.sort(); }
/** @task */
export function addAnyRow(rows: any[], v: number): void { rows.push([v, v - 10]); }
/** @task */
export function sortAnyRows(rows: any[]): void { for (const r of rows) r.sort((a: number, b: number) => a - b); }
