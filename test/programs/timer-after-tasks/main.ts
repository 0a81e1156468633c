/**
 * A short timeout set after long task calls whose results nothing waited for (tester #17's r06): the plain program set
 * it when the calls were done, so a longer timeout set before them fires first. Here the calls still run in workers
 * when it is set: its time begins when they finish (runtime/api/program-clock.ts, a held timer).
 */
import { busy } from './kernels';

setTimeout(() => console.log('timeout 0'), 0);
setTimeout(() => console.log('timeout 50, set before the calls'), 50);
const results: number[] = [];
for (let i = 0; i < 4; i++) results.push(busy(60 + i));
setTimeout(() => console.log('timeout 10, set after them', results.join(',')), 10);
