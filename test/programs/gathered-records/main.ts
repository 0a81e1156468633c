// Dictionaries gathering task results (`rows[n] = slow(n)` into `const rows: Record<number, number> = {}`): the calls are
// submitted first, and each use of a slot, or of the whole (a print), waits for it (tester #25's r32 waited at every call).
// A dictionary the language's readers take whole (`Object.keys(keyed)`) waits for every slot there.
import { slow } from './k';
const rows: Record<number, number> = {};
for (const n of [1, 2, 3, 4]) rows[n] = slow(n);
console.log(JSON.stringify(rows));
const byName: { [name: string]: number } = {};
for (const name of ['a', 'bb', 'ccc']) byName[name] = slow(name.length);
console.log(byName['bb'] + 1, byName);
const counted: Record<string, number> = {};
for (const w of ['x', 'y']) { counted[w] = slow(w.charCodeAt(0) % 5); console.log('now', counted[w]); }
const keyed: Record<string, number> = {};
for (const k of ['p', 'q']) keyed[k] = slow(2);
console.log(Object.keys(keyed).join(','), Object.values(keyed).join(','));
