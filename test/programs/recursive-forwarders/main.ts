// Divide and conquer written as plain recursion (PyCOMPSs' merge sort; np70's min-recursive-tree ran one leaf at a
// time): a function that calls itself, holds each inner call's value in a `const` and hands it whole to a task
// returns the task's Future, so every leaf and merge is submitted before anything is waited for.
/** @task */
export function sortChunk(xs: number[]): number[] {
  if (xs.includes(-1)) throw new Error(`bad chunk starting ${xs[0]}`);
  const out = xs.slice();
  for (let r = 0; r < 40; r++) out.sort((a, b) => a - b);
  return out;
}

/** @task */
export function merge(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) out.push(a[i] <= b[j] ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** @task */
export function leafSum(lo: number, hi: number): number {
  if (lo === 18 || lo === 22) throw new Error(`unlucky leaf ${lo}`);
  let s = 0;
  for (let k = 0; k < 400_000; k++) s = (s + k * (lo + hi)) % 1_000_003;
  return s;
}

/** @task */
export function add(a: number, b: number): number {
  return a + b;
}

function mergeSort(xs: number[], cutoff: number): number[] {
  if (xs.length <= cutoff) return sortChunk(xs);
  const mid = xs.length >> 1;
  const left = mergeSort(xs.slice(0, mid), cutoff);
  const right = mergeSort(xs.slice(mid), cutoff);
  return merge(left, right);
}

const treeSum = (lo: number, hi: number): number => {
  if (hi - lo <= 2) return leafSum(lo, hi);
  const mid = (lo + hi) >> 1;
  return add(treeSum(lo, mid), treeSum(mid, hi));
};

let seed = 7;
const data: number[] = [];
for (let i = 0; i < 4000; i++) { seed = (seed * 1103515245 + 12345) % 2147483648; data.push(seed % 100000); }
const sorted = mergeSort(data, 500);
console.log('sorted', sorted.length, sorted[0], sorted[1999], sorted[3999]);
console.log('sorted again', mergeSort(data.slice(0, 700), 500).slice(0, 3).join(' '));
console.log('tree', treeSum(0, 16));

// A failing leaf: caught where the plain call threw, with the error of the first leaf to fail in the plain order.
try {
  console.log('tree', treeSum(8, 24));
} catch (e) {
  console.log('caught', (e as Error).message);
}
const broken = data.slice(0, 2000);
broken[1700] = -1;
broken[300] = -1;
try {
  console.log('sorted', mergeSort(broken, 500).length);
} catch (e) {
  console.log('caught', (e as Error).message);
}

// A combination computed in this thread (`a + b`) is no task: the recursion runs one leaf at a time, as written.
function plainTree(lo: number, hi: number): number {
  if (hi - lo <= 2) return leafSum(lo, hi);
  const mid = (lo + hi) >> 1;
  return plainTree(lo, mid) + plainTree(mid, hi);
}
console.log('plain tree', plainTree(0, 8));
