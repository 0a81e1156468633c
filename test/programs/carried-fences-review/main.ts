// Functions and methods whose calls are not all in sight, and places in a caller a carried fence must still reach
// (rv65's review of carried-fences.ts: each printed the values from before the task).
import { normalize, scale } from './kernels';

interface Rec { name: string; xs: Float64Array }
const rec = (name: string, v: number): Rec => ({ name, xs: new Float64Array(1000).fill(v) });

// A carried call in an `if` or `switch` condition: the branches run while its task is pending.
function bump(r: Rec, k: number): boolean {
  scale(r.xs, k);
  return r.name.length > 0;
}
const a = rec('a', 1);
if (bump(a, 3)) console.log('then', a.xs[0], a.xs[999]);
switch (bump(a, 5)) {
  case true: console.log('case', a.xs[0]); break;
  default: console.log('default');
}

// A carried call in a parameter's default value: it runs before the body, which reads the record.
function bumpOnce(r: Rec): number { scale(r.xs, 3); return 1; }
function withDefault(r: Rec, _u = bumpOnce(r)) { console.log('default value', r.xs[0]); }
withDefault(rec('d', 2));

// A method also reached by a key computed at run time.
class Layer {
  readonly w = new Float64Array(1000).fill(1);
  grow(k: number) { scale(this.w, k); return this; }
}
const layer = new Layer();
layer.grow(2);
const named = ['gr', 'ow'].join('');
(layer as any)[named](3);
console.log('computed key', layer.w[0]);

// Methods the language calls: a Proxy handler's trap, a property descriptor's accessor.
const state = { w: new Float64Array(1000).fill(1), keys: [] as string[] };
class Handler {
  get(t: Rec, k: string) { scale(t.xs, 3); return k.length; }
}
const target = rec('t', 2);
const proxied = new Proxy(target, new Handler() as unknown as ProxyHandler<Rec>);
console.log('trap', proxied.name, target.xs[0]);
class Descriptor {
  get() { scale(state.w, 3); return 7; }
}
const holder: { v?: number } = {};
Object.defineProperty(holder, 'v', new Descriptor() as PropertyDescriptor);
console.log('descriptor', holder.v, state.w[0]);

// A method a library base class calls by name: Map's constructor runs a subclass's `set`.
class Counts extends Map<string, number> {
  set(k: string, v: number) { scale(state.w, 2); state.keys.push(k + v); return this; }
}
const counts = new Counts([['a', 1], ['b', 2]]);
console.log('base class', counts.size, state.keys.join(','), state.w[0]);

// A throw after a carried call whose task failed: the task's error is the one the program dies of.
process.on('uncaughtException', (e) => console.log('died of', e.message));
function prep(r: Rec) { normalize(r.xs); }
for (const r of [{ name: 'neg', xs: new Float64Array([-1, 2]) }, { name: 'xok', xs: new Float64Array([1, 2]) }]) {
  prep(r);
  if (r.name.startsWith('x')) throw new Error('own ' + r.name);
}
