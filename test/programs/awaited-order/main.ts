/**
 * In plain code a task call runs at the call, so an awaited task result comes a microtask later, before any timer,
 * immediate or I/O callback: here the result comes in a message, and the program's macrotasks must still wait for it.
 */
import { asum, fill, sum, sumLater } from './kernels';
const a = new Float64Array(1000).fill(1);
async function main() {
  // (A timeout 0 and an immediate both made here come in either order, in plain code too; and a timer made after an
  // await fires before this immediate when the awaited tasks took longer than its delay, which the plain calls never
  // do. So the timers are made one from the other, in a fixed order: immediate, timeout 0, timeout 1.)
  setImmediate(() => {
    console.log('immediate');
    setTimeout(() => { console.log('timeout 0'); setTimeout(() => console.log('timeout 1', sum(a)), 0); }, 0);
  });
  queueMicrotask(() => console.log('microtask 1'));
  Promise.resolve().then(() => console.log('then 1'));
  console.log('sum', sum(a));
  const t = await asum(a);
  console.log('asum', t);
  fill(a, 2);
  await null;
  console.log('after await null', a[0]);
  console.log('awaited sync task', await sum(a));
  queueMicrotask(() => console.log('microtask 2'));
  console.log('via Promise.resolve', await Promise.resolve(asum(a)));
}
function laterReads() {
  const b = new Float64Array(4).fill(1);
  // A `.then` callback fills b before sumLater resumes after its `await`: plain code sums the filled array.
  Promise.resolve(2).then((v) => { fill(b, v); console.log('then filled', sum(b)); });
  sumLater(b).then((s) => console.log('sumLater', s)).finally(() => console.log('finally', b[0]));
  fill(b, 7);
  console.log('sync', sum(b));
}
/** Awaited right at the call on a local nothing else names: nobody can write it meanwhile, so the calls are tasks. */
async function ownLocal() {
  const m = new Float64Array(4).fill(1);
  console.log('own', await sumLater(m));
  fill(m, 2);
  console.log('own again', await sumLater(m));
}
/** A microtask writes the local while the call waits: the call stays direct, and sums what the microtask wrote. */
async function sharedLocal() {
  const m = new Float64Array(4).fill(1);
  queueMicrotask(() => fill(m, 9));
  console.log('shared', await sumLater(m));
}
main().then(ownLocal).then(sharedLocal).then(() => { console.log('main done'); laterReads(); });
console.log('sync end');
