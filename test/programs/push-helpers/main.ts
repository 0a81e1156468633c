// Helpers pushing task results into an array they are given (`addOne(out, n) { out.push(work(n)) }`), called in loops
// and callbacks: split in halves, every pass submits first, each push made at its turn (np70's min-push-one ran one at
// a time). One whose call reads the array it pushes into keeps its calls plain.
/** @task */
export function work(n: number): number {
  if (n < 0) throw new Error(`bad ${n}`);
  let s = 0;
  for (let i = 0; i < 1_500_000; i++) s = (s + i * n) % 1_000_003;
  return s;
}

function addOne(out: number[], n: number): void {
  out.push(work(n));
}
function addTagged(out: string[], n: number): void {
  const tag = `n${n}`;
  console.log('adding', tag);
  out.push(`${tag}=${work(n)}`);
}
function addSized(out: number[], n: number): void {
  out.push(work(n + out.length));
}
function addTwice(a: number[], b: number[], n: number): number {
  a.push(work(n));
  b.push(work(n + 1));
  return a.length + b.length;
}

const results: number[] = [];
for (let n = 1; n <= 4; n++) addOne(results, n);
console.log(results.join(' '));

const seen: number[] = [];
for (const n of [5, 6, 7]) {
  addOne(seen, n);
  console.log('now', seen.length, seen[seen.length - 1]);
}

const tags: string[] = [];
[8, 9].forEach((n) => addTagged(tags, n));
console.log(tags.join(' '));

const sized: number[] = [];
for (let n = 1; n <= 3; n++) addSized(sized, n);
console.log(sized.join(' '));

const left: number[] = [], right: number[] = [];
let total = 0;
for (let n = 10; n < 13; n++) total += addTwice(left, right, n);
console.log(total, left.join(' '), right.join(' '));

const partial: number[] = [];
try {
  for (const n of [1, -2, 3]) addOne(partial, n);
} catch (e) {
  console.log('caught', (e as Error).message, partial.join(' '));
}

// What a split would evaluate ahead reads the array pushed into: one call at a time (rv73: the loop's condition never
// changed in the first pass and it hung; an argument or an aliasing parameter read the array before earlier pushes).
const grown: number[] = [];
for (let n = 1; grown.length < 3; n++) addOne(grown, n);
console.log(grown.join(' '));
const counted: number[] = [];
for (let n = 1; n <= 3; n++) addOne(counted, n + counted.length);
console.log(counted.join(' '));
function addFrom(out: number[], src: number[], n: number): void {
  out.push(work(n + src.length));
}
const self: number[] = [];
for (let n = 1; n <= 3; n++) addFrom(self, self, n);
console.log(self.join(' '));
