import { scale } from './tasks.js';

export function update(values: Float64Array): void {
  scale(values, 2); // a parameter: the caller's caller may read it without a wait
}
