// A generator's body starts at its first `next()`, not where it is called (np52's F1): made before a task call, it
// reads and writes its parameters and the names it captures as they are when it starts, after the task's writes.
import { double, addTen, bumpOne, scale, type P } from './tasks';
const team: P[] = [{ name: 'a', score: 1 }, { name: 'b', score: 2 }, { name: 'c', score: 3 }];
const v = new Float64Array([1, 2, 3, 4]);

// Names it captures: a module's array of records, a typed array.
function* scores() { for (const p of team) yield p.score; }
function* cells() { let i = 0; while (i < v.length) yield v[i++]; }
const s1 = scores();
const c1 = cells();
double(team);
scale(v, 3);
console.log('spread', [...s1].join(','), 'from', Array.from(c1).join(','));

// Given to a helper that iterates it.
function sumOf(it: Iterable<number>): number { let s = 0; for (const x of it) s += x; return s; }
const s2 = scores();
addTen(team);
console.log('helper', sumOf(s2));

// Started, then a task, then the rest (after a `yield`).
const s3 = scores();
console.log('first', s3.next().value);
bumpOne(team[1]);
console.log('rest', [...s3].join(','));

// Writes through its parameter when it starts: the task's copy-back must not undo them.
function* zeroing(ps: P[]) { for (const p of ps) { p.score = 0; yield p.name; } }
const z = zeroing(team);
double(team);
for (const name of z) { if (name === 'b') break; }
console.log('after zero', JSON.stringify(team));
addTen(team);
console.log('end', JSON.stringify(team));

// A generator method of an object literal.
const holder = { *each(ps: P[]) { for (const p of ps) yield p.score * 10; } };
const h = holder.each(team);
double(team);
console.log('method', [...h].join(','));

// An async generator, started by `for await`.
async function* slowly(ps: P[]) { for (const p of ps) { await null; yield `${p.name}=${p.score}`; } }
async function main(): Promise<void> {
  const g = slowly(team);
  addTen(team);
  const seen: string[] = [];
  for await (const line of g) seen.push(line);
  console.log('async', seen.join(' '));
}
void main();

// A generator method that never yields, one reading its parameter through `arguments`, one whose parameter is optional
// (`P | undefined`), and an async function's optional parameter after an `await` (rv64).
class Report { *print(p: P) { console.log('report', p.score); } }
const printing = new Report().print(team[2]);
bumpOne(team[2]);
printing.next();
function* second(_tag: string, _p?: P) { yield (arguments[1] as P).score; }
const viaArguments = second('t', team[0]);
bumpOne(team[0]);
console.log('arguments', viaArguments.next().value);
function* optional(p?: P) { yield p ? p.score : -1; }
const maybe = optional(team[1]);
bumpOne(team[1]);
console.log('optional', maybe.next().value);
async function later(p?: P): Promise<number | undefined> { await null; return p?.score; }
const settled = later(team[1]);
bumpOne(team[1]);
void settled.then((v) => console.log('async optional', v));
