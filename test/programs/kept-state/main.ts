import { bump, checked, draw, hasDigit, intern, record, render, rotate, setMode, square, ticket } from './state';
import { logged, loggedSum, mark, note, notes, raiseAll, visit } from './aliases';

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
