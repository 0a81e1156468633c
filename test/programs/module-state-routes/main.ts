/**
 * Module objects the program changes by routes no reference to their name shows: values of a Map or a Set taken out
 * (`M.forEach`, `for (const [, v] of M)`, `for (const s of S)`, `[...M.values()][0]`, `M.get('b')`, `ARR.at(0)`), an
 * element a function hands out (`getFirst().v = 4`), a `let` nothing reassigns; and a task counting in another name
 * for an object the program prints (`const C = COUNTS`). Each reaches the tasks, or comes home (tester np32's
 * mapset-routes, getelem, letobj, taskcounter: stale values before).
 */
import { ARR, COUNTS, M, S, current, getFirst, hitOnce } from './state';

/** @task */
export function read(tag: string): string {
  return tag + ':' + [...M.values()].map((o) => o.n).join('+') + '|' + [...S].map((o) => o.n).join('+') + '|' + ARR[0].n + '|' + getFirst().v + '|' + current.k;
}

/** @task */
export function hit(k: number): number { hitOnce(); return k; }

const out = [read('0')];
M.forEach((v) => { v.n += 1; }); out.push(read('forEach'));
for (const [, v] of M) v.n += 10; out.push(read('entries'));
for (const s of S) s.n = 5; out.push(read('set'));
[...M.values()][0].n = 77; out.push(read('spread'));
const b = M.get('b'); if (b) b.n = 9; out.push(read('get'));
ARR.at(0)!.n = 3; out.push(read('at'));
getFirst().v = 4; out.push(read('getter'));
current.k = 5; out.push(read('let'));
console.log(out.join('\n'));
console.log(hit(1) + hit(2), COUNTS.hits);
