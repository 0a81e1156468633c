// Methods whose value combines several task results (`max(this.xs) - sum(this.xs)`), called directly and from a loop
// that makes their calls ahead (their halves, registered in a static block): the direct call must wait for both
// values (tester np34's p04/p12: the method body was left with bare submissions and printed NaN).

/** @task */
export function sum(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }

/** @task */
export function max(xs: number[]): number { return Math.max(...xs); }

/** @task */
export function stats(xs: number[]): { mean: number; n: number } { return { mean: sum(xs) / xs.length, n: xs.length }; }

class Series {
  constructor(public xs: number[]) {}
  spread(): number { return max(this.xs) - sum(this.xs); }
  scaled(k: number): number { return max(this.xs) - sum(this.xs) / k; }
  both(): [number, number] { return [max(this.xs), sum(this.xs)]; }
  record(): { m: number; s: number } { return { m: max(this.xs), s: sum(this.xs) }; }
  static compare(a: Series, b: Series): number { return stats(a.xs).mean - stats(b.xs).mean; }
}

const a = new Series([1, 2, 3]);
const b = new Series([4, 5]);
console.log(a.spread(), a.scaled(3), a.both(), a.record(), Series.compare(a, b));
const all = [a, b, new Series([7, 8, 9, 10])];
const spreads: number[] = [];
for (const s of all) spreads.push(s.spread());
console.log(spreads, all.map((s) => Series.compare(s, a)));
