// A task that gives its argument's object a plain-object prototype runs in place, as plain, instead of failing after
// it ran in a worker (tester #14's F24); a later task given that object runs in place too (it cannot travel). So does
// one that makes an object on a prototype of its own (`Object.create(methods)`); one on null is a task.
import { setProto, count, makePoint, makeRecord, Shelf } from './kernels';

const s: Shelf = { tags: {}, n: 0 };
setProto(s);
console.log((s.tags as { inherited?: number }).inherited, s.n, count(s));
const p = makePoint(3, 4);
console.log(p.norm(), (p as { kind?: string }).kind);
console.log(makeRecord(2).x + makeRecord(3).x);
