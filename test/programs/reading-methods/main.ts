// A split loop's body may call the program's own code that only reads (np70's min-method-template ran one call at a
// time): a method returning an expression of its fields, no subclass overriding it, or a `const` arrow doing the same.
// Not a method that writes, nor one a subclass overrides with one that writes.
/** @task */
export function heavy(xs: number[]): number {
  let s = 0;
  for (let r = 0; r < 500_000; r++) s = (s + xs[r % xs.length] * r) % 1_000_003;
  return s;
}

class Series {
  constructor(public xs: number[], private label: string) {}
  score(): number { return heavy(this.xs); }
  last(): number { return this.xs[this.xs.length - 1]; }
  name(prefix: string): string { return `${prefix}-${this.label}`; }
}

const all = [new Series([1, 2], 'a'), new Series([3, 4], 'b'), new Series([5, 6], 'c'), new Series([7, 8], 'd')];
const lines: string[] = [];
for (const s of all) lines.push(`${s.name('s')} last=${s.last()} score=${s.score()}`);
console.log(lines.join('\n'));

const half = (x: number) => x / 2;
let sum = 0;
for (const s of all) sum += half(s.last()) + heavy(s.xs);
console.log('sum', sum);

// A method that writes: the loop stays as written.
class Counter {
  seen = 0;
  constructor(public xs: number[]) {}
  mark(): number { return this.seen++; }
}
const counters = all.map((s) => new Counter(s.xs));
for (const c of counters) console.log('mark', c.mark(), heavy(c.xs));

// Overridden by a subclass whose method writes what a later call reads: stays as written.
class Base {
  constructor(public xs: number[]) {}
  peek(): number { return this.xs[0]; }
}
class Bumping extends Base {
  peek(): number { return this.xs[0]++; }
}
const bases: Base[] = [new Base([1, 2]), new Bumping([3, 4]), new Base([5, 6])];
for (const b of bases) console.log('peek', b.peek(), heavy(b.xs));
