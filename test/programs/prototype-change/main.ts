// A task that gives its argument's object a plain-object prototype runs in place, as plain, instead of failing after
// it ran in a worker (tester #14's F24); a later task given that object runs in place too (it cannot travel).
import { setProto, count, Shelf } from './kernels';

const s: Shelf = { tags: {}, n: 0 };
setProto(s);
console.log((s.tags as { inherited?: number }).inherited, s.n, count(s));
