import { bump, checked, draw, hasDigit, intern, record, render, rotate, setMode, square, ticket } from './state';
import { logged, loggedSum, mark, note, notes, raiseAll, visit } from './aliases';
import { ROUND_LOG, SEEN, SETTING, raise, seen, shout, stamped, stats, step, tick } from './shared';

const labels = ['a', 'b', 'c', 'd', 'e'];
console.log('tickets', labels.map((l) => ticket(l)).join(' '));
console.log('draws', [0, 1, 2, 3, 4].map(() => draw()).join(' '));
console.log('ids', ['x', 'y', 'x', 'z', 'y'].map((n) => intern(n)).join(' '));
const before = render('a');
setMode('upper');
const after = ['b', 'c'].map((s) => render(s));
setMode('plain');
console.log('render', before, after.join(''), render('d'));
console.log('ring', [1, 2, 3, 4, 5].map((v) => rotate(v)).join(' '));
console.log('tally', ['k', 'k', 'j', 'k'].map((k) => bump(k)).join(' '));
console.log('digits', ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((s) => hasDigit(s)).join(' '));
console.log('squares', [3, 4, 3, 5].map((x) => square(x)).join(' '));
const counts: string[] = [];
for (const x of [1, -1, 2]) {
  try { counts.push(String(checked(x))); } catch (e) { counts.push((e as Error).message); }
}
console.log('checked', counts.join(' '), ticket('z'));
console.log('records', JSON.stringify(['p', 'q'].map((n) => record(n))));

// Changed under other names (aliases.ts).
console.log('logged', [1, 2, 3, 4].map((x) => logged(x)).join(','), loggedSum());
for (let i = 0; i < 4; i++) console.log('note', note(i));
console.log('notes', notes());
console.log('raised', [1, 2, 3].map((b) => raiseAll(b)).join(' '));
console.log('visits', ['x', 'y', 'x', 'z'].map((k) => visit(k)).join(' '));
console.log('marks', mark(0, 0), mark(1, 1), mark(0, 0));

// Used by the program too (shared.ts).
console.log('shout', ['alpha', 'be', 'gamma'].map((s) => shout(s)).join(' '), `${stats.processed} items, ${stats.bytes} bytes`, stats);
for (let round = 1; round <= 2; round++) {
  ROUND_LOG.list.length = 0;
  const r = [0, 1, 2].map((i) => step(round, i));
  console.log('round', round, r.join(','), ROUND_LOG.list.join(' '), ROUND_LOG.list.length);
}
SETTING.n = 5;
const raisedA = raise(1);
SETTING.n = 100;
console.log('raise', raisedA, raise(2), raise(3), SETTING.n);
console.log('seen', 'a b a c b a'.split(' ').map((w) => seen(w)).join(' '));
for (const [w, n] of SEEN) console.log('seen', w, n);
console.log('seen', [...SEEN.keys()].join(','), JSON.stringify(Object.fromEntries(SEEN)));
const stampedAll = [1, 2, 3].map((x) => stamped(x));
console.log('stamped', tick(), stampedAll.join(' '), stamped(9), tick());
