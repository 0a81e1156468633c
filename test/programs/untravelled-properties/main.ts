import { SEEN, markAll, reflectMark, addFull, lockId, tagMap, tagTyped, tagAssigned, hideNote, rename, doubled, type Rec, type Tagged } from './marks';

const rs: Rec[] = [{ id: 1 }, { id: 2 }];
console.log(markAll(rs), rs, SEEN in rs[0]);
const r: Rec = { id: 3, first: 'Ada', last: 'Lovelace' };
reflectMark(r);
addFull(r);
r.first = 'Augusta';
console.log(r.full, r, Object.getOwnPropertyDescriptor(r, 'full')?.get !== undefined);
lockId(r);
try { r.id = 4; console.log('renumbered', r.id); } catch (e) { console.log('read-only:', (e as Error).constructor.name); }
const m: Tagged<Map<string, number>> = new Map();
tagMap(m);
console.log(m, m.version);
const a: Tagged<Float64Array> = new Float64Array(2);
tagTyped(a);
console.log(a, a.version);
tagAssigned(m);
console.log(m, m.version);
// What does travel: a hidden data property, a plain write.
const h: Rec = { id: 5 };
hideNote(h);
rename(h, 'Grace');
console.log(h, h.note, Object.keys(h));
console.log(doubled(h));
