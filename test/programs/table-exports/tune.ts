import { Extra } from './barrel';
import * as patched from './patched';

export function tune(): void {
  Extra['norm'] = (a: Float64Array) => a.length;
  patched.default.measure = (a: Float64Array) => -a.length;
}
