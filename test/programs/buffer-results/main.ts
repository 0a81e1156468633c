// A task whose value is (or holds) an ArrayBuffer or a DataView, which a worker cannot send back yet: its calls run in
// place, as plain, instead of failing after the task ran (tester #14's F7); a typed array still comes from a worker.
import { bytes, header, filled } from './kernels';

const b = bytes(3);
console.log(b.byteLength, new Uint8Array(b)[0]);
const h = header(258);
console.log(h.size, h.view.getUint16(0), h.view.getUint8(1));
console.log(filled(2).join(','));
