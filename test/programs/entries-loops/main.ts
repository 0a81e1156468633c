// `for (const [i, rows] of groups.entries())` names each element of `groups` as `for (const rows of groups)` does,
// and `groups.indexOf(rows)` only compares identities: the tasks on each group run in workers (they stayed direct:
// "`.entries` of a level could hand out or take in its elements"), in a retry loop too, where the program fixes the
// row a failure names through the error.
import { rescore, best, check, BadRow, type Row } from './kernels';

const groups: Row[][] = [
  [{ name: 'ann', score: 3 }, { name: 'bob', score: 5 }],
  [{ name: 'cy', score: 4 }],
  [{ name: 'dora', score: 1 }, { name: 'ed', score: 2 }, { name: 'flo', score: 9 }],
];
for (const [i, rows] of groups.entries()) {
  const n = rescore(rows, i + 2);
  console.log(i, n, groups.indexOf(rows), groups.includes(rows), best(rows));
}
for (const [, rows] of groups.entries()) rescore(rows, 1);
console.log(JSON.stringify(groups));
groups[1][0].score = 100;
for (const [i, rows] of groups.entries()) console.log(i, best(rows), rows.map((r) => r.score).join(','));

const batches: Row[][] = [[{ name: 'a', score: 1 }], [{ name: 'b', score: -1 }, { name: 'c', score: 2 }], [{ name: 'd', score: -5 }]];
for (const [i, batch] of batches.entries()) {
  for (let attempt = 1; ; attempt++) {
    try { console.log('batch', i, check(batch), 'after', attempt); break; } catch (e) {
      if (!(e instanceof BadRow)) throw e;
      console.log('batch', i, e.message, batch.indexOf(e.row));
      e.row.score = 0;
      rescore(batch, 1);
    }
  }
}
console.log(JSON.stringify(batches));
