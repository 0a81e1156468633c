/**
 * One name escaping (into module state, by a call kept direct) takes out of the plan only the names that may hold
 * its object, not every name it was ever listed with: `for (const x of [a, e])` makes x either, not a the same as e
 * (np48's F4: one let-out call made the calls on every other array of the loop direct).
 */
import { bump, bumpAll, total, KEPT, Acc } from './tasks';

const make = (): Acc => ({ n: 0, log: [] });
function leak(x: Acc) { KEPT.push(x); }

// e escapes into module state; the calls on a stay submitted, those on e and on x (either) fenced.
function listedTogether() {
  const a = make(), e = make();
  bump(a, 1); bump(e, 2);
  leak(e);
  for (const x of [a, e]) bump(x, 10);
  bump(a, 100);
  KEPT[KEPT.length - 1].n += 1000;
  console.log('listed together', a.n, e.n, total(a), JSON.stringify(KEPT));
}

// x escapes: it may be either, so both are out.
function loopEscapes() {
  const a = make(), e = make();
  bump(a, 1); bump(e, 2);
  for (const x of [a, e]) leak(x);
  bump(a, 5);
  KEPT[KEPT.length - 1].n += 7;
  console.log('loop escapes', a.n, e.n, KEPT.map((k) => k.n).join(','));
}

// A second name of e escapes; a shares only the loop variable with it.
function secondName() {
  const a = make(), e = make();
  const y = e;
  bump(e, 4);
  leak(y);
  for (const x of [a, y]) bump(x, 1);
  KEPT[KEPT.length - 1].log.push(99);
  console.log('second name', a.n, e.n, total(e), total(a));
}

// Rotating names: the escape of one reaches the others; it comes after the loop, the last call on them: late.
function rotating() {
  let cur = make(), next = make();
  const other = make();
  for (let i = 0; i < 3; i++) { bump(cur, i); bump(other, i); const t = cur; cur = next; next = t; }
  leak(next);
  KEPT[KEPT.length - 1].n = -1;
  console.log('rotating', cur.n, next.n, other.n);
}

// A task call that is kept direct and lets its argument out, among others listed with it.
function directAmongOthers() {
  const p = make(), q = make(), r = make();
  bump(p, 1); bump(q, 2);
  leak(r);
  bump(r, 3);
  for (const s of [p, q, r]) console.log('among others', s.n, s.log.join('+'));
}

// A store into a second name is a store into what it may be: e's escape reaches list through y (and p, q through
// `into`), so their calls are fenced (rev62's F1: they stayed submitted, and the write after the escape was lost).
function storedThroughSecondName() {
  const list: Acc[] = [];
  const y = list;
  const e = make();
  y.push(e);
  bumpAll(list, 5);
  leak(e);
  bumpAll(list, 7);
  KEPT[KEPT.length - 1].n += 100;
  bumpAll(list, 1);
  console.log('stored through a second name', list[0].n);
}
function storedThroughChoice(c: boolean) {
  const p: Acc[] = [], q: Acc[] = [];
  const e = make();
  const into = c ? p : q;
  into.push(e);
  bumpAll(p, 1); bumpAll(q, 1);
  leak(e);
  KEPT[KEPT.length - 1].n += 50;
  bumpAll(p, 2); bumpAll(q, 2);
  console.log('stored through a choice', c, e.n);
}

listedTogether(); loopEscapes(); secondName(); rotating(); directAmongOthers();
storedThroughSecondName(); storedThroughChoice(true); storedThroughChoice(false);
