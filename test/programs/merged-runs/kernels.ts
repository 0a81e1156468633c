/** @task */
export function sortRun(run: Float64Array): void { run.sort(); }
/** @task */
export function mergeRuns(a: Float64Array, b: Float64Array, out: Float64Array): void {
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
}
