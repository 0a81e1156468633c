/**
 * Split loops whose task call is an argument of another (`norm(prepare(n))`): the first pass submits both, the inner
 * call's Future handed to the outer; the second pass takes them together. A break or a failure leaves the plain
 * loop's later calls unmade, inner ones included.
 */
import { norm, prepare, scaled } from './kernels';

const ns = [1, 2, 3, 4, 5, 6];
let total = 0;
for (const n of ns) {
  const v = norm(prepare(n));
  total += v;
  console.log('partial', n, total.toFixed(3));
}

// Three deep, and a chained const next to a nested call.
for (const n of ns) {
  const a = prepare(n + 1);
  const v = norm(scaled(scaled(a, 2), 0.5));
  console.log('deep', n, v.toFixed(3), norm(a) === v);
}

// A break before a call whose inner call would fail: the plain loop never made it.
for (const n of [10, 11, 12, 13, 14]) {
  if (n === 12) break;
  console.log('until break', n, norm(prepare(n)).toFixed(3));
}

// The inner call fails: the loop stops there, with the error of the inner call.
try {
  for (const n of [10, 11, 12, 13, 14]) console.log('until failure', n, norm(prepare(n)).toFixed(3));
} catch (e) {
  console.log('caught', (e as Error).name, (e as Error).message);
}
