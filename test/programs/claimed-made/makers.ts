// Exported helpers that make an object, have a task fill it and return it: other modules call them, so they claim
// their planned calls (a call no plan made gets the object with the task's write waited for).
import { fillWith, smoothInto } from './kernels';
const SIZE = 6;
export function made(v: number): Float64Array {
  const out = new Float64Array(SIZE);
  fillWith(out, v);
  return out;
}
export const smoothed = (src: Float64Array): Float64Array => {
  const out = new Float64Array(src.length);
  smoothInto(src, out);
  return out;
};
