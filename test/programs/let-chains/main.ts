import { risky, scale, smooth, total } from './kernels';

const N = 100000;
const ramp = (k: number): Float64Array => Float64Array.from({ length: N }, (_, i) => ((i * k) % 17) + k);

// Two chains through `let`s that start as plain arrays: each step hands the last step's result on.
let a = ramp(1);
let b = ramp(2);
for (let i = 0; i < 3; i++) {
  a = smooth(a);
  b = smooth(b);
}
console.log('chains', a[5].toFixed(4), b[7].toFixed(4));

// A closure reading the variable later sees its value at that time.
let c = ramp(3);
const firstOfC = () => c[0];
c = smooth(c);
console.log('closure', firstOfC().toFixed(4));

// The program writes into a result, then the chain goes on from the changed array.
let d = ramp(4);
d = smooth(d);
d[10] = 1000;
d = smooth(d);
console.log('written', d[10].toFixed(4), d[11].toFixed(4));

// A task writing the result in place, then a read.
let e = ramp(5);
e = smooth(e);
scale(e, 2);
console.log('scaled', e[3].toFixed(4), total(e).toFixed(2));

// Conditional steps, an alias kept of the first array, identity tests.
let f = ramp(6);
const original = f;
for (let i = 0; i < 4; i++) if (i % 2 === 0) f = smooth(f);
console.log('cond', f[2].toFixed(4), original[2], f === original, f instanceof Float64Array);

// A failing step inside a try: the variable keeps what it held, as in plain code.
let g = ramp(7);
try {
  g = risky(g, 100);
  g = risky(g, 7);
} catch (error) {
  console.log('caught', (error as Error).message);
}
console.log('kept', g[0]);

// In a function: the chain's last value returned; a second chain waits nowhere in between.
function blur(times: number, seed: number): number {
  let p = ramp(seed);
  let q = ramp(seed + 1);
  for (let i = 0; i < times; i++) { p = smooth(p); q = smooth(q); }
  return p[4] + q[4];
}
console.log('blur', blur(2, 8).toFixed(4));

// A swap, and a `let` updated from itself, stay as they were.
let h = ramp(9);
let k = ramp(10);
[h, k] = [k, h];
h = smooth(h);
let sum = 0;
sum += total(h);
console.log('swap', h[1].toFixed(4), k[1], sum.toFixed(2));
