import { nearest, total, weighted } from './kernels';
import { brighten, keep } from './effects';

// Exported: another module may change them, so the plugin cannot follow them and checks them at every call.
export const image = Float64Array.from({ length: 1 << 16 }, (_, i) => i % 7);
export const settings = { scale: 2, offsets: [1, 2, 3] };
keep(image);

// The same image to 24 tasks, unchanged: one snapshot, read by all.
const sums: number[] = [];
for (let i = 0; i < 24; i++) sums.push(total(image));
console.log('unchanged', sums.join(','));

// Changed between calls by code the plugin cannot see (effects.ts holds the array): the task reads the change.
const changed: number[] = [];
for (let i = 0; i < 3; i++) {
  changed.push(total(image));
  brighten(1);
}
console.log('brightened', changed.join(','));

// Changed and changed back before the call: the last snapshot still holds the same contents.
image[3] = -1;
image[3] = 3;
console.log('restored', total(image));

// A record with an array: changed in place, replaced by an equal array, unchanged.
const scores: number[] = [];
for (let i = 0; i < 4; i++) {
  scores.push(weighted(image, settings));
  if (i === 0) settings.offsets[1] += 10;
  if (i === 1) settings.offsets = [...settings.offsets];
}
console.log('weighted', scores.join(','));

// k-means' shape: centers passed with every point, changed between rounds.
export const centers = [[0, 0], [10, 10]];
const points = [[1, 2], [9, 8], [4, 6], [7, 3]];
for (let round = 0; round < 3; round++) {
  const labels = points.map((p) => nearest(p, centers));
  console.log('round', round, labels.join(','));
  centers[0] = [centers[0][0] + 3, centers[0][1] + 3];
}
