// A level of a container handed whole to a reading task (`count(rows, c)`) is data of its own: the program's
// changes of which objects it holds (`rows.push(r)`, `rows[1] = r`, `grid[1].push(r)`) and of the objects in it are marked
// where they are made, so an unchanged level is not encoded or hashed again at every call (tester #25's r05).
export interface Row { id: number; city: string; tags: number[] }
/** @task */
export function count(rows: Row[], city: string): string {
  let n = 0, t = 0; for (const r of rows) { if (r.city === city) n++; t += r.tags.length; }
  return `${city}:${n}/${rows.length}/${t}`;
}
/** @task */
export function countGrid(grid: Row[][], city: string): number {
  let n = 0; for (const row of grid) for (const r of row) if (r.city === city) n++;
  return n;
}
const rows: Row[] = [];
for (let id = 0; id < 30; id++) rows.push({ id, city: ['Lyon', 'Oslo'][id % 2], tags: [] });
const out: string[] = [];
for (const c of ['Lyon', 'Oslo']) out.push(count(rows, c));
rows.push({ id: 99, city: 'Lyon', tags: [1] });          // structure changes between calls
out.push(count(rows, 'Lyon'));
rows[0].city = 'Oslo';                                     // a record changes
out.push(count(rows, 'Lyon'));
rows[1] = { id: 100, city: 'Lyon', tags: [2, 3] };        // a slot gets another record
out.push(count(rows, 'Lyon'));
rows[2].tags.push(7);                                      // a record's own array grows
out.push(count(rows, 'Oslo'));
rows.unshift({ id: 101, city: 'Kyiv', tags: [] });
out.push(count(rows, 'Kyiv'));
console.log(out.join(' '));
const grid: Row[][] = [[], []];
for (let i = 0; i < 6; i++) grid[i % 2].push({ id: i, city: i < 3 ? 'Lyon' : 'Oslo', tags: [] });
const g: number[] = [];
g.push(countGrid(grid, 'Lyon'));
grid[1].push({ id: 7, city: 'Lyon', tags: [] });
g.push(countGrid(grid, 'Lyon'));
grid[0][0] = { id: 8, city: 'Oslo', tags: [] };
g.push(countGrid(grid, 'Lyon'));
grid[1][0].city = 'Lyon';
g.push(countGrid(grid, 'Lyon'));
console.log(g.join(' '));
