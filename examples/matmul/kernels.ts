/**
 * Blocked matrix multiplication, as in the PyCOMPSs matmul application: matrices are N×N grids of B×B blocks,
 * each block a row-major Float64Array, and C += A·B is N³ multiply-accumulate tasks, one per block triple.
 */
import { random } from '../random';

/**
 * A B×B block of values in [-1, 1).
 * @task
 */
export function generateBlock(seed: number, size: number): Float64Array {
  const next = random(seed);
  const block = new Float64Array(size * size);
  for (let i = 0; i < block.length; i++) block[i] = next() * 2 - 1;
  return block;
}

/**
 * c += a·b for B×B blocks. Every A and B block is read by N tasks: recurrent read-only.
 * The i-k-j loop order walks rows of b and c contiguously.
 * @task
 * @rro a
 * @rro b
 */
export function multiplyAccumulate(c: Float64Array, a: Float64Array, b: Float64Array, size: number): void {
  for (let i = 0; i < size; i++) {
    const row = i * size;
    for (let k = 0; k < size; k++) {
      const aik = a[row + k];
      const bRow = k * size;
      for (let j = 0; j < size; j++) c[row + j] += aik * b[bRow + j];
    }
  }
}
