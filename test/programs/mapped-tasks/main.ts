// Tasks handed whole to an array's map (`texts.map(wordCount)`): each element's call is submitted, then all are waited
// for at the statement; they ran one by one in this thread before. A failure stops the map where plain code stopped.
import { wordCount, total, withIndex, check, shout, scale, cube } from './kernels';
import K = require('./kernels'); // TypeScript's CommonJS import: its members are the same tasks
import { R } from './reexport';
const texts = ['a b c', 'd e', 'f g h i', ''];
const counts = texts.map(wordCount);
console.log(counts.join(','), counts.length);
const arrays = [1, 2, 3].map((n) => new Float64Array(n * 10).fill(n));
console.log(arrays.map(total).reduce((s, x) => s + x, 0));
arrays[0][0] = 100;
console.log(arrays.map(total)[0]);
console.log([[1, 2], [3]].map(withIndex).join(' '));
try { console.log([1, -2, 3, -4].map(check)); } catch (e) { console.log('caught', (e as Error).message); }
console.log(['x', 'y'].map(shout).join(''));
const f32 = new Float32Array([1, 4, 9]).map(Math.sqrt);
console.log(Array.from(f32).join(','));
const bufs = [new Float64Array(4).fill(1), new Float64Array(4).fill(2)];
for (const b of bufs) scale(b, 3);
console.log(bufs.map(total).join(','));
function sums(xs: Float64Array[]) { return xs.map(total); }
scale(bufs[1], 10);
console.log(sums(bufs).join(','));
texts.map(wordCount);
console.log('done');
console.log(JSON.stringify([[1, 2], [3]].map(cube)));
console.log(texts.map(K.wordCount).join(','), arrays.map((a) => K.total(a)).join(','));
console.log(texts.map(R.wordCount).join(','), arrays.map((a) => R.total(a)).join(','));
