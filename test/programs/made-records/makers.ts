import { ramp } from './kernels';

/** Exported, so it claims its calls: a planned call gets the record pending, any other the record waited for. */
export function rampRecord(n: number, start: number): { out: Float64Array; n: number; label: string } {
  const out = new Float64Array(n);
  ramp(out, start);
  return { out, n, label: 'ramp' };
}
