// Copies of an array of jobs (slice, a sorted slice, a spread, Array.from, filter, a copy of a copy) hold the same job
// objects: writes through a copy reach the batches on the original, and the batches' writes reach the copies, as in
// the plain program. The copy is a holder in the original's group (transformer/rewrite/aliases.ts elementsCopiedFrom),
// not an escape that kept every batch on jobs direct (np43's p03).
import { describe, runBatch, type Job } from './jobs';
const mk = (names: string[]): Job[] => names.map((name, i) => ({ name, prio: (i * 5) % 7, done: false, log: [] }));
const jobs = mk(['a', 'b', 'c', 'd', 'e']);
runBatch(jobs, 2);
const c = jobs.slice();
c[0].done = false;
c[0].log.push('reset');
console.log('1', runBatch(jobs, 1), JSON.stringify(jobs[0]));
runBatch(jobs, 1);
console.log('2', JSON.stringify(c.map((j) => j.log)));
const d = [...jobs];
runBatch(d, 5);
console.log('3', describe(jobs), jobs[4].log.join());
const e = Array.from(jobs);
e.push({ name: 'x', prio: 1, done: false, log: [] });
runBatch(e, 9);
console.log('4', describe(jobs), describe(e), jobs.length, e.length);
const undone = jobs.filter((j) => j.log.length < 2);
undone.forEach((j) => { j.done = false; });
console.log('5', runBatch(jobs, 9), describe(undone));
const sorted = jobs.slice().sort((x, y) => y.name.localeCompare(x.name));
sorted[1].log.length = 0;
runBatch(jobs, 0);
jobs.reverse();
console.log('6', describe(sorted), describe(jobs), sorted.map((j) => j.log.length).join());
const cc = sorted.slice().reverse();
const ccc = cc.slice(1);
ccc[0].done = false;
console.log('7', runBatch(jobs, 1), describe(cc), JSON.stringify(jobs));
function inFn(list: Job[]) {
  const mine = list.slice();
  mine[0].done = false;
  const r = runBatch(list, 1);
  mine[1].done = false;
  return [r, runBatch(list, 1), describe(mine)];
}
console.log('8', JSON.stringify(inFn(jobs)));
for (let k = 0; k < 2; k++) {
  const snap = jobs.slice();
  runBatch(jobs, 1);
  snap[k].done = false;
  console.log('9', k, describe(snap));
}
console.log('10', describe(jobs));
