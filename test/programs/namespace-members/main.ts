// Functions of namespaces reached as members (`Ops.run(d, 3)`, from this module or another): no index of the file's
// references to their names lists those calls, so their calls are never all in sight (np60's namespace repros: the
// caller read its array before the task wrote it, and a constructor's change was undone by the task's write-back).
import { scale, total } from './kernels';
import { Ops } from './ops';
const d = [1, 2];
Ops.run(d, 3);
console.log('exported', d[0], d.join(','));
class Zeroer { constructor(xs: number[]) { xs.fill(0); } }
namespace Local { export function run(xs: number[], m: number): void { scale(xs, m); } }
const c = [4, 5];
Local.run(c, 3);
new Zeroer(c);
console.log('local', total(c), c.join(','));
