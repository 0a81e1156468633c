// A method whose task call its callers fence for, on a class with subclasses declared here (np67's
// min-subclass-serializes: an unused subclass made every call wait as the method returned, one call at a time).
import { smooth } from './kernels';

class Signal {
  readonly samples = new Float64Array(50_000).map((_, i) => (i * 7) % 13);
  filter(passes: number): void { smooth(this.samples, passes); }
  first(): number { return this.samples[1]!; }
}

class Labeled extends Signal {
  constructor(readonly label: string) { super(); }
  // Reads what the call wrote at once: the fence comes right after the call, in the subclass's own method.
  describe(): string { this.filter(3); return `${this.label}:${this.samples[2]!.toFixed(6)}`; }
  twice(): void { super.filter(2); this.filter(2); }
}

class Deep extends Labeled {
  peek(): number { return this.first(); }
}

// (a) Instances of the class and of its subclasses, each filtered in one loop: side by side.
const bank = [new Signal(), new Labeled('b'), new Deep('c'), new Signal()];
for (const s of bank) s.filter(40);
console.log('bank', bank.map((s) => s.samples[3]!.toFixed(6)).join(' '));

// (b) The subclasses' own calls, through `this` and `super`.
const l = new Labeled('x');
console.log('describe', l.describe());
const d = new Deep('y');
d.twice();
console.log('peek', d.peek().toFixed(6), d.samples[4]!.toFixed(6));

// (c) A family where a subclass overrides the method: the override reads what it wrote before returning.
class Meter {
  readonly xs = new Float64Array(20_000).map((_, i) => i % 5);
  run(passes: number): number { smooth(this.xs, passes); return 0; }
}
class LoudMeter extends Meter {
  override run(passes: number): number { super.run(passes); return this.xs[7]!; }
}
const meters: Meter[] = [new Meter(), new LoudMeter(), new Meter()];
console.log('meters', meters.map((m) => m.run(5)).map((v) => v.toFixed(6)).join(' '), meters[1]!.xs[9]!.toFixed(6));

// (d) A subclass's instance reached through an interface only the subclass matches (rv71's r-subclass-interface):
// that call may run the method too, so the method is not in sight: it waits on return, and the read sees the write.
class Tone {
  readonly pitch = 440; // (a field no Signal has: a Signal is no Tone, structurally)
  readonly samples = new Float64Array(50_000).map((_, i) => (i * 3) % 11);
  filter(passes: number): void { smooth(this.samples, passes); }
}
class LabeledTone extends Tone { constructor(readonly toneLabel: string) { super(); } }
interface Named { readonly toneLabel: string; readonly pitch: number; readonly samples: Float64Array; filter(passes: number): void }
function show(n: Named): void {
  n.filter(30);
  console.log('named', n.toneLabel, n.samples[40_000]!.toFixed(6));
}
const tone = new Tone();
tone.filter(1);
console.log('tone', tone.samples[2]!.toFixed(6));
show(new LabeledTone('z'));
