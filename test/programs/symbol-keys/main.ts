/**
 * Symbol keys do not travel (no file carries them): a task returning an object with a symbol-keyed field, or changing
 * a parameter whose type has one, runs in place, as plain; before, the value came back without the key (tester
 * np31's symkeys). A method under a symbol, and a parameter only read, still go to workers.
 */
import { Box, Pair, SEEN, TAG, makeBox, mark, swap, total, type Marked } from './kernels';

const box = makeBox(9);
console.log(box[TAG], box.v, box instanceof Box);
const o: Marked = { v: 1 };
mark(o);
console.log(o.v, o[SEEN], Object.getOwnPropertySymbols(o).length);
console.log(total({ v: 4 }), [...swap(new Pair(1, 2))].join(','));
