import { attach, bytesOf, fill, split, twoBuffers, type Holder } from './kernels';

const r = split(6);
r.head[0] = 7;
r.tail[1] = 70;
console.log('split', r.all.join(','), r.all.buffer === r.head.buffer, r.head.buffer === r.tail.buffer, r.tail.byteOffset - r.all.byteOffset);

const b = bytesOf(2);
b.bytes.fill(0, 0, 8);
console.log('bytes', b.values.join(','), b.bytes.buffer === b.values.buffer);

const [x, y, z] = twoBuffers();
x![1] = 30;
console.log('two', x!.join(','), y!.join(','), z!.join(','), x!.buffer === z!.buffer, x!.buffer === y!.buffer);

const h: Holder = { buf: new Float64Array([1, 2, 3, 4]) };
attach(h);
h.view![0] = 5;
console.log('attach', h.buf.join(','), h.view!.join(','), h.view!.buffer === h.buf.buffer);

const later = split(4);
fill(later.head, 9);
console.log('later', later.all.join(','), later.head.join(','));
