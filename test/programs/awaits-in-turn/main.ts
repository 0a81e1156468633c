// Awaits of plain values (`await null`, `await cached`) in one async function while another awaits a task call still
// running: in the plain program the task's await resumed first (its value was there at once), so what the other
// function sets after its await is not seen yet (np63's min-await-order read `x = 2`).
import { heavy, fillWith, settle, twiceLater } from './kernels';

let x = 0;
async function reader(): Promise<void> { const v = await heavy(8_000_000); console.log('a', v > 0, 'x =', x); }
async function writer(): Promise<void> { x = 1; await null; x = 2; console.log('a writer done'); }

// (b) a loop of awaits of values beside two task awaits, and an object a task writes read after them.
const shared = new Float64Array(3);
async function worker(id: number): Promise<void> {
  const v = await heavy(4_000_000 + id);
  console.log('b worker', id, v > 0, shared[0]);
}
async function ticker(): Promise<void> {
  for (let i = 0; i < 3; i++) { await i; shared[0] = i + 10; console.log('b tick', i); }
}

// (c) an await of a cached value after a task's in the same function keeps its place too.
const cache = new Map<string, number>([['k', 7]]);
async function cached(): Promise<void> {
  const first = await heavy(3_000_000);
  const k = await cache.get('k');
  console.log('c', first > 0, k);
}
async function interleaved(): Promise<void> { await undefined; cache.set('k', 8); console.log('c set'); }

// (d) a promise's callbacks, a microtask and an await of a settled promise beside a task's await.
const order: string[] = [];
async function d1(): Promise<void> { const v = await heavy(3_000_000); order.push(`task ${v > 0}`); }
async function d2(): Promise<void> { await null; order.push('null'); }
async function d3(): Promise<void> { await Promise.resolve(); order.push('resolved'); }

// (e) an async task's call does not hold an await of a value made after it: its own awaits took microtasks too.
async function e1(): Promise<void> { order.push(`async task ${await twiceLater(3)}`); }
async function e2(): Promise<void> { order.push(`helper ${await settle(4)}`); }

// (f) a microtask queued, and a settled promise's callback given, before a later task's await: they come first
// (np64's min-a10-micro-order, min-a10-then); a callback chained to another runs after the awaits it lets by.
const given: string[] = [];
async function f1(): Promise<void> { given.push(`f1 ${await heavy(2_000_000) > 0}`); given.push(`f1 again ${await heavy(1_000_000) > 0}`); }
async function f2(): Promise<void> {
  const x = heavy(2_500_000);
  queueMicrotask(() => given.push('queued'));
  Promise.resolve().then(() => given.push('then')).then(() => given.push('then again'));
  given.push(`f2 ${await x > 0}`);
}

// (g) a settled promise's callback given while no task's await is unresumed, then a task's await reached: the callback
// runs first, as the plain one did; the one chained to it comes after the await resumes (it came a microtask later).
const early: string[] = [];
async function g1(): Promise<void> {
  Promise.resolve().then(() => early.push('micro 1')).then(() => early.push('micro 2'));
  early.push(`g1 ${await heavy(1_000_000) > 0}`);
}

// (h) `Promise.resolve(p)` of a pending promise is p: its callback waits for p, not for nothing (rv73's
// r-then-resolve-pending ran it before the task's await that plain resumed first).
const adopted: string[] = [];
async function h1(): Promise<void> {
  let open!: () => void;
  const pending = new Promise<void>((r) => { open = r; });
  Promise.resolve(pending).then(() => adopted.push('f'));
  const done = (async () => { adopted.push(`h ${await heavy(1_000_000) > 0}`); })();
  open();
  await done;
  await new Promise((r) => setTimeout(r, 5));
}

async function main(): Promise<void> {
  await Promise.all([reader(), writer()]);
  await Promise.all([worker(1), worker(2), ticker()]);
  await Promise.all([cached(), interleaved()]);
  const ds = Promise.all([d1(), d2(), d3()]);
  Promise.resolve().then(() => order.push('then'));
  queueMicrotask(() => order.push('microtask'));
  await ds;
  await Promise.all([e1(), e2()]);
  console.log('d e', order.join(' | '));
  await Promise.all([f1(), f2()]);
  console.log('f', given.join(' | '));
  await g1();
  console.log('g', early.join(' | '));
  await h1();
  console.log('h', adopted.join(' | '));
  fillWith(shared, 5);
  await null;
  console.log('d', shared.join(','));
}
void main();
