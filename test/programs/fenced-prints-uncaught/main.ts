// Prints of strings and numbers between fenced task calls (carried-fences.ts) wait for nothing: the loop runs its
// tasks together, and a failed task's error still comes before what the plain program never printed.
import { normalize, scale } from './kernels';
interface Rec { name: string; xs: Float64Array }
function prep(rec: Rec) { scale(rec.xs, 2); console.log('scaled', rec.name); normalize(rec.xs); console.log('normalized', rec.name, rec.xs.length); }
const recs: Rec[] = [{ name: 'a', xs: new Float64Array([1, 2]) }, { name: 'n', xs: new Float64Array([-1, 2]) }, { name: 'b', xs: new Float64Array([3, 2]) }];
for (const r of recs) { prep(r); console.error('after', r.name); }
console.log('end');
