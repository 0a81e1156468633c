// Private fields (`#data`) that only the class's code names: a task writing `this.#data` is submitted and each other
// reference waits for that instance's object, so calls on several instances run side by side (tester #23's np24/r13).
import { scale, total, addInto } from './kernels';

class Signal {
  #data = new Float64Array(20000).fill(1);
  static #made = 0;
  readonly id: number;
  constructor() { this.id = Signal.#made++; }
  amplify(f: number): void { scale(this.#data, f); }
  get first(): number { return this.#data[0]; }
  set first(v: number) { this.#data[0] = v; }
  sum(): number { return total(this.#data); }
  mergeFrom(other: Signal): void { addInto(this.#data, other.#data); }
  reset(): void { this.#data = new Float64Array(20000).fill(2); }
  summary(): string { return `#${this.id} n=${this.#data.length} head=${[...this.#data.subarray(0, 2)].map((x) => x.toFixed(3)).join(',')} last=${this.#data.at(-1)!.toFixed(3)}`; }
}

const sigs = [new Signal(), new Signal(), new Signal()];
sigs.forEach((s, i) => s.amplify(i + 2));
console.log('firsts', sigs.map((s) => s.first.toFixed(3)).join(' '));
// A main-thread write between tasks: the next task reads it.
sigs[0].first = 100;
console.log('sum0', sigs[0].sum().toFixed(3));
sigs[1].mergeFrom(sigs[2]);
console.log(sigs[1].summary());
// A fresh object replaces the field while a task on the old one may still run.
sigs[2].amplify(5);
sigs[2].reset();
console.log(sigs[2].summary());
// A failing task: the caller's catch sees its error, as the plain call threw it there.
try {
  sigs[0].amplify(-1);
  console.log('not reached');
} catch (e) {
  console.log('caught', (e as Error).message);
}
console.log(sigs[0].summary());

/** A field handed out (`raw()` returns it): the caller may hold it, so its tasks are fenced, as before. */
class Leaky {
  #buf = new Float64Array(1000).fill(3);
  grow(): void { scale(this.#buf, 3); }
  raw(): Float64Array { return this.#buf; }
}
const leaky = new Leaky();
const held = leaky.raw();
leaky.grow();
console.log('leaky', held[0].toFixed(3));

/** A field set from outside (`this.#w = w`): another name holds it, so it is not followed either. */
class Given {
  #w: Float64Array;
  constructor(w: Float64Array) { this.#w = w; }
  boost(): void { scale(this.#w, 2); }
}
const shared = new Float64Array(10).fill(1);
const given = new Given(shared);
given.boost();
console.log('given', shared[0].toFixed(3));
