/**
 * Shapes of the fourth outside-style review (tester, 165 programs): objects kept by a constructor or a built-in that
 * hands its argument back, arrays of Futures declared untyped (`const rs = []`), tasks throwing values that are not
 * errors, and `this` of an object literal's method inside a task.
 */
import { count, describe, digits, fail, inc, mergeCounts, sq, sumOf } from './kernels';

class Pair { constructor(readonly p: number[], readonly q: number[]) {} }
class Wrapper { constructor(private xs: number[]) {} first() { return this.xs[0]; } }
{
  const a = [1, 2], b = [1, 2];
  const pr = new Pair(a, b);
  inc(a);
  inc(b);
  console.log('constructor', pr.p[0], pr.q[0]);
}
{
  const a = [1, 2];
  const w = new Wrapper(a);
  inc(a);
  console.log('parameter property', w.first());
}
{
  const a = [1, 2];
  const p = new Proxy(a, {});
  inc(a);
  console.log('proxy', p[0]);
}
{
  const a = [1, 2], c = [5, 6];
  const list = Array.of(a);
  const same: number[] = Object(c);
  inc(a);
  inc(c);
  console.log('handed back', list[0][0], same[0]);
}
{
  const copy = [1, 2];
  const numbers = new Float64Array(copy);
  inc(copy);
  console.log('a copy of numbers', numbers[0], copy[0]);
}
{
  const rs = [];
  for (let i = 1; i <= 3; i++) rs.push(sq(i));
  console.log('untyped gathering', Math.max(...rs), JSON.stringify(rs), [...new Set(rs)].length, rs.concat([0]).join(','));
}
for (const kind of [0, 1, 2]) {
  try { console.log(fail(kind)); } catch (e) { console.log('caught', e); }
}
console.log('object literal this', count([1, 2, 3]));
{
  // A tree of merges whose task copies its first argument with a spread: every merge is a task.
  const parts: Record<string, number>[] = [{ a: 1 }, { b: 2 }, { a: 3, c: 1 }, { b: 1 }];
  let level = parts.map((counts) => mergeCounts(counts, {}));
  while (level.length > 1) {
    const next: Record<string, number>[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(mergeCounts(level[i], level[i + 1]));
    level = next;
  }
  console.log('merged', JSON.stringify(level[0]));
}
console.log('overloads', describe(3), describe('x'), digits(12), digits('abc'));
{
  // An object that escapes later in the file is still given to a task that only reads it: a snapshot at the call.
  const data = new Float64Array(4).fill(1);
  const s = sumOf(data);
  const views = [data.subarray(0, 2)];
  views[0][0] = 5;
  console.log('escaped later', s, sumOf(data), data[0]);
}
