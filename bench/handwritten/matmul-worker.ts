/**
 * The piscina worker of the hand-written matmul baselines: the same kernels as examples/matmul, called the way a
 * Node user would call them without taskify. `shared` blocks live in SharedArrayBuffers and C is updated in place;
 * otherwise A and B travel by structured clone (a copy per task) and C is transferred in and back.
 */
import { move } from 'piscina';
import { generateBlock, multiplyAccumulate } from '../../examples/matmul/kernels';

export interface GenerateJob { kind: 'generate'; seed: number; size: number; shared: boolean }
export interface MultiplyJob { kind: 'multiply'; c: Float64Array; a: Float64Array; b: Float64Array; size: number; shared: boolean }

export default function run(job: GenerateJob | MultiplyJob): unknown {
  if (job.kind === 'multiply') {
    multiplyAccumulate(job.c, job.a, job.b, job.size);
    // A shared C was updated where the main thread sees it; a private one goes back without a copy.
    return job.shared ? undefined : move(job.c);
  }
  const block = generateBlock(job.seed, job.size);
  if (!job.shared) return move(block);
  const shared = new Float64Array(new SharedArrayBuffer(block.byteLength));
  shared.set(block);
  return shared;
}
