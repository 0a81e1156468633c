/**
 * Task calls through module objects other than a plain namespace import: one re-exported inside another
 * (`S.Inner.scale`), and const names for them (`const M = S`, `const K = S.Inner`). Each call is a task.
 */
import * as S from './stats';

const b = [1, 2];
S.Inner.scale(b, 3);
console.log('a', b.join(','), S.Inner.total(b), S.version);
const M = S;
M.Inner.scale(b, 2);
const K = S.Inner;
K.scale(b, 10);
console.log('b', b.join(','), K.total(b));
const rows = [[1], [2, 3]];
for (const r of rows) K.scale(r, 2);
console.log('c', JSON.stringify(rows), rows.map((r) => M.Inner.total(r)).join(','));
