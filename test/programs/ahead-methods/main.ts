// Method forwarders in split loops and callbacks: a call that reaches the method the plugin read runs ahead of its turn
// (all the parts' sums side by side); one reaching anything else (an override that prints and writes a later part, a
// look-alike object, a reassigned method, no function) is made at its turn, and so is every later call of that pass.
import { Counted, Expr, Noisy, Part } from './shapes';
const parts: Part[] = [1, 2, 3, 4].map((i) => new Part('p' + i, new Float64Array(1000 * i).fill(i)));
const sums = new Map<string, number>();
for (const p of parts) sums.set(p.name, p.sum());
console.log('sums', [...sums]);
const timesTwo = parts.map((p) => p.times(2));
console.log('times', timesTwo);
// An override in the middle, writing a later part: plain sums see 1000 in parts[3].
const mixed: Part[] = [parts[0], new Noisy('n', new Float64Array(10).fill(5), parts[3]), parts[2], parts[3]];
for (const p of mixed) console.log('mixed', p.name, p.sum());
mixed.forEach((p) => console.log('forEach', p.name, p.sum() + 0.5));
const viaMap = mixed.map((p) => p.sum() + 0.5);
console.log('viaMap', viaMap);
// A look-alike object where the type says Part.
const fake = { name: 'fake', sum: () => { console.log('fake sum'); return 7; }, times: (k: number) => k } as unknown as Part;
const withFake = [parts[1], fake, parts[0]].map((p) => p.sum());
console.log('withFake', withFake);
// A getter read by the method: runs at its turn.
const counted = [new Counted(new Float64Array(5).fill(2)), new Counted(new Float64Array(6).fill(3))];
let c = 0;
for (const x of counted) { c += x.sum(); console.log('calls so far', Counted.calls); }
console.log('counted', c);
const exprs = [new Expr(new Float64Array(3).fill(1)), new Expr(new Float64Array(4).fill(2))];
console.log('expr', exprs.map((e) => e.sum()));
// A method reassigned on one object.
const odd = Part.of('odd', 4);
(odd as unknown as { sum: () => number }).sum = () => { console.log('odd reassigned'); parts[0].data[1] = 50; return -1; };
const r: number[] = [];
for (const p of [odd, parts[0]]) r.push(p.sum());
console.log('reassigned', r);
// A non-function where the type says one.
const broken = { name: 'b', sum: 3 } as unknown as Part;
try { const xs = [parts[0], broken].map((p) => p.sum()); console.log(xs); } catch (e) { console.log('caught', (e as Error).message); }
