/** What a k-means run prints: the same lines from every variant, so that they can be compared (the benchmark does). */
export function printKmeans(run: { points: number; dims: number; k: number; fragments: number; seconds: number },
  result: { centers: Float64Array; iterations: number }): void {
  const { points, dims, k, fragments, seconds } = run;
  console.log(`k-means: ${points} points, ${dims} dims, ${k} centers, ${fragments} fragments`);
  console.log(`converged after ${result.iterations} iterations; checksum of centers ${result.centers.reduce((a, b) => a + b, 0).toFixed(9)}`);
  for (let c = 0; c < k; c++) {
    const shown = Array.from(result.centers.subarray(c * dims, c * dims + Math.min(dims, 4)), (x) => x.toFixed(4)).join(' ');
    console.log(`center ${c}: ${shown}${dims > 4 ? ' …' : ''}`);
  }
  console.log(`time ${seconds.toFixed(2)} s`);
}
