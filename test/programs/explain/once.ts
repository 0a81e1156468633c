import { sum } from './kernels';
const pieces = [new Float64Array(2), new Float64Array(2)];
setTimeout(() => { const s = sum(pieces[0]); console.log(s + 1); }, 0);
Promise.resolve(1).then(() => { const s = sum(pieces[1]); console.log(s + 2); });
pieces.forEach((p) => { const s = sum(p); console.log(s + 3); });
