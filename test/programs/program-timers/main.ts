/**
 * The program's timers while task calls wait (issue 15, tester #15's 46-timers-events). In the plain program a timer
 * cannot fire while synchronous code runs, and its time counts what the task calls took; here the main thread waits
 * for workers instead, and those waits must not make a timer due before its plain time, nor may a long task's time
 * be lost. Each phase ends before the next begins; each order below holds in the plain program by 20 ms or more.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { busy, work } from './kernels';

/** A timeout due during a few short task calls: the immediate made after it still runs first. */
function dueDuringWaits(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => { console.log('timeout 60'); resolve(); }, 60);
    setImmediate(() => console.log('immediate'));
    const cleared = setTimeout(() => console.log('never: cleared'), 30);
    let total = 0;
    for (let i = 0; i < 8; i++) total += work(i);
    clearTimeout(cleared);
    console.log('sync total', total);
  });
}

/** An interval whose ticks call tasks, beside a timeout between its second and third tick. */
function interval(): Promise<void> {
  return new Promise((resolve) => {
    let ticks = 0;
    const every = setInterval(() => {
      ticks++;
      console.log('tick', ticks, work(ticks));
      if (ticks === 3) { clearInterval(every); resolve(); }
    }, 40);
    setTimeout(() => console.log('timeout 100'), 100);
    setImmediate(() => console.log('immediate', work(100)));
  });
}

/** Timers and immediates made inside callbacks that call tasks. */
function insideCallbacks(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      setTimeout(() => { console.log('inner timeout'); resolve(); }, 50);
      let s = 0;
      for (let i = 0; i < 10; i++) s += work(i + 20);
      console.log('in immediate', s);
      setImmediate(() => console.log('inner immediate', work(9)));
    });
  });
}

/** The program's own sleeps between task calls, with a timeout that falls between them. */
async function sleepsBetweenTasks(): Promise<void> {
  setTimeout(() => console.log('timeout 60, between the sleeps'), 60);
  const first = work(1);
  await new Promise((r) => setTimeout(r, 40));
  console.log('slept 40', first);
  await delay(40);
  console.log('slept 80', work(2));
  const sleep = promisify(setTimeout);
  await sleep(5);
  console.log('promisified', work(3));
}

/** A long task call: its time is the program's time, so the timeout is due before the immediate, as in plain code. */
function longTask(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => { console.log('timeout 40 after a long task'); resolve(); }, 40);
    setImmediate(() => console.log('immediate after a long task'));
    console.log('busy', busy(150));
  });
}

/** Two long calls that run side by side here: the plain program ran one after the other, so the timeout is due. */
function sideBySide(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => { console.log('timeout 150 after two long tasks'); resolve(); }, 150);
    setImmediate(() => console.log('immediate after two long tasks'));
    const a = busy(100);
    const b = busy(101);
    console.log('busy both', a + b);
  });
}

async function main(): Promise<void> {
  for (const phase of [dueDuringWaits, interval, insideCallbacks, sleepsBetweenTasks, longTask, sideBySide]) {
    await new Promise((r) => setImmediate(r)); // each phase starts in an immediate, not among timers
    console.log(`-- ${phase.name}`);
    await phase();
  }
}
main();
