/**
 * The program's clock and timers by themselves (runtime/api/program-clock.ts, program-timers.ts), in a child process
 * whose timers they replace: time the main thread spent in the runtime is no time of a timer's, a task submitted after
 * a timer adds its run time (a task submitted before it does not), a timer set while an earlier task is unfinished
 * begins its time when that task finishes, the main thread's idle time while a task is unfinished is no timer's (the
 * task's run time is), and a cleared timer stays cleared when refreshed.
 * Each order below is the other way round on real time.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const api = join(__dirname, '..', 'runtime', 'api');

const script = `
const { installProgramTimers } = require(${JSON.stringify(join(api, 'program-timers.js'))});
const { programClock } = require(${JSON.stringify(join(api, 'program-clock.js'))});
const { realSetTimeout } = require(${JSON.stringify(join(api, '..', 'real-timers.js'))});
installProgramTimers();
const seen = [];
const spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
const phases = [
  (next) => {
    setTimeout(() => { seen.push('timeout 30'); next(); }, 30);
    programClock.enter(); spin(80); programClock.leave(); // a wait for a task
    setImmediate(() => seen.push('immediate'));
  },
  (next) => {
    setTimeout(() => { seen.push('timeout 500'); next(); }, 500);
    programClock.taskRan(1, 600); // submitted after the timer: its time is the timer's
    setImmediate(() => seen.push('immediate 2'));
  },
  (next) => {
    programClock.attach(() => 5, () => []);
    setTimeout(() => { seen.push('timeout 100'); next(); }, 100);
    programClock.taskRan(3, 1000); // submitted before the timer: the plain program ran it before setting it
    setImmediate(() => seen.push('immediate 3'));
  },
  (next) => {
    const cleared = setTimeout(() => seen.push('cleared'), 5);
    clearTimeout(cleared);
    cleared.refresh();
    setTimeout(next, 20);
  },
  (next) => {
    setTimeout(() => { seen.push('timeout 60, free'); }, 60);
    let unfinished = [6, 7]; // tasks 6 and 7 are submitted and run on: a timer set now is held until they finish
    programClock.attach(() => 7, () => unfinished);
    setTimeout(() => { seen.push('timeout 5, held'); next(); }, 5);
    // The engine's word, on real time: they ran 60 and 100 ms, one after the other in the plain program.
    realSetTimeout(() => { unfinished = [7]; programClock.taskRan(6, 60); programClock.taskSettled(6); }, 60);
    realSetTimeout(() => { unfinished = []; programClock.taskRan(7, 100); programClock.taskSettled(7); }, 100);
  },
  (next) => {
    setTimeout(() => { seen.push('timeout 40, before'); next(); }, 40);
    let unfinished = [9]; // submitted after it: the main thread then sits idle 80 ms, for a task that ran 10 ms
    programClock.attach(() => 9, () => unfinished);
    programClock.taskSubmitted();
    setTimeout(() => { seen.push('timeout 5, after'); }, 5);
    realSetTimeout(() => { unfinished = []; programClock.taskRan(9, 10); programClock.taskSettled(9); }, 80);
  },
];
const run = (i) => setImmediate(() => (i < phases.length ? phases[i](() => run(i + 1)) : console.log(seen.join(','))));
run(0);
`;

test('runtime time is left out of a timer\'s, the run time of tasks submitted after it is counted, one set while earlier tasks run waits for them, a cleared timer stays cleared', () => {
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.is(r.stderr, '');
  assert.is(r.stdout.trim(), 'immediate,timeout 30,timeout 500,immediate 2,immediate 3,timeout 100,timeout 60, free,timeout 5, held,' +
    'timeout 5, after,timeout 40, before');
});

test.run();
