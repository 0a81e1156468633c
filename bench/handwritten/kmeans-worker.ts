/**
 * The piscina worker of the hand-written k-means baselines: the same kernels as examples/kmeans, called the way
 * a Node user would call them without taskify. `shared` fragments live in SharedArrayBuffers (zero copy);
 * otherwise they travel by structured clone, a copy per task.
 */
import { generateFragment, partialSum } from '../../examples/kmeans/kernels';

export interface GenerateJob { kind: 'generate'; seed: number; points: number; dims: number; clusters: number; shared: boolean }
export interface PartialJob { kind: 'partial'; fragment: Float64Array; dims: number; centers: Float64Array }

export default function run(job: GenerateJob | PartialJob): Float64Array {
  if (job.kind === 'partial') return partialSum(job.fragment, job.dims, job.centers);
  const fragment = generateFragment(job.seed, job.points, job.dims, job.clusters);
  if (!job.shared) return fragment;
  const shared = new Float64Array(new SharedArrayBuffer(fragment.byteLength));
  shared.set(fragment);
  return shared;
}
