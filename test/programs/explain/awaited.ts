import { sum } from './kernels';
// `await sum(…)` blocks nothing: the jobs' tasks run side by side, each job resuming once its own has finished.
async function job(part: Float64Array): Promise<number> {
  return await sum(part);
}
async function main(): Promise<void> {
  const parts = [new Float64Array(2), new Float64Array(3)];
  const sums = await Promise.all(parts.map(job));
  console.log(sums.join(','));
}
void main();
