// A helper of the program that stores its parameter into a container of the function calling it (an arrow, a
// declared function, one taking a rest parameter, one assigning a `let`): the call is a push written elsewhere, so a
// task given the container writes the objects the program then reads by their own names (np50's F2: printed the old
// values). A helper that also hands back what it stored, or one stored into by a factory, is an object reached two ways.
import { bumpAll, bumpList, count, double, type P } from './tasks';

const make = (): P[] => [{ name: 'a', score: 1 }, { name: 'b', score: 2 }];
const show = (...lists: P[][]) => lists.map((l) => l.map((p) => p.score).join(',')).join(' | ');

function arrow() {
  const all: P[][] = [];
  const keep = (x: P[]) => { all.push(x); };
  const a = make();
  keep(a);
  bumpAll(all);
  console.log('arrow', show(a));
}
function declared() {
  const all: P[][] = [];
  function keep(x: P[]) { all.push(x); }
  const a = make(), b = make();
  keep(a); keep(b);
  bumpAll(all);
  bumpList(b);
  console.log('declared', show(a, b));
}
function objects() {
  const team: P[] = [];
  const join = (p: P) => team.push(p);
  const p1 = { name: 'x', score: 5 };
  join(p1);
  double(team);
  console.log('objects', p1.score, count([team]));
}
function storedLater() {
  const all: P[][] = [];
  const keep = (x: P[]) => { all.push(x); };
  const a = make();
  bumpAll(all);
  keep(a);
  bumpAll(all);
  a[0].score = 100;
  bumpAll(all);
  console.log('stored later', show(a), show(...all));
}
function rest() {
  const team: P[] = [];
  const join = (...ps: P[]) => { team.unshift(...ps); };
  const p1 = { name: 'x', score: 5 }, p2 = { name: 'y', score: 6 };
  join(p1, p2);
  double(team);
  console.log('rest', p1.score, p2.score);
}
function assignsLet() {
  let current: P[] = [];
  const choose = (x: P[]) => { current = x; };
  const a = make();
  choose(a);
  bumpList(current);
  console.log('assigns let', show(a));
  bumpList(a);
  console.log('assigns let again', show(current));
}
function handsBack() {
  const all: P[][] = [];
  const keep = (x: P[]) => { all.push(x); return x; };
  const a = keep(make());
  bumpAll(all);
  console.log('hands back', show(a));
}
function viaMethod() {
  const bag = { items: [] as P[][], add(x: P[]) { this.items.push(x); } };
  const a = make();
  bag.add(a);
  bumpList(a);
  console.log('via method', show(...bag.items));
}

arrow(); declared(); objects(); storedLater(); rest(); assignsLet(); handsBack(); viaMethod();
