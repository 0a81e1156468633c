// Prints of strings and numbers between fenced task calls (carried-fences.ts) wait for nothing: each loop runs its
// tasks together, and when one fails, what the plain program printed before its catch is what this one prints.
import { normalize, scale } from './kernels';

interface Rec { name: string; xs: Float64Array }

function prep(rec: Rec) {
  scale(rec.xs, 2);
  console.log('scaled', rec.name);
  normalize(rec.xs);
  console.log('normalized', rec.name);
}

const recs: Rec[] = [{ name: 'a', xs: new Float64Array([1, 2]) }, { name: 'n', xs: new Float64Array([-1, 2]) }, { name: 'b', xs: new Float64Array([3, 2]) }];
for (const r of recs) {
  try { prep(r); console.log('ok', r.name); } catch (e) { console.log('caught', (e as Error).message, r.name); }
  console.log('next');
}
console.log(recs.map((r) => r.xs[0]).join(' '));

class Batch {
  constructor(private recs: Rec[]) {}
  run(): void { for (const r of this.recs) this.one(r); }
  private one(r: Rec): void {
    scale(r.xs, 3);
    console.log(`step ${r.name}`);
    normalize(r.xs);
    console.warn('warned', r.name, r.xs.length);
  }
}
const batch = new Batch([{ name: 'c', xs: new Float64Array([1, 2]) }, { name: 'd', xs: new Float64Array([4, 2]) },
  { name: 'm', xs: new Float64Array([-3, 2]) }, { name: 'e', xs: new Float64Array([3, 2]) }]);
try { batch.run(); } catch (e) { console.log('batch failed:', (e as Error).message); }
console.log('done');
