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

/** @task A checksum of the bytes with the table the module filled at load. */
export function checksum(bytes: readonly number[]): string {
  let c = 0;
  for (const b of bytes) c = TABLE[(c ^ b) & 15] ^ (c >>> 4);
  return `${c} ${READY} ${TOTAL}`;
}
