/**
 * Module objects tasks read, changed by the program in a library method's callback (np42's F6: `WEIGHTS.forEach((it)
 * => { it.w *= 10 })` and the task still read its module's own `WEIGHTS`): the change travels with the later calls.
 */
import { BIAS, biased, capped, LIMITS, score, WEIGHTS } from './weights';

BIAS.forEach((it) => { it.b = 100; });
console.log('first', biased(1));

console.log('before', score(1), capped('a', 6));
WEIGHTS.forEach((it) => { it.w *= 10; });
console.log('forEach', score(1), score(2));
function halve(it: { w: number }): void { it.w /= 2; }
WEIGHTS.forEach((it) => halve(it));
LIMITS.forEach((limit) => { limit.max += 1; });
console.log('helper and Map', score(1), capped('a', 6), capped('b', 9));
const doubled = WEIGHTS.map((it) => it.w * 2);
console.log('read only', doubled.join(','), score(3));
