import { addUnit, announce, UNITS } from './units';

// A task module that fills a table at load and derives constants from it (tester #19's F7: the worker skipped the
// loop, so READY was false there). Its print is the program's entry code: once, in the program's thread.
const TABLE: number[] = [];
for (let n = 0; n < 16; n++) {
  let c = n;
  for (let k = 0; k < 4; k++) c = c & 1 ? 0xa ^ (c >>> 1) : c >>> 1;
  TABLE.push(c >>> 0);
}
const READY = TABLE.length === 16;
const TOTAL = TABLE.reduce((a, b) => a + b, 0);
console.log('kernels loaded', READY);
// Filled through a helper of another module (np20/84): that module's state, in each worker too; the helper that
// prints stays the program's.
addUnit('km', 1000);
addUnit('mi', 1609.344);
announce('km, mi');
const KNOWN = [...UNITS.keys()].join(',');

/** @task A checksum of the bytes with the table the module filled at load. */
export function checksum(bytes: readonly number[]): string {
  let c = 0;
  for (const b of bytes) c = TABLE[(c ^ b) & 15] ^ (c >>> 4);
  return `${c} ${READY} ${TOTAL}`;
}

/** @task Converts with the units the module registered at load. */
export function convert(v: number, from: string, to: string): string { return `${(v * UNITS.get(from)!) / UNITS.get(to)!} (${KNOWN})`; }
