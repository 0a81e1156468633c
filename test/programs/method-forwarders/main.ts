// Methods that only hand on a task's result (method forwarders): planned calls get the Future and run in parallel;
// any other call (an override, super, a look-alike object, a method taken as a value) gets the value, as in plain code.
import { peak, root, scale, total } from './kernels';
import { Ledger } from './model';

const log = (...xs: unknown[]) => console.log(xs.map((x) => (typeof x === 'number' ? x.toFixed(3) : String(x))).join(' '));
const strip = (n: number, v: number) => Float64Array.from({ length: n }, (_, i) => v + i);

// 1: a method returning a task's result, called from map, a loop, and inside a template.
class Part {
  constructor(readonly name: string, readonly cells: Float64Array) {}
  total() { return total(this.cells); }
  peakAbove(floor: number) { const f = floor * 2; return peak(this.cells, f); }
  peakOver(floor: number) { return peak(this.cells, floor); }
  report() { return `${this.name}=${this.total().toFixed(1)}`; }
  static sumOf(a: Float64Array) { return total(a); }
}
const parts = [1, 2, 3, 4].map((v) => new Part(`p${v}`, strip(1000, v)));
const totals = parts.map((p) => p.total());
log('1 totals', ...totals);
const peaks: number[] = [];
for (const p of parts) peaks.push(p.peakAbove(500));
log('1 peaks', ...peaks);
log('1 report', parts.map((p) => p.report()).join(' '));
log('1 static', Part.sumOf(strip(10, 1)), [strip(4, 2), strip(4, 3)].map((a) => Part.sumOf(a)).join(','));

// 2: a subclass overriding the method with plain code, and one calling super: each gets the value it computes.
class Doubled extends Part {
  total() { return 2 * super.total(); }
}
class Fixed extends Part {
  total() { return 42; }
}
const mixed: Part[] = [new Part('a', strip(10, 1)), new Doubled('b', strip(10, 1)), new Fixed('c', strip(10, 1))];
log('2 mixed', ...mixed.map((p) => p.total()));
log('2 sum', mixed.reduce((s, p) => s + p.total(), 0));
// An argument that is a task's value reaches whichever method runs: a value, not a Future, even for an override.
class Floored extends Part {
  peakOver(floor: number) { return floor * 10; }
}
const floors: Part[] = [new Part('f', strip(10, 1)), new Floored('g', strip(10, 1))];
log('2 floors', ...floors.map((p) => p.peakOver(Part.sumOf(strip(3, 1)))));

// 3: an object of another shape where the type says Part, and the method taken as a value: plain values.
const lookalike = { name: 'l', cells: strip(3, 1), total: () => -1, peakAbove: (f: number) => f, report: () => 'l', } as unknown as Part;
log('3 lookalike', lookalike.total(), [lookalike, parts[0]].map((p) => p.total()).join(','));
const taken = parts[1].total;
log('3 taken', taken.call(parts[2]), parts.map((p) => taken.call(p)).join(','));

// 4: the object changed after the call: the task read it as it was at the call, as the plain call did.
const live = new Part('live', strip(5, 1));
const before = live.total();
live.cells[0] = 100;
const after = live.total();
log('4 live', before, after);
scale(live.cells, 2);
log('4 scaled', live.total(), live.cells[0]);

// 5: a failure inside a try block, through the method.
class Radius {
  constructor(readonly area: number) {}
  side() { return root(this.area); }
}
for (const area of [16, -1, 25]) {
  try {
    log('5 side', new Radius(area).side());
  } catch (e) {
    log('5 failed', (e as Error).message);
  }
}

// 6: a class of another module: its method claims the calls planned here too.
const ledgers = ['x', 'y'].map((n, i) => new Ledger(n, strip(6, i)));
log('6 ledgers', ...ledgers.map((l) => l.balance()));

// 7: a method that is no function at run time fails as the plain call did.
const broken = new Part('broken', strip(2, 1));
(broken as unknown as { total: unknown }).total = 5;
try { log('7 broken', broken.total()); } catch (e) { log('7 failed', (e as Error).message); }
