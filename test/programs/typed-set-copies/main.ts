// A typed array's `set` copies the numbers of its source before it returns, where a Map's `set` keeps its value (np53's
// F1: `dst.set(src)` read src before the task writing it had finished).
import { addOne, addOneBytes, addOneList } from './tasks';

const src = new Float64Array([7, 8]);
addOne(src);
const dst = new Float64Array(4);
dst.set(src);
console.log('whole', dst.join(','));
addOne(src);
dst.set(src.subarray(1), 3);
console.log('view', dst.join(','));
const list = [1, 2];
addOneList(list);
dst.set(list, 1);
console.log('list', dst.join(','));
const bytes = new Uint8Array([10, 20, 30]);
addOneBytes(bytes);
const out = Buffer.alloc(3);
out.set(bytes);
console.log('bytes', [...out].join(','));
// A receiver typed as either kind of typed array (rv64).
const either: Float64Array | Float32Array = process.argv.length > 99 ? new Float32Array(2) : new Float64Array(2);
addOne(src);
either.set(src.subarray(0, 2));
console.log('union', either.join(','));
// A Map's set keeps the array: the task's write shows through it.
const byName = new Map<string, Float64Array>();
byName.set('src', src);
addOne(src);
console.log('map', byName.get('src')!.join(','), src.join(','));
