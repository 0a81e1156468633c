import { accumulate, sum } from './kernels';
const pieces = [new Float64Array(2), new Float64Array(2)];
setTimeout(() => { const s = sum(pieces[0]); console.log(s + 1); }, 0);
Promise.resolve(1).then(() => { const s = sum(pieces[1]); console.log(s + 2); });
pieces.forEach((p) => { const s = sum(p); if (s >= 0) console.log(s + 3); });
// Another object at each pass (the loop's own name, the callback's parameter): no "written at every step" note.
for (const p of pieces) accumulate(p, 1);
pieces.forEach((p) => accumulate(p, 2));
