// Helpers that make an empty array or record, have a task fill it and return it: each call is submitted, and the
// caller waits for the value only where it reads it (forwarders.ts: an empty literal is made, not only quiet).
import { primesUpTo, tabulate, countWords, multiples, sortDown } from './kernels';

// (a) an empty array a task pushes into.
function primes(limit: number): number[] {
  const out: number[] = [];
  primesUpTo(limit, out);
  return out;
}
const lists: number[][] = [];
for (const limit of [120000, 125000, 130000, 135000]) lists.push(primes(limit));
console.log('a', lists.map((l) => `${l.length}:${l[l.length - 1]}`).join(' '));

// (b) mapped: an array of rows, each made by a task.
function table(seed: number): number[][] {
  const rows: number[][] = [];
  tabulate(seed, 3, 4, rows);
  return rows;
}
const tables = [7, 11, 13].map((seed) => table(seed));
console.log('b', tables.map((t) => t.map((r) => r.join('.')).join('/')).join(' | '));

// (c) an empty record a task fills.
function wordCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  countWords(text, 20000, counts);
  return counts;
}
const docs = ['a b a c', 'b b d', 'c a'];
const counted = docs.map(wordCounts);
console.log('c', counted.map((c) => JSON.stringify(c)).join(' '));

// (d) a literal the helper reads itself (its length) beside one it fills: the read one stays a plain local.
function multiplesOf(limit: number): number[] {
  const factors = [3, 5];
  const n = factors.length;
  const out: number[] = [];
  multiples(limit, factors, n, out);
  return out;
}
const ms = [30, 40].map((l) => multiplesOf(l));
console.log('d', ms.map((m) => m.join(',')).join(' | '));

// (e) two tasks writing the made array in turn.
function sortedPrimes(limit: number): number[] {
  const out: number[] = [];
  primesUpTo(limit, out);
  sortDown(out);
  return out;
}
const sorted = sortedPrimes(50);
console.log('e', sorted.join(','));

// (f) the made array read by the helper before it returns: not handed out unwaited.
function primesNoted(limit: number): number[] {
  const out: number[] = [];
  primesUpTo(limit, out);
  console.log('f inside', out.length);
  return out;
}
console.log('f', primesNoted(30).join(','));

// (g) the caller changes what it was handed, then a task reads it.
const mine = primes(20);
mine.push(1000);
sortDown(mine);
console.log('g', mine.join(','), lists[0].length);

// (h) made lists used together in one expression (rv69's r6: the first printed empty).
console.log('h', [...primes(30), ...primes(20)].join(','), primes(10).concat(primes(5)).join(','));
