import { Vec, scaledLength, countedLength, sq, Probe, swapEnds, bumpAll, Chain, listed, shout, scaleBy } from './kernels';

// G13: a getter that calls functions only reads its object; one that counts its reads writes it.
const v = new Vec(3, 4);
const lengths: number[] = [];
for (let k = 1; k <= 4; k++) lengths.push(scaledLength(v, k));
const counted: number[] = [];
for (let k = 1; k <= 3; k++) counted.push(countedLength(v, k));
console.log('lengths', lengths.join(' '), 'counted', counted.join(' '), 'reads', v.reads);

// G6: callbacks taking their element apart are split as `(p) => sq(p[0] + p[1])` is.
const pairs: Array<[number, number]> = [[1, 2], [3, 4], [5, 6]];
console.log('pairs', pairs.map(([a, b]) => sq(a + b)).join(' '));
const recs = [{ x: 1, y: 2 }, { x: 3, y: 4 }];
console.log('records', recs.map(({ x, y: why }) => sq(x * why)).join(' '));
console.log('entries', Object.entries({ u: 1, w: 2, z: 3 }).map(([k, n]) => `${k}=${sq(n)}`).join(' '));
console.log('sum', pairs.reduce((s, [a, b]) => s + sq(a * b), 0));
// A getter read by the pattern, or a default, would run twice in a split callback: joined at once, each map runs its
// callbacks in the plain order and waits for the array after the last.
console.log('getter', [new Probe(1), new Probe(2)].map(({ v }) => sq(v)).join(' '));
const short: number[][] = [[1], [2, 3]];
console.log('default', short.map(([a, b = pairs.length]) => sq(a + b)).join(' '));

// G4: a destructuring swap of records is a write of the array, not a parameter let out; the records stay the
// caller's (a name held across the swap sees the later task's write).
const people = [{ n: 1 }, { n: 2 }, { n: 3 }], others = [{ n: 4 }, { n: 5 }];
const held = people[0];
swapEnds(people); swapEnds(others);
bumpAll(people);
console.log('swapped', people.map((o) => o.n).join(), others.map((o) => o.n).join(), held.n, people[2] === held);
held.n = 100;
bumpAll(people);
console.log('after', people.map((o) => o.n).join());

// G5: a method walking its list with a cursor only reads it, and a result of strings holds none of it; a walk that
// changes the nodes writes it.
const chain = new Chain().add('a').add('b'), other = new Chain().add('c');
console.log('chains', listed(chain), listed(other), listed(chain));
const loud = shout(chain);
console.log('shouted', loud, listed(chain), listed(other));

// G8: a forwarder passed by name stays direct (its calls are not all in sight); explain says to call it in an arrow.
const triple = (v: Float64Array) => scaleBy(v, 3);
const arrays = [new Float64Array([1, 2]), new Float64Array([3])];
arrays.forEach(triple);
console.log('tripled', arrays.map((v) => v.join(',')).join(' '));

// Elements of an `as const` literal are a union of tuples: taken apart as a tuple is, in a loop or a callback.
for (const [net, cur] of [[10, 'EUR'], [5, 'GBP']] as const) console.log('gross', sq(net), cur);
console.log('const pairs', ([[1, 2], [3, 4]] as const).map(([a, b]) => sq(a * b)).join(' '));
