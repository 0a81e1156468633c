/**
 * An `uncaughtException` handler meets a task's failure nobody caught, and reads what the program had: the values of
 * the calls before it, never a Future of the failing call (tester #29's F3: it printed `[object taskify.Future]`
 * twice; with a wait the plugin put in the handler, that wait threw there: exit 7).
 */
/** @task */
export function risky(n: number): number {
  if (n === 2) throw new Error('risky ' + n);
  return n * n;
}

const out: number[] = [];
process.on('uncaughtException', (e) => { console.log('handler:', e.message, out.join(','), out.length); });
out.push(risky(1));
out.push(risky(2));
