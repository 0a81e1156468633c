import { Extra } from './barrel';

export function tune(): void {
  Extra['norm'] = (a: Float64Array) => a.length;
}
