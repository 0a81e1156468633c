/** A sequential program in the ordinary style; compiled with and without the plugin, it must print the same. */
import { addAll, bumpThroughHelper, describe, fail, makeRange, record, scaleInPlace, total } from './kernels';
import * as K from './kernels';
import { rangeOf, sumOf } from './reexports';

function main(): void {
  // Futures flowing into tasks, and through the common collection patterns.
  const ranges = [1, 2, 3, 4].map((k) => makeRange(1000, k));
  const sums = ranges.map((r) => total(r));
  const pushed: number[] = [];
  for (const r of ranges) pushed.push(total(r));
  const indexed: number[] = [];
  for (let i = 0; i < ranges.length; i++) indexed[i] = total(ranges[i]);
  console.log('sums', sums.join(','), addAll(pushed), addAll(indexed));

  // A local array written by tasks, then read by the program.
  const values = new Float64Array([1, 2, 3, 4]);
  scaleInPlace(values, 10);
  const before = total(values);
  scaleInPlace(values, 2);
  console.log('values', Array.from(values).join(','), 'total before second scale', before);

  // The program changes an object it passed before: later tasks see the change, earlier ones do not.
  const series = new Float64Array([5, 5]);
  const first = total(series);
  series[0] = 100;
  const second = total(series);
  console.log('snapshots', first, second);

  // Interprocedural write, Map and Set, plain objects.
  const list = [1, 2, 3];
  bumpThroughHelper(list);
  bumpThroughHelper(list);
  const map = new Map<string, number>();
  const set = new Set<string>();
  record(map, set, 'a', 1);
  record(map, set, 'b', 2);
  console.log('list', list.join(','), 'map', [...map].join(';'), 'set', [...set].join(','));
  console.log('describe', describe({ x: 3, tags: ['p', 'q'] }));

  // A task's error, inside the same try block as the call.
  try {
    fail('inside try');
    console.log('not printed');
  } catch (error) {
    console.log('caught', (error as Error).name, (error as Error).message);
  }

  // Through a namespace import, a re-export under another name, and a local alias.
  const alias = K.total;
  console.log('reached', K.total(K.makeRange(3, 1)), sumOf(rangeOf(4, 0)), alias(rangeOf(2, 5)));

  // Loops that accumulate.
  let acc = 0;
  for (let i = 0; i < 5; i++) acc += total(makeRange(10, i));
  console.log('acc', acc);
}

main();
