// The program writes objects through an array method's callback over an array made there (`[left, right].forEach((b)
// => b.fill(0))`, `[o].some(…)`, `buckets.filter(f).forEach(…)`, `img.subarray(0, w).forEach((v, i, row) => …)`):
// each is a write of those objects, so the next task reads the change (tester np36: every one read the contents from
// before, as if the callback only read: `forEach` returns nothing, which made the call look like a read).
import { accumulate, total, keysum, blurRow, scaled } from './kernels';

function setX(q: Record<string, number>) { q.x = 7; }

const left = new Float64Array(4), right = new Float64Array(4);
for (let round = 0; round < 3; round++) {
  accumulate(left, [1, 2, 3, 4, 5]);
  accumulate(right, [10, 20]);
  console.log('round', round, total(left), total(right));
  [left, right].forEach((buf) => buf.fill(0));
}

const o: Record<string, number> = { x: 1, y: 2 };
console.log(keysum(o));
[o].forEach((q) => { q.x = 100; });
console.log(keysum(o));
[o].some((q) => { q.y = 5; return true; });
console.log(keysum(o));
[o].forEach(setX);
console.log(keysum(o));
Object.values({ o }).forEach((q) => { q.y = 0; });
console.log(keysum(o));

const buckets = [new Float64Array(4), new Float64Array(4), new Float64Array(4)];
for (let round = 0; round < 3; round++) {
  buckets.forEach((b, i) => accumulate(b, [round + i, 2 * round + i + 3, 7]));
  const sums = buckets.map((b) => total(b));
  console.log('buckets', round, sums.join(' '));
  buckets.filter((b, i) => sums[i] > 20).forEach((b) => b.fill(0));
  buckets.slice(0, 1).forEach((b) => { b[3] = 1; });
}

const img = new Uint8Array(16).map((_, i) => (i * 29) % 256);
blurRow(img, 8);
img.subarray(0, 8).forEach((v, i, row) => { row[i] = 255 - v; });
blurRow(img, 8);
console.log(img.join(','));

// Task results in an array made there, written through its callback (tester np36's futrec: the next task read the
// results as the tasks left them).
const x = scaled(6), y = scaled(7);
[x, y].forEach((b) => b.fill(3));
console.log(total(x), total(y));
const held = { p: scaled(2), q: scaled(3) };
Object.values(held).forEach((b) => b.fill(1));
console.log(total(held.p), total(held.q));
