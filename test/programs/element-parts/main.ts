// Parts of an array or Map passed whole to tasks, taken out by name: `const row = m[0]`, `for (const r of m)`,
// `const [a0] = blocks`, `groups.get('a')`. Each name is one more name of the whole (aliases.ts): its uses wait for
// the tasks writing the whole, so the calls run in workers (they stayed direct: "a part of it is taken out as an
// object", "its elements are iterated as objects", "`.get` may hand out a part of it"). A part a task made (a new
// array of numbers, which comes home with no number in any snapshot) keeps its identity: the next call snapshots the
// whole afresh, and a later task's write reaches the program's name for it.
import { addAnyRow, addBlock, addRec, addRow, fillLoose, sortAnyRows, sortLoose, appendTo, applyInterest, bumpRow, count, insert, recalc, richest, scaleAll, scaleRows, sizes, sortAll, sortRows, tagAll, total, type Account, type Cell, type Table } from './kernels';

function rows(): void {
  const a = [[1, 2], [3, 4]];
  const b = [[5, 6], [7, 8]];
  scaleRows(a, 2);
  scaleRows(b, 3);
  const first = a[0];
  console.log('first', first[1], total(b));
  for (const r of b) console.log('row of b', r.join(' '));
  first[0] = 100; // the program writes through the part: the next task reads it
  scaleRows(a, 10);
  console.log('after', first, a[1], total(a));
  bumpRow(first); // the part handed to a task of its own
  console.log('bumped', a, first === a[0]);
  if (first) console.log('still', first.length);
}

function madeByTasks(): void {
  const rs: number[][] = [];
  addRow(rs, 5);
  addRow(rs, 7);
  const r0 = rs[0];
  console.log('made', r0.length);
  sortRows(rs);
  console.log('sorted in place', r0, rs[0] === r0);
  const blocks: Float64Array[] = [];
  addBlock(blocks, 2);
  addBlock(blocks, 3);
  const [b0] = blocks;
  const b1 = blocks[1];
  scaleAll(blocks, 10);
  console.log('blocks', b0, b1, blocks[1] === b1);
  for (const x of blocks) x[0] = -1;
  scaleAll(blocks, 2);
  console.log('blocks again', blocks, b1);
}

function mapValues(): void {
  const groups = new Map<string, number[]>();
  ['a', 'b', 'a', 'c', 'a'].forEach((k, i) => appendTo(groups, k, i * 3));
  const as = groups.get('a')!;
  console.log('a', as.length, sizes(groups));
  sortAll(groups);
  console.log('sorted', as, groups.get('a') === as);
  as.push(100);
  sortAll(groups);
  console.log('again', as.join(' '), sizes(groups));
  const bs = groups.get('b');
  if (bs) bs.length = 0;
  for (const [k, v] of groups) console.log('entry', k, v);
  console.log('sizes', sizes(groups));
}

function accounts(): void {
  const accts: Account[] = [
    { id: 'x', balance: 100, log: [] }, { id: 'y', balance: 250, log: [] }, { id: 'z', balance: 80, log: ['open'] },
  ];
  applyInterest(accts, 0.1);
  for (const a of accts) console.log('account', a.id, a.balance, a.log.length);
  const top = accts[1];
  top.balance -= 200;
  applyInterest(accts, 0.5);
  console.log('top', top, richest(accts));
  for (const a of accts) if (a.balance < 100) a.log.push('low');
  console.log('logs', richest(accts), accts.map((a) => a.log.join('|')));
}

// Reads that hand nothing out (tester np38's objentries, spread-container-v1, insert-fresh): the language's entries
// mapped to keys, `'k' in x[i]`, and an object made right at the call, which a task keeping it shares with nobody.
function reads(): void {
  const sheet: Record<string, Cell> = { a: { f: 1 }, b: { f: 2 } };
  recalc(sheet);
  const big = Object.entries(sheet).filter(([, c]) => c.v! > 2).map(([k]) => k);
  console.log('cells', sheet.a.v, big);
  const boxes = [{ w: 1 }, { w: 2, h: 3 }];
  recalc(boxes as unknown as Record<string, Cell>);
  console.log('has h', 'h' in boxes[1], 'h' in boxes[0]);
  const t: Table = { rows: [] };
  console.log('count', count(t));
  insert(t, { id: 1 });
  insert(t, { id: 2 });
  console.log('rows', t.rows, count(t));
}

// A part of a part (`const { tags } = r1`, `r1 = rs[1]`), the objects made by tasks.
function nested(): void {
  const rs: { id: number; tags: string[] }[] = [];
  for (let i = 0; i < 3; i++) addRec(rs, i);
  const r1 = rs[1];
  const { tags } = r1;
  tagAll(rs, 'x');
  console.log('nested', r1, tags, rs[1] === r1, rs[1].tags === tags);
  for (const r of rs) { const { tags: own } = r; own.push('main'); }
  tagAll(rs, 'y');
  console.log('nested again', JSON.stringify(rs), tags.length);
}

// Parts whose type does not rule out an array a task made (a union, `any`): the whole is snapshotted afresh too.
function loose(): void {
  const g = new Map<string, number[] | string>();
  fillLoose(g);
  const a = g.get('a')!;
  sortLoose(g);
  console.log('loose', a, g.get('a') === a);
  const rs: any[] = [];
  addAnyRow(rs, 5);
  const r0 = rs[0];
  sortAnyRows(rs);
  console.log('any', r0, rs[0] === r0);
}

rows();
nested();
loose();
madeByTasks();
reads();
mapValues();
accounts();
