// An array method's callback is given the array itself (forEach/map/filter/some/find's third parameter, reduce's
// fourth) and writes it there, after a task read the array: the next task must read the new contents (tester
// np33's mapself-min: `a.forEach((v, i, self) => { self[i] = v * 10 })` was taken as a read).

/** @task */
export function total(xs: ArrayLike<number>): number { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i]!; return s; }

function negateAt(v: number, i: number, all: number[]): void { all[i] = -v; }

const a = [1, 2]; const ta = total(a);
a.map((v, i, self) => { self[i] = v * 10; return v; });
const b = new Float64Array([3, 4]); const tb = total(b);
b.forEach((v, i, arr) => { arr[i] = v + 100; });
const c = [5, 6]; const tc = total(c);
c.reduceRight((acc, v, i, arr) => { arr[i] = acc; return acc + v; }, 1000);
const d = [7, 8]; const td = total(d);
d.forEach(negateAt);
const e = [9, 10]; const te = total(e);
e.filter(function (this: unknown, v: number) { (arguments[2] as number[])[0] = 0; return v > 0; });
const f = [11, 12]; const tf = total(f);
f.find((v, i, arr) => arr.push(v) > 10);
// Twins: callbacks that do not take the array leave it alone, and the tasks read it as it was.
const g = [13, 14]; const tg = total(g);
g.forEach((v, i) => console.log('visit', v, i));

console.log(ta, total(a), tb, total(b), tc, total(c), td, total(d), te, total(e), tf, total(f), tg, total(g));
console.log(a, Array.from(b), c, d, e, f, g);
