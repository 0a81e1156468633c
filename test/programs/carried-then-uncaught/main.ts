// A function whose task call is fenced by its callers (carried-fences.ts), called at the top level; its task fails,
// and the next statement throws on its own, with no `throw` statement the plan could fence before. The plain program
// died of the failure at the call and never reached `bad.length = -1`: so does this one, with that error alone, what
// it printed before the call, and its exit listener's line.
import { normalize, scale } from './kernels';

interface Rec { name: string; xs: Float64Array }

function prep(rec: Rec) {
  scale(rec.xs, 2);
  normalize(rec.xs);
}

process.on('exit', (code) => console.log('exit listener', code));
prep({ name: 'fine', xs: new Float64Array([1, 2]) });
console.log('after fine');
prep({ name: 'negative', xs: new Float64Array([-1, 2]) });
console.log('never printed by the plain program');
const bad: number[] = [];
bad.length = -1;
