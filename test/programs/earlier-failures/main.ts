/**
 * A wait meets a failure while an earlier call failed too and nothing met that failure yet: the plain program died
 * at the earlier call, so that failure is the one thrown (and the only one reported), whether the task waited on
 * failed because it depends on the earlier one or failed on its own.
 */
import { Signal, blurSignal, checked, energy } from './kernels';

function signals(count: number): Signal[] {
  const made: Signal[] = [];
  for (let i = 0; i < count; i++) made.push(new Signal(20000, i + 1));
  return made;
}

// A dependent: energy(s) of a signal whose blur failed, waited on after the blurs of all signals were submitted.
function energies(ss: Signal[]): number[] {
  for (let i = 0; i < ss.length; i++) blurSignal(ss[i], i);
  console.log('first length', ss[0].length);
  const es: number[] = [];
  for (let i = 0; i < ss.length; i++) es.push(energy(ss[i]));
  return es;
}
try {
  console.log('energies', energies(signals(6)).map((e) => e.toFixed(3)).join(' '));
} catch (e) {
  console.log('caught', (e as Error).name, (e as Error).message);
}

// Independent calls: the second fails on its own; the program waits on it first.
const a = Float64Array.from([1, 50, 2]);
const b = Float64Array.from([3, 70, 4]);
try {
  checked(a, 10);
  checked(b, 20);
  console.log('b now', b.join(','));
  console.log('a now', a.join(','));
} catch (e) {
  console.log('caught', (e as Error).message);
}

// Uncaught: the program dies of the first failure, reported once.
const ss: Signal[] = [];
for (let i = 0; i < 6; i++) ss.push(new Signal(20000, i + 1));
for (let i = 0; i < ss.length; i++) blurSignal(ss[i], i);
console.log('first length', ss[0].length);
const rows = ss.map((_, i) => ({ name: `s${i}`, e: 0 }));
for (let i = 0; i < ss.length; i++) rows[i].e = energy(ss[i]);
for (const r of rows) console.log(r.name, r.e.toFixed(3));
