/** What a matmul run prints: the same lines from every variant, so that they can be compared (the benchmark does). */

/** The sum of every element of C and its trace: enough to tell two products apart. */
export function checksums(c: Float64Array[][], size: number): { checksum: number; trace: number } {
  let checksum = 0;
  let trace = 0;
  for (let i = 0; i < c.length; i++) {
    for (let j = 0; j < c.length; j++) {
      const block = c[i][j];
      for (let x = 0; x < block.length; x++) checksum += block[x];
      if (i === j) for (let d = 0; d < size; d++) trace += block[d * size + d];
    }
  }
  return { checksum, trace };
}

export function printMatmul(run: { n: number; size: number; seconds: number }, sums: { checksum: number; trace: number }): void {
  const { n, size, seconds } = run;
  console.log(`matmul: ${n}×${n} blocks of ${size}×${size} (${n * size}×${n * size} matrices), ${n ** 3} multiply-accumulate tasks`);
  console.log(`checksum ${sums.checksum.toFixed(6)}; trace ${sums.trace.toFixed(6)}`);
  console.log(`time ${seconds.toFixed(2)} s`);
}
