// Methods whose callers bring their tasks' writes home (carried-fences.ts): a call that cannot be fenced where it
// stands fences as it returns (afterFence), and the method's other calls stay fenced by their callers.
import { accumulate } from './kernels';

class Acc {
  readonly data = new Float64Array(50000);
  constructor(start: number) {
    // (b) In a constructor no fence can follow the call: this one fences as it returns.
    if (start > 0) this.add(start);
  }
  add(k: number): this {
    accumulate(this.data, k);
    return this;
  }
  first(): number { return this.data[0]!; }
}

// (a) A loop over instances: their calls run side by side, though a chained call comes later (np63's K1).
const accs = [new Acc(0), new Acc(0), new Acc(0), new Acc(0)];
for (const [i, a] of accs.entries()) a.add(i + 1);
console.log('loop', accs.map((a) => a.data[3]!.toFixed(1)).join(' '));

// The chained call: each link fences as it returns, as the next link reads what the one before wrote.
const chained = new Acc(2).add(1).add(2);
console.log('chained', chained.first().toFixed(1), chained.data[6]!.toFixed(1));

// (c) A call whose statement looks at what it wrote.
const seen = accs[0]!.add(5).data[1]!;
console.log('seen', seen.toFixed(1));

// (d) Reassigned through a loop: each pass's call hands the same object on.
let acc = new Acc(0);
for (let i = 0; i < 3; i++) acc = acc.add(i);
console.log('reassigned', acc.first().toFixed(1), accs.map((a) => a.first().toFixed(1)).join(' '));
