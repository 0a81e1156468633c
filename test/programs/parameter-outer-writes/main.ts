// A parameter may be an object the plan follows under another name (the caller chooses): a function that runs a task
// writing that object, then reads the parameter, must see the task's write (`g(q)` of `function g(x) { bumpOne(q);
// return x.score }` printed the score from before it). Also through `arguments`, a helper that submits the task,
// and a function nested where the object is declared. A parameter only handed to a task needs no wait.
import { bumpOne, double, addTen, total, type P } from './tasks';
import { apply } from './helpers';

const q: P = { name: 'q', score: 5 };
function direct(x: P) { bumpOne(q); return x.score; }
console.log('direct', direct(q));

const ps: P[] = [{ name: 'a', score: 1 }, { name: 'b', score: 2 }];
function part(x: P) { bumpOne(ps[0]); return x.score; }
console.log('part', part(ps[0]));
function holder(t: P[]) { double(ps); let s = 0; for (const p of t) s += p.score; return s; }
console.log('holder', holder(ps));

function viaArguments(_x: P) { bumpOne(q); return (arguments[0] as P).score; }
console.log('arguments', viaArguments(q));
function argumentsWhole(..._rest: P[][]) { double(ps); return JSON.stringify(arguments); }
console.log('arguments whole', argumentsWhole(ps));

function bumpQ() { bumpOne(q); }
function throughHelper(x: P) { bumpQ(); return x.score; }
console.log('helper', throughHelper(q));

function outer(): void {
  const o: P = { name: 'o', score: 7 };
  function inner(x: P) { bumpOne(o); return x.score; }
  console.log('nested', inner(o));
  const team: P[] = [{ name: 't', score: 1 }];
  const first = (t: P[]) => { addTen(team); return t[0].score; };
  console.log('nested arrow', first(team));
}
outer();

// Only handed to a task: the task gets the object after the write before it, and both calls run in workers.
const team2: P[] = [{ name: 'x', score: 3 }, { name: 'y', score: 4 }];
function handed(t: P[]) { double(team2); return total(t); }
console.log('handed', handed(team2));
// A parameter that cannot be the written object: `labels` holds strings.
const grid: P[] = [{ name: 'g', score: 1 }];
function labelled(labels: string[]) { addTen(grid); return labels.join('/'); }
console.log('labels', labelled(['u', 'v']), JSON.stringify(grid));
// A task run through a function value (`hook()`): any of the program's functions handed around that runs tasks (rv64).
let hook: () => void = () => {};
function throughHook(x: P) { hook(); return x.score; }
hook = () => bumpOne(q);
console.log('hook', throughHook(q));
// Read only before the call, destructured into numbers, or given only objects made at each call: in workers (rv64).
const t0: P[] = [{ name: 'm', score: 1 }];
function readBefore(x: P) { const s = x.score; double(t0); return s + t0[0].score; }
console.log('read before', readBefore(q));
function numbersOnly({ score }: P) { double(t0); return score + t0[0].score; }
console.log('numbers only', numbersOnly(q));
function freshOnly(x: P) { double(t0); return x.score + t0[0].score; }
console.log('fresh only', freshOnly({ name: 'z', score: 0 }), freshOnly({ name: 'y', score: 1 }));
// The task call in a function declared after the read, hoisted and called before it (second read of the diff).
function hoisted(x: P) { later(); return x.score; function later() { bumpOne(q); } }
console.log('hoisted', hoisted(q));
// A function of another file, handed the object and a function submitting a task that writes it (rv64).
const r: P = { name: 'r', score: 1 };
const bumpR = (): void => { bumpOne(r); };
console.log('other file', apply(r, bumpR));
console.log('end', JSON.stringify({ q, ps, team2, t0, r }));
