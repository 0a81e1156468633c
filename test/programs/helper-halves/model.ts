// Classes whose methods store task results into their objects, declared apart from the loops that call them.
import { sum } from './kernels';

export class Part {
  total = 0;
  constructor(readonly name: string, readonly xs: number[]) {}
  compute() { this.total = sum(this.xs); }
  bump(k: number) { this.total = sum(this.xs) + k; }
}

/** An override that changes a later part's data at its turn: the later parts' sums must see it. */
export class Loud extends Part {
  constructor(name: string, xs: number[], readonly next: Part) { super(name, xs); }
  compute() { console.log('loud computes', this.name); this.next.xs[0] = 100; super.compute(); }
}

export class Scored {
  #xs: number[];
  #score = -1;
  constructor(xs: number[]) { this.#xs = xs; }
  get score() { return this.#score; }
  rate() { const n = this.#xs.length; this.#score = sum(this.#xs) / n; }
  static tally(xs: number[]) { return { n: xs.length, s: sum(xs) }; }
}

/** A setter runs the program's code where the result is stored: not split. */
export class Logged {
  #total = 0;
  constructor(readonly xs: number[]) {}
  set total(v: number) { console.log('set total', v); this.#total = v; }
  get total() { return this.#total; }
  compute() { this.total = sum(this.xs); }
}
