/**
 * Failing tasks outside any try of their own: the plain program stopped at the failing call, so nothing printed after
 * it may appear (held output dropped, later calls cancelled), whether the failure is caught further out, meets a
 * split loop or callback half way, or ends the program.
 */
import { check, loudCheck } from './kernels';

// A task failing inside a function the program calls in a try: the lines after the call there never ran.
function total(parts: number[][]): number {
  let sum = 0;
  for (const p of parts) {
    const s = loudCheck(p, 100);
    console.log('checked', p.length);
    sum += s;
  }
  return sum;
}
try {
  console.log('total', total([[1], [200, 1], [3]]));
} catch (e) {
  console.log('caught', (e as Error).message);
}

// A function that submits a task and waits for nothing, called in a try: the failure still reaches this catch.
function warmUp(limit: number): void {
  check([limit], 100);
}
try {
  warmUp(500);
  console.log('warmed up');
} catch (e) {
  console.log('warm-up failed:', (e as Error).message);
}

// A loop the plugin splits (every call first, then the uses): the passes before the failing call print theirs.
const parts = [[1, 2], [3], [400], [4]];
let running = 0;
try {
  for (const p of parts) running += check(p, 100);
} catch (e) {
  console.log('loop stopped:', (e as Error).message, 'running', running);
}

// A split loop printing before and after its call: each line sits where the plain loop printed it.
try {
  for (const p of parts) {
    console.log('next part of', p.length);
    const s = check(p, 100);
    console.log('part sum', s);
  }
} catch (e) {
  console.log('parts stopped:', (e as Error).message);
}

// A callback split the same way.
try {
  parts.forEach((p) => console.log('sum', check(p, 100)));
} catch (e) {
  console.log('forEach stopped:', (e as Error).message);
}

// A result nobody uses, in a try: the failure is met at the end of the block; the lines after the call never ran.
try {
  check([900], 100);
  console.log('not printed in plain code');
  check([1], 100);
} catch (e) {
  console.log('block stopped:', (e as Error).message);
}

// Nothing catches this one: the program ends at the call, with the error, exit code 1.
const last = check([5000], 100);
console.log('after the last call');
for (let i = 0; i < 3; i++) console.log('line', i);
console.log('last', last);
