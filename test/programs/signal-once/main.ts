/**
 * A signal the program handles once (`process.once('SIGINT', stopGently)`, tester np37's sig-v2): the program goes
 * on after its handler; the runtime's own listener, which runs after, must not take it for unhandled
 * (api/signals.ts counts the program's listeners as the signal comes).
 */
import { area } from './kernels';

process.once('SIGINT', () => console.log('got SIGINT, going on', area(1, 1)));
console.log(area(2, 3));
process.kill(process.pid, 'SIGINT');
setTimeout(() => console.log('after the signal', area(3, 4)), 100);
