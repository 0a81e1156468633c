import { fill } from './kernels';
const out = new Float64Array(4);
class First { constructor() { fill(out, 1); } }
const other = new Float64Array(4);
class Second { readonly n = (fill(out, 2), 2); }
keep(out);
function keep(x: Float64Array): void { (globalThis as { kept?: unknown }).kept = x; }
class Third { constructor(v: number) { fill(out, v); } }
for (let i = 0; i < 2; i++) {
  fill(other, i);
  new (class { constructor() { fill(out, i); } })();
}
new First(); new Second(); new Third(3);
console.log(out[0], other[0]);
