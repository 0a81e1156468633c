/**
 * A `beforeExit` listener that calls a task and arms nothing runs once, as in the plain program: the run's own shutdown
 * keeps the loop going a little, and the `beforeExit` after it is the runtime's (tester np39's beforeexit-v1; with a
 * task call in the listener, beforeexit-min ran it round after round for ever).
 */
import { double } from './kernels';

let rounds = 0;
const results: number[] = [];
process.on('beforeExit', () => {
  rounds++;
  if (rounds > 3) return; // (a bound for a build that emits it again after every round)
  console.log('beforeExit', rounds, double(rounds));
  if (results.length < 6) results.push(double(results.length));
});
process.on('exit', (code) => console.log('exit', code, 'rounds', rounds, 'results', results.join(',')));
for (let i = 0; i < 4; i++) results.push(double(i));
console.log('main', results.join(','));
