/**
 * Async tasks that sleep settle when their timers would have fired in the plain program, whatever order their workers
 * end in: a short call made late comes before a long one made early, and calls of one duration in the order made.
 */
import { busyThenSleep, crunch, job, twoSleeps } from './kernels';

const log: string[] = [];

/** A chain that awaits a second call after its first (tester np38's asyncorder-min): job 3 is due at 25 ms, job 2 at 70. */
async function chain(id: number, ms: number, then?: [number, number]): Promise<void> {
  await job(id, ms);
  log.push(`end ${id}`);
  if (then) {
    await job(then[0], then[1]);
    log.push(`end ${then[0]}`);
  }
}

async function main(): Promise<void> {
  await Promise.all([chain(1, 20, [3, 5]), chain(2, 70)]);
  console.log('chains:', log.join(', '));

  // The same through `.then` chains, no awaits.
  log.length = 0;
  await Promise.all([
    job(4, 20).then(() => job(6, 5)).then((id) => log.push(`end ${id}`)),
    job(5, 70).then((id) => log.push(`end ${id}`)),
  ]);
  console.log('then chains:', log.join(', '));

  // Reverse durations: each ends in its own time (np38's worker pool).
  log.length = 0;
  await Promise.all([60, 45, 30, 15].map(async (ms, i) => log.push(`w${i}:${await job(i, ms)}`)));
  console.log('pool:', log.join(' '));

  // Two sleeps of 10 and 12 ms against one of 34: the chain of sleeps is due first.
  log.length = 0;
  await Promise.all([twoSleeps(7, 10, 12).then((id) => log.push(`two ${id}`)), job(8, 34).then((id) => log.push(`one ${id}`))]);
  console.log('steps:', log.join(', '));

  // One duration, made together: in the order made (equal timers fire in the order set).
  const order: number[] = [];
  await Promise.all([1, 2, 3, 4].map((id) => job(id, 30).then((v) => order.push(v))));
  console.log('equal:', order.join(' '));

  // The program's own timers are on the same time line: a call against a timeout, either way round, and a timer set
  // before two calls that is due between their ends.
  const timeout = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve(`timeout ${ms}`), ms));
  console.log('race:', await Promise.race([job(9, 15).then((id) => `job ${id}`), timeout(45)]));
  console.log('race:', await Promise.race([job(10, 70).then((id) => `job ${id}`), timeout(30)]));
  log.length = 0;
  setTimeout(() => log.push('timer 35'), 35);
  await Promise.all([job(11, 10).then((id) => log.push(`job ${id}`)), job(12, 60).then((id) => log.push(`job ${id}`))]);
  console.log('timers:', log.join(', '));

  // Time the plain program's main thread spent in calls: a call's synchronous part (busy 60 ms, then a 10 ms sleep:
  // after a 40 ms one made before it), and a task it ran at once (`await crunch(150)`, then a 30 ms call: after an
  // 80 ms one made before, and a 60 ms timer).
  log.length = 0;
  await Promise.all([job(13, 40).then((id) => log.push(`job ${id}`)), busyThenSleep(14, 60, 10).then((id) => log.push(`busy ${id}`))]);
  console.log('busy:', log.join(', '));
  log.length = 0;
  setTimeout(() => log.push('timer 60'), 60);
  const background = job(15, 80).then((id) => log.push(`job ${id}`));
  await crunch(150);
  await job(16, 30).then((id) => log.push(`job ${id}`));
  await background;
  console.log('crunch:', log.join(', '));
}

main();
