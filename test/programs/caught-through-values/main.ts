// A task failing in code a try block runs through a value the plugin cannot name, or through a constructor, a
// setter or a getter: the plain call threw into that try (np40's F7, F10).
import { EventEmitter } from 'node:events';
import { fail, flaky } from './kernels';

// A retry helper: the try calls its parameter.
function retry(times: number, fn: () => void): boolean {
  for (let i = 0; i < times; i++) {
    try { fn(); return true; } catch (e) { console.log('retry after:', (e as Error).message); }
  }
  return false;
}
const s = { attempts: 0 };
console.log('result', retry(5, () => { flaky(s, 3); }), s.attempts);
const t = { attempts: 0 };
console.log('result', retry(2, () => { flaky(t, 10); }), t.attempts);

// Closures taken from an array; an optional hook.
const attempts: (() => void)[] = [() => { fail([1]); }, () => { fail([]); }];
for (const attempt of attempts) {
  try { attempt(); console.log('attempt ok'); } catch (e) { console.log('attempt caught', (e as Error).message); }
}
const hooks: { before?: (d: number[]) => void } = { before: (d) => { fail(d); } };
try { hooks.before?.([]); } catch (e) { console.log('hook caught', (e as Error).message); }

// A method called through an interface.
interface Step { name: string; run(): void }
class EmptyStep implements Step { name = 'empty'; run(): void { fail([]); } }
class FullStep implements Step { name = 'full'; run(): void { fail([1, 2]); } }
for (const step of [new FullStep(), new EmptyStep(), new FullStep()] as Step[]) {
  try { step.run(); console.log(step.name, 'ok'); } catch (e) { console.log(step.name, 'failed:', (e as Error).message); }
}

// A function handed to a helper of the program, which calls it.
function each<T>(xs: T[], f: (x: T) => void): void { for (const x of xs) f(x); }
try { each([[1], [], [2]], (a) => { fail(a); }); } catch (e) { console.log('each caught', (e as Error).message); }

// A named function handed to the library, or run through call.
function one(xs: number[]): void { fail(xs); }
try { [[1], [], [2]].forEach(one); } catch (e) { console.log('forEach caught', (e as Error).message); }
try { one.call(null, []); } catch (e) { console.log('call caught', (e as Error).message); }

// A listener `emit` runs.
const em = new EventEmitter();
em.on('data', (d: number[]) => { fail(d); });
for (const d of [[1], [], [2]]) {
  try { em.emit('data', d); console.log('emitted', d.length); } catch (e) { console.log('listener threw', (e as Error).message); }
}

// A constructor, a setter, a getter.
class Model { constructor(data: number[]) { fail(data); } }
try { new Model([]); } catch (e) { console.log('constructor caught', (e as Error).message); }
class Box {
  set data(d: number[]) { fail(d); }
  get ok(): boolean { fail([]); return true; }
}
const box = new Box();
try { box.data = []; } catch (e) { console.log('setter caught', (e as Error).message); }
try { console.log('ok?', box.ok); } catch (e) { console.log('getter caught', (e as Error).message); }
console.log('end');
