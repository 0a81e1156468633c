/**
 * With an `uncaughtException` handler, a task's failure nobody catches ends only the macrotask that made the call, as
 * the plain call's throw did: the handler runs before the program's next timer, and the timers set before the call
 * still run, with their output (tester #28's P3: the timer's line was dropped, held behind the failure to the end).
 */
/** @task */
export function load(n: number): number[] {
  if (n < 0) throw new Error('cannot load ' + n);
  return [n, n + 1];
}

let ticks = 0;
process.on('uncaughtException', (e) => { console.log('handler got', e.message, 'ticks', ticks); });
const timer = setInterval(() => {
  ticks++;
  console.log('tick', ticks, load(ticks).join(','));
  if (ticks === 3) clearInterval(timer);
}, 5);
console.log('loaded', load(2).join(','));
load(-1);
