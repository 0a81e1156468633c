/**
 * A module's own Date and RegExp that the program changes in place (tester np37's mmdate, mmkinds): a Date's time and
 * a RegExp remade with `compile` sit in internal slots, which the worker's copy of the module object takes from the
 * call's snapshot (api/module-state.ts copyInto).
 */
import { CUTOFF, TAG } from './calendar';
import { isLate, tagged } from './kernels';

console.log(isLate('2024-07-04'), tagged('URGENT: call back'));
CUTOFF.setUTCFullYear(2030);
(TAG as RegExp & { compile(pattern: string, flags?: string): RegExp }).compile('never');
console.log(isLate('2024-07-04'), tagged('URGENT: call back'), tagged('never again'), CUTOFF.toISOString());
CUTOFF.setTime(0);
console.log(isLate('2024-07-04'));
