import { fill } from './kernels';
const out = new Float64Array(4);
fill(out, 1);
const other = new Float64Array(4);
fill(out, 2);
keep(out);
function keep(x: Float64Array): void { (globalThis as { kept?: unknown }).kept = x; }
fill(out, 3);
for (let i = 0; i < 2; i++) {
  fill(other, i);
  fill(out, i);
}
console.log(out[0], other[0]);
