import { scale } from './kernels';
// A function of an exported namespace that hands its parameter to a task: other modules call it as `Ops.run(…)`.
export namespace Ops { export function run(xs: number[], m: number): void { scale(xs, m); } }
