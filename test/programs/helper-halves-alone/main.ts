// The file's only task call is inside a helper (kept direct there: its one task would run alone), yet the helper's
// calls in a callback are split in halves: the file is rewritten for them (np21's r04 ran both tasks in this thread).
import { sum } from './kernels';
function analyse(name: string, xs: number[]) { return { name, total: sum(xs) }; }
console.log([[1, 2], [3, 4], [5]].map((xs, i) => analyse(`g${i}`, xs)));
