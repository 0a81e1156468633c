/** @task */
export function sortLeaf(a: Float64Array): void { a.sort(); }
/** @task */
export function mergeHalves(a: Float64Array, mid: number): void {
  const left = a.slice(0, mid), right = a.slice(mid);
  let i = 0, j = 0, k = 0;
  while (i < left.length && j < right.length) a[k++] = left[i] <= right[j] ? left[i++] : right[j++];
  while (i < left.length) a[k++] = left[i++];
  while (j < right.length) a[k++] = right[j++];
}
/** @task */
export function scale(xs: Float64Array, k: number): void { for (let i = 0; i < xs.length; i++) xs[i] *= k; }
/** @task */
export function checkSorted(a: Float64Array): boolean { for (let i = 1; i < a.length; i++) if (a[i - 1] > a[i]) return false; return true; }
