// A program whose error class has a `toString` of its own that changes state later calls read (rv72's
// r-error-tostring): `String(e)` in the catch runs it, so the loop is not split, and each call sees the change.
import { work } from './kernels';

const box = { k: 0 };
for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
  try {
    console.log('v', n, work(n, box));
  } catch (e) {
    console.log('caught', String(e));
  }
}
console.log('box', box);
