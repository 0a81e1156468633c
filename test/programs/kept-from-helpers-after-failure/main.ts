/**
 * A function of the program that runs a task which fails, and returns something else (its argument's copy, another
 * task's value): the statement that keeps what it returns, in a try, never ran in the plain program (np42's F2, F3).
 * Each such call is checked as it returns (`__taskify.checked`). Outside a try, where a failure ends the program, the
 * calls stay in parallel.
 */
import { total, validate } from './kernels';

function load(raw: number[]): number[] { const out = raw.slice(); validate(out); return out; }
function loadSame(raw: number[]): number[] { validate(raw); return raw; }
function checkedTotal(xs: number[]): number { validate(xs); return total(xs); }

const loaded: number[][] = [];
const box: { k?: number[] } = {};
const byName = new Map<string, number[]>();
let count = 0;
let last: number[] | undefined;
for (const batch of [[1, 2], [-1], [3]]) {
  try { loaded.push(load(batch)); } catch (e) { console.log('caught', (e as Error).message); }
  try { box.k = loadSame(batch); } catch { console.log('box kept', JSON.stringify(box.k)); }
  try { count += load(batch).length; } catch { console.log('count', count); }
  try { last = load(batch); } catch { console.log('last', JSON.stringify(last)); }
  try { byName.set(String(batch[0]), loadSame(batch)); } catch { console.log('names', [...byName.keys()].join(',')); }
}
console.log('loaded', JSON.stringify(loaded), count, byName.size);

const totals: (number | string)[] = [];
for (const batch of [[1, 2], [-2], [4, 5]]) {
  try { totals.push(checkedTotal(batch)); } catch { totals.push('caught'); }
}
console.log('totals', JSON.stringify(totals));

class Part {
  constructor(readonly name: string, readonly xs: number[]) {}
  safeTotal(): number { validate(this.xs); return total(this.xs); }
}
const parts = [new Part('a', [1, 2]), new Part('b', [-1]), new Part('c', [3])];
const sums: number[] = [];
for (const p of parts) {
  try { sums.push(p.safeTotal()); } catch { sums.push(-1); }
}
console.log('sums', sums.join(','));

// No try: a failure would end the program, so these calls run in parallel.
const fine: number[] = [];
for (const batch of [[1], [2], [3], [4]]) fine.push(checkedTotal(batch));
console.log('fine', fine.join(','));
