import { halves, middle, packet } from './kernels';

const body = packet('hello');
console.log('packet', body.length, body.byteOffset, new DataView(body.buffer).getUint32(0), String.fromCharCode(...body));

const { low, high } = halves(3);
high[0] = 99; // one buffer in the task: still one here
console.log('halves', Array.from(low), Array.from(new Float64Array(low.buffer)), low.buffer === high.buffer);

const mid = middle(6);
console.log('middle', Array.from(mid), mid.byteOffset, mid.buffer.byteLength, Array.from(new Int32Array(mid.buffer)));
