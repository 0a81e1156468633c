// Recursive functions whose task calls write through parameters (views, a tree's nodes): each call's fences are carried
// out to its caller, the recursive calls included (carried-fences.ts), so the leaves of a divide-and-conquer run
// together and the program fences once, before it reads. One that reads what its tasks wrote (peekSorted) fences before it
// reads; a print of numbers and strings waits for nothing.
import { sortLeaf, mergeHalves, scale, checkSorted } from './tasks';
function msort(a: Float64Array, depth: number): void {
  if (depth === 0) { sortLeaf(a); return; }
  const mid = a.length >> 1;
  msort(a.subarray(0, mid), depth - 1);
  msort(a.subarray(mid), depth - 1);
  mergeHalves(a, mid);
}
interface Node { xs: Float64Array; kids: Node[] }
function grow(node: Node, k: number): void {
  scale(node.xs, k);
  for (const kid of node.kids) grow(kid, k + 1);
}
function peekSorted(a: Float64Array, depth: number): number {
  if (depth === 0) { sortLeaf(a); return a[0]; }
  const mid = a.length >> 1;
  const l = peekSorted(a.subarray(0, mid), depth - 1);
  const r = peekSorted(a.subarray(mid), depth - 1);
  return Math.min(l, r);
}
const data = new Float64Array(64).map((_, i) => (i * 37) % 64);
msort(data, 3);
console.log(checkSorted(data), Array.from(data.subarray(0, 8)).join(' '));
const tree: Node = { xs: new Float64Array([1, 2]), kids: [{ xs: new Float64Array([3]), kids: [] }, { xs: new Float64Array([4]), kids: [{ xs: new Float64Array([5]), kids: [] }] }] };
grow(tree, 2);
console.log(tree.xs[1], tree.kids[1].kids[0].xs[0]);
const other = new Float64Array(32).map((_, i) => (i * 13) % 32);
console.log(peekSorted(other, 2));
console.log(Array.from(other.subarray(0, 4)).join(' '));
