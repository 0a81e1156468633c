// Arrays gathering task results, then read by the array's own reading methods: each call of the loop is submitted
// before any is waited for, and the array is waited for whole where a method reads it (gathering-arrays.ts).
import { evaluate, square, type Scored } from './kernels';

// (a) np64's r04: the results pushed with the array's length, the best one found again by identity.
const rs: Scored[] = [];
for (const k of ['a', 'bb', 'a', 'ccc', 'dddd']) rs.push(evaluate(k, rs.length + 1));
const top = [...rs].sort((x, y) => y.value - x.value)[0]!;
console.log('top', top.key, top.value, 'at', rs.indexOf(top), rs.lastIndexOf(top), rs.includes(top));

// (b) Numbers, read by predicates and slices.
const sq: number[] = [];
for (let i = 1; i <= 6; i++) sq.push(square(i));
console.log('some', sq.some((v) => v > 30000), 'every', sq.every((v) => v >= 0), 'find', sq.find((v) => v % 2 === 0));
console.log('findIndex', sq.findIndex((v) => v > 100), 'lastIndexOf', sq.lastIndexOf(sq[2]!), 'at', sq.at(-1));
console.log('filter', sq.filter((v, i, all) => v > all[0]!).length, 'slice', sq.slice(1, 3).join(','), 'concat', sq.concat([1]).length);
console.log('reduceRight', sq.reduceRight((a, v) => a + v, 0), 'flatMap', sq.flatMap((v) => [v, -v]).length);

// (c) A record found by a predicate, then its slot in the array; more calls pushed after the read.
const byKey: Scored[] = [];
for (const k of ['x', 'yy', 'zzz']) byKey.push(evaluate(k, 3));
const found = byKey.find((r) => r.key === 'yy')!;
byKey.push(evaluate('w', 9));
console.log('found', found.value, byKey.indexOf(found), byKey.length, byKey.map((r) => r.key).join(''));

// (d) Read inside a loop that keeps submitting: each pass reads what the earlier ones pushed.
const seen: number[] = [];
for (let i = 0; i < 4; i++) {
  seen.push(square(i % 2));
  if (seen.includes(seen[0]!) && i === 3) console.log('repeats', seen.filter((v) => v === seen[0]).length);
}

// (e) A map in parentheses gathers as one without (np67's min-map-arg-call waited at each call).
const wrapped = ([3, 4, 5].map((k) => square(k)));
console.log('wrapped', wrapped.join(','));
