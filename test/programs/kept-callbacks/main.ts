// Functions handed to code that keeps them (listeners, timers, promise reactions) after a task call that fails: the
// plain call threw first, so none of them was ever registered (tester np39's D2).
import { EventEmitter } from 'node:events';
import { check, scale } from './kernels';

const bus = new EventEmitter();

// A listener that would also read the failed call's result.
try {
  const r = check(new Float64Array([-1]));
  bus.on('tick', () => console.log('tick handler', r));
} catch (e) {
  console.log('caught', (e as Error).message);
}
bus.emit('tick');
console.log('tick listeners', bus.listenerCount('tick'));

// Timers, an immediate, a microtask and a promise reaction.
try {
  check(new Float64Array([-2]));
  setTimeout(() => console.log('timer ran'), 0);
  setImmediate(() => console.log('immediate ran'));
  queueMicrotask(() => console.log('microtask ran'));
  Promise.resolve().then(() => console.log('reaction ran'));
} catch (e) {
  console.log('caught', (e as Error).message);
}

// A named function registered for the process's exit.
function farewell(): void { console.log('farewell from a hook that was never registered'); }
try {
  check(new Float64Array([-3]));
  process.on('exit', farewell);
} catch (e) {
  console.log('caught', (e as Error).message);
}

// Calls that succeed still run in parallel up to the registration, which waits for them.
const parts = [1, 2, 3, 4].map((k) => new Float64Array([k, k + 1]));
try {
  for (const p of parts) scale(p, 10);
  bus.once('done', () => console.log('done', parts.map((p) => p[0]).join(' ')));
} catch (e) {
  console.log('not reached', e);
}
bus.emit('done');

// Where the failure ends the process, a hook of the process registered after it never runs.
setTimeout(() => {
  check(new Float64Array([-4]));
  process.on('exit', (code) => console.log('exit hook', code));
  process.on('uncaughtException', () => console.log('swallowed'));
}, 5);
