/**
 * Heat diffusion: a plate whose top edge is held at 100 degrees, split into strips that are relaxed in parallel
 * and exchange their edge rows after every step. Each strip is updated in place (inout), so every step's tasks
 * wait only for their own strip and its two neighbours: a wavefront, not a global barrier.
 *
 *   node main.js [--size N] [--strips S] [--steps T]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { exchangeHalos, relax } from './kernels';

const { values: options } = parseArgs({
  options: {
    size: { type: 'string', default: '1024' },
    strips: { type: 'string', default: '8' },
    steps: { type: 'string', default: '40' },
  },
});

const size = Number(options.size);
const stripCount = Number(options.strips);
const steps = Number(options.steps);
const rowsPerStrip = Math.ceil(size / stripCount);
const started = performance.now();

const strips: Float64Array[] = [];
for (let s = 0; s < stripCount; s++) {
  const rows = Math.min(rowsPerStrip, size - s * rowsPerStrip);
  strips.push(new Float64Array((rows + 2) * size));
}
strips[0].fill(100, 0, size); // the hot edge: the first strip's top halo, which no exchange overwrites

for (let step = 0; step < steps; step++) {
  for (let s = 0; s + 1 < stripCount; s++) exchangeHalos(strips[s], strips[s + 1], size);
  for (const strip of strips) relax(strip, size);
}

let heat = 0;
let checksum = 0;
strips.forEach((strip, s) => {
  const rows = strip.length / size - 2;
  for (let r = 1; r <= rows; r++) {
    for (let c = 0; c < size; c++) {
      const value = strip[r * size + c];
      heat += value;
      checksum += value * ((s * rowsPerStrip + r) % 7 + 1);
    }
  }
});
const seconds = (performance.now() - started) / 1000;
console.log(`heat: ${size}×${size} plate, ${stripCount} strips, ${steps} steps`);
console.log(`total heat ${heat.toFixed(6)}; weighted checksum ${checksum.toFixed(6)}`);
console.log(`time ${seconds.toFixed(2)} s`);
