// External-sort style: runs filled, sorted in place by a task and pushed; then merged pairwise by a helper that makes
// the merged array, logs its sizes and returns it. Each level's merges are submitted together.
import { sortRun, mergeRuns } from './kernels';
function merged(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  mergeRuns(a, b, out);
  console.log('merging', a.length, '+', b.length);
  return out;
}
let seed = 42;
const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const runs: Float64Array[] = [];
for (let r = 0; r < 8; r++) {
  const run = new Float64Array(500).map(() => rand());
  sortRun(run);
  runs.push(run);
}
let level = runs;
while (level.length > 1) {
  const next: Float64Array[] = [];
  for (let i = 0; i + 1 < level.length; i += 2) next.push(merged(level[i], level[i + 1]));
  level = next;
}
const all = level[0];
let ok = true;
for (let i = 1; i < all.length; i++) if (all[i - 1] > all[i]) ok = false;
console.log('sorted', ok, all.length, all[0].toFixed(6), all[all.length - 1].toFixed(6));
