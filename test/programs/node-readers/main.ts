// Tiles filled by tasks, then the frame read whole by Node's own functions that keep none of it (np21's r18: the
// calls stayed direct, "frame escapes"): a hash, a compressor, a file written before the call returns.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill } from './kernels';

const frame = new Uint8Array(4 * 4096);
for (let t = 0; t < 4; t++) fill(frame.subarray(t * 4096, (t + 1) * 4096), t + 1);
console.log('sha1', createHash('sha1').update(frame).digest('hex'));
console.log('deflated', deflateSync(frame).length > 0);
const path = join(tmpdir(), `taskify-node-readers-${process.pid}.bin`);
writeFileSync(path, frame);
fill(frame.subarray(0, 4096), 9);
console.log('file', createHash('md5').update(readFileSync(path)).digest('hex'), 'now', createHash('md5').update(frame).digest('hex'));
rmSync(path, { force: true });
