import { fingerprint, names, normalized, packed, pair, total, unpack } from './work';

// Node's modules only read their arguments (node-builtins.ts): these run in workers.
const a = packed('hello'), b = packed('world');
console.log(unpack(a), unpack(b), fingerprint(a), fingerprint(b));
console.log(normalized(['/srv/a/../b/./c.txt', '/srv//x/y/']));
// A parameter given only to unknown code, with a number result: not let out, submitted (unknown-escapes.ts).
const xs = [1, 2, 3], ys = [4, 5];
console.log(total(xs), total(ys));
xs.push(10);
console.log(total(xs), xs.length);
// `@in rows` trusted over unknown code; the result has no place a row fits.
const rows = [{ name: 'ann' }, { name: 'bo' }];
console.log(JSON.stringify(names(rows)), JSON.stringify(names([{ name: 'cy' }])));
// A getter in the returned object: runs in place, so it stays a getter (result-accessors.ts).
const p = pair(5);
p.b = 100;
console.log(p.sum, Object.getOwnPropertyDescriptor(p, 'sum')?.get ? 'getter' : 'value');
