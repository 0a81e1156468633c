import { compute } from './k';

// What each task prints after its timer comes where the plain program printed it: right before its Promise settles,
// in the timers' order, not in the order the workers finish.
const ps = [1, 2, 3].map((n) => compute(n));
ps.forEach((p, i) => p.then((v) => console.log('settled', i + 1, v)));
