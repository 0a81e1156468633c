// The jobs printed between batches through a map whose callback returns parts of each job (`[j.name, j.log]`,
// `j.log`): the new array holds them only while the print reads it, so the batches still run in workers, and each
// print sees the batches before it (np43's p03: the map made `jobs` escape and kept every batch direct).
import { describe, runBatch, type Job } from './jobs';

const jobs: Job[] = ['e', 'b', 'd', 'a', 'c', 'f'].map((name, i) => ({ name, prio: (i * 5) % 7, done: false, log: [] }));
const before = describe(jobs);
jobs.sort((x, y) => x.prio - y.prio);
const first = runBatch(jobs, 2);
console.log(JSON.stringify(jobs.map((j) => [j.name, j.log])));
jobs.reverse();
const second = runBatch(jobs, 2);
console.log(jobs.map((j) => j.log.length).join(' '), JSON.stringify(jobs.map((j) => ({ n: j.name, log: j.log }))));
jobs.unshift({ name: 'z', prio: 0, done: false, log: [] });
const third = runBatch(jobs, 10);
console.log(before, first, second, third, describe(jobs));
console.log(JSON.stringify(jobs.map((j) => j.log)));
