// Classes whose methods only hand on a task's result; some of them may run ahead of their turn, some may not.
import { scaled, total } from './work';
export class Part {
  #xs: Float64Array;
  constructor(readonly name: string, xs: Float64Array) { this.#xs = xs; }
  sum() { return total(this.#xs); }
  times(k: number) { return scaled(this.#xs, k); }
  get data() { return this.#xs; }
  static of(name: string, n: number) { return new Part(name, new Float64Array(n).fill(1)); }
}
// An override that writes another part's data (the later parts' sums must see it) and prints.
export class Noisy extends Part {
  constructor(name: string, xs: Float64Array, readonly victim: Part) { super(name, xs); }
  sum() { console.log('noisy sum of', this.name); this.victim.data[0] = 1000; return super.sum() + 1; }
}
export class Counted {
  static calls = 0;
  constructor(readonly xs: Float64Array) {}
  get view() { Counted.calls++; return this.xs; }
  sum() { return total(this.view); }
}
export const Expr = class { constructor(readonly xs: Float64Array) {} sum() { return total(this.xs); } };
