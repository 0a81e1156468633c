/**
 * Failing tasks inside try blocks, submitted from callbacks array methods call at once (forEach, map, filter,
 * Array.from) and followed by tasks that depend on them: the catch gets the first failure in program order, the
 * failing task's own error, and no later call's failure is reported.
 */
import { inv, fill, risky, safe } from './kernels';
const log = (...a: unknown[]) => console.log(...a);
// 1: forEach in try, result stored
{ const out: number[] = []; try { [4, 0, 2].forEach((b) => { out.push(inv(b)); }); log('1 after', out.length); } catch (e) { log('1 caught', (e as Error).message); } }
// 2: helper function submitting tasks, called in try
function invAll(bs: number[]) { return bs.map((b) => inv(b)); }
{ let s = 0; try { const r = invAll([5, 0]); s = r[0]; log('2 after', s); } catch (e) { log('2 caught', (e as Error).message, s); } }
// 3: Array.from with mapper in try
{ try { const r = Array.from([8, 0], (b) => inv(b)); log('3 after', r[0]); } catch (e) { log('3 caught', (e as Error).message); } }
// 4: inout task in forEach in try
{ const acc: number[] = []; try { [1, 0, 2].forEach((b) => fill(acc, b)); log('4 after'); } catch (e) { log('4 caught', (e as Error).message); } log('4 acc', acc); }
// 5: for-of in try, results unused except first
{ try { const r: number[] = []; for (const b of [2, 0]) r.push(inv(b)); log('5 after', r[0]); } catch (e) { log('5 caught', (e as Error).message); } }
// 6: map in try, then never used
{ try { [3, 0].map((b) => inv(b)); log('6 after'); } catch (e) { log('6 caught', (e as Error).message); } }
// 7: filter callback calls task
{ try { const r = [3, 0, 1].filter((b) => inv(b) > 0.4); log('7 after', r); } catch (e) { log('7 caught', (e as Error).message); } }
// 8: nested function in try: closure called later
{ try { const f = () => inv(0); const g = f(); log('8 after', typeof g); } catch (e) { log('8 caught', (e as Error).message); } }
// 9: a task depending on a failed one, in the same try
try { const r = risky(3); const s = safe(r); log('9 after', s); } catch (e) { log('9 caught', (e as Error).message); }
log('end');
