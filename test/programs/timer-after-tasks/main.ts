/**
 * A shorter timeout set after long task calls whose results nothing waited for (tester #17's r06): the plain program set
 * it when the calls were done, so a longer timeout set before them fires first. Here the calls still run in workers
 * when it is set: its time begins when they finish (runtime/api/program-clock.ts, a held timer).
 */
import { busy } from './kernels';

setTimeout(() => console.log('timeout 0'), 0);
setTimeout(() => console.log('timeout 50, set before the calls'), 50);
// The plain program reached its next macrotask after the calls: the timeout their time made due runs first
// (runtime/api/macrotask-hold.ts callsMade; np18/18).
setImmediate(() => console.log('immediate, set before the calls'));
const results: number[] = [];
for (let i = 0; i < 4; i++) results.push(busy(60 + i));
// 40 ms, short of the 50 ms one's time, which it would fire before if its time began when set; long enough that a
// loaded machine's pause between the timers' turn and the immediates' (CI ran it beside other work) reorders nothing.
setTimeout(() => console.log('timeout 40, set after them', results.join(',')), 40);
