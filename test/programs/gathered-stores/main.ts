// Slots of an array gathering task results that the program stores into (tester #19's F10: a swap emitted a wait as
// a destructuring target, invalid JavaScript): a store needs no wait, the values read on the right do.
import { replica } from './kernels';

const reps = [1, 2, 3, 4].map((t) => replica(t));
[reps[0], reps[1]] = [reps[1], reps[0]];
({ r: reps[2] } = { r: [9, 9] });
for (reps[3] of [[7, 7]]) console.log('looped', reps[3]);
reps[1] = replica(5);
console.log(JSON.stringify(reps));
