/**
 * Timers set while a long call runs and then waited on (tester np36's timers-min and timers): the plain program set
 * them when the call returned. Here the call's time begins a held timer's time inside the wait that meets its result,
 * and that wait's time before it is no time of the timer's (runtime/api/program-clock.ts spent()). Timers the calls'
 * time made due together fire in the order they fell due (program-timers.ts overdueBefore).
 */
import { busy } from './kernels';

busy(1); // the pool is up
const long = busy(200);
setTimeout(() => console.log('timeout 20, set during the long call'), 20);
console.log('long call returned', long);
setTimeout(() => console.log('timeout 150, set after its result'), 150);

setTimeout(() => console.log('timeout 50, set before two calls'), 50);
const a = busy(40);
setTimeout(() => console.log('timeout 20, set between them', a), 20);
const b = busy(40);
console.log('both returned', a + b);
