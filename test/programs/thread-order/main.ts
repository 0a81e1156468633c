// Split callbacks (every element's task submitted first) whose element 0 throws while a later element never ends
// (steps([0]) loops forever): with 2 threads taking 2 tasks each, element 0 and the endless one share a thread. The
// endless one must not start before element 0's failure reply has left the thread, else the program hangs.
import { boom, score, steps } from './kernels';

function stepsPlusOne(rows: number[][]): number[] { return rows.map((x) => steps(x) + 1); }

// Three elements on two threads: elements 0 and 2 share one.
try { console.log(stepsPlusOne([[-1], [2], [0]])); } catch (e) { console.log('caught', (e as Error).message); }

// After a dismissed element was cancelled (its thread terminated), both elements land on the one thread left.
const signs = [[1], [-1]];
console.log('cond', signs.map((x) => (x[0] > 0 ? boom(x) : 0)).join(','));
console.log('score', score([1, 2]));
function plusOne(rows: number[][]): number[] { return rows.map((x) => boom(x) + 1); }
try { console.log(plusOne([[-1], [-2]])); } catch (e) { console.log('caught', (e as Error).message); }
try { console.log(stepsPlusOne([[-1], [0]])); } catch (e) { console.log('caught', (e as Error).message); }

console.log('after', steps([6]), stepsPlusOne([[3], [4]]));
