// Jobs that poll: a task, then a pause, in a loop, run side by side. Their pauses fall due while the tasks run, so
// the program's timers fire overdue, each in its plain order (program-timers.ts): a timer they defer to must not be
// put back behind them again (np66's min-sleep-hang hung in most runs).
import { crunch } from './kernels';

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function poller(id: number): Promise<number> {
  let v = id;
  for (let i = 0; i < 3; i++) {
    v = crunch(v + i);
    await pause(2);
    console.log('poll', id, i, v);
  }
  return v;
}

async function main(): Promise<void> {
  const rs = await Promise.all([poller(1), poller(2), poller(3), poller(4)]);
  console.log(rs.join(' | '));
}
main();
