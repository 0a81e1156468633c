// A task's failure is met where the plain call threw it, not by a try block that only waits for its value
// (tester #23's r44): the try statement checks the tasks submitted before it first.
import { risky } from './kernels';

try {
  const v = risky(3);
  try { console.log('value', v); } catch (e) { console.log('inner caught', (e as Error).message); }
  console.log('after inner');
} catch (e) {
  console.log('outer caught', (e as Error).message);
}

function doubled(n: number): number {
  const v = risky(n);
  try { return v * 2; } catch { return -1; }
}
for (const n of [1, 3]) {
  try { console.log('doubled', doubled(n)); } catch (e) { console.log('doubled threw', (e as Error).message); }
}

// A try block that waits only for its own tasks still runs them side by side.
try {
  const a = risky(4), b = risky(5), c = risky(6);
  console.log('sum', a + b + c);
} catch (e) {
  console.log('never', (e as Error).message);
}

// Futures gathered before the try, waited for inside it (tester #23's x03): the failure leaves the function.
function early(xs: number[]): string {
  const rs = xs.map((x) => risky(x));
  try {
    for (const r of rs) if (r > 100000) return 'big';
    return 'none';
  } catch (e) {
    return 'caught ' + (e as Error).message;
  } finally {
    console.log('finally', xs.join(','));
  }
}
console.log(early([1, 2]));
try { console.log(early([4, 3, 5])); } catch (e) { console.log('early threw', (e as Error).message); }

// A Future another function made, waited for in this function's try (tester #23's y20): settled before the try.
function outer(n: number): string {
  const v = risky(n);
  function use(): string {
    try { return 'value ' + v; } catch (e) { return 'use caught ' + (e as Error).message; }
  }
  return use();
}
for (const n of [2, 3]) {
  try { console.log(outer(n)); } catch (e) { console.log('outer threw', (e as Error).message); }
}
