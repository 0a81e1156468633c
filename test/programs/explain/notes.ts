import { accumulate, assemble, strip, sum } from './kernels';
import * as K from './kernels';
export const shared = new Float64Array(8); // exported: another module may change it, so each call copies it
export function analyse(image: Float64Array): number {
  let total = 0;
  for (let i = 0; i < 4; i++) { total += sum(strip(image, i, i + 2)); if (total > 1e9) i = 4; } // i changes: not split
  const parts: Float64Array[] = [];
  for (let i = 0; i < 4; i++) parts.push(strip(shared, i, i + 2));
  const count = assemble(parts);
  const first = sum(parts[0])!;
  const doubled = [1, 2].map((k) => { const s = sum(parts[k]); if (s < 0) throw new Error('negative'); return s * 2; });
  for (let i = 0; i < 2; i++) accumulate(image, i); // one object written at every step: a chain
  return total + count + first + doubled[0];
}
const pieces = [new Float64Array(2), new Float64Array(2)];
console.log(analyse(new Float64Array(8)), pieces.map(K.sum));
console.log(pieces.length);
pieces.forEach(K.sum);
