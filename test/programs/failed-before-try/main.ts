/**
 * A call that fails before a try block, whose result only a call inside the try uses: the plain call threw before the
 * try began, so neither its catch nor its finally sees the failure; the enclosing try's catch does, or the program ends
 * (tester #28's P0: the inner catch took it, and the program went on).
 */
import { load, sum } from './kernels';

function attempt(n: number): string {
  const data = load(n);
  try {
    return `sum ${sum(data)}`;
  } catch (e) {
    return `inner caught ${(e as Error).message}`;
  } finally {
    console.log('inner finally', n);
  }
}

for (const n of [2, -1]) {
  try {
    console.log(attempt(n));
  } catch (e) {
    console.log('outer caught', (e as Error).message);
  }
}

// A catch without a binding, and one that destructures.
function quiet(n: number): string {
  const data = load(n);
  try { return String(sum(data)); } catch { return 'quiet caught'; }
}
function named(n: number): string {
  const data = load(n);
  try { return String(sum(data)); } catch ({ message }: any) { return `named caught ${message}`; }
}
for (const f of [quiet, named]) {
  try { console.log(f(-2)); } catch (e) { console.log('outer caught', (e as Error).message); }
}

// A try with only a finally: it never ran in the plain program.
function cleanup(n: number): number {
  const data = load(n);
  try { return sum(data); } finally { console.log('cleanup', n); }
}
try { console.log(cleanup(3), cleanup(-3)); } catch (e) { console.log('outer caught', (e as Error).message); }

// A failure inside the try is still the try's own.
try { console.log(sum(load(-4))); } catch (e) { console.log('own caught', (e as Error).message); }

// Uncaught: the program ends at the call, the catch after it never runs.
const d = load(-5);
try { console.log(sum(d)); } catch (e) { console.log('never', (e as Error).message); }
console.log('never printed');
