// Task results pushed into groups made on first use (`(groups[k] ??= []).push(work(n))`, np70's min-group-push ran one
// call at a time): the loop splits, every call submitted first. Not when a call reads the groups, nor `byLen.get(k)!`.
/** @task */
export function work(n: number): number {
  let s = 0;
  for (let i = 0; i < 1_000_000; i++) s = (s + i * n) % 1000003;
  return s;
}
/** @task */
export function size(xs: number[]): number { return xs.length * 10; }

const groups: Record<string, number[]> = {};
for (const n of [1, 2, 3, 4, 5, 6]) (groups[n % 3 === 0 ? 'three' : n % 2 ? 'odd' : 'even'] ??= []).push(work(n));
console.log(JSON.stringify(groups));

const counted: Record<string, number[]> = {};
for (const n of [1, 2, 3, 4]) (counted[n % 2 ? 'odd' : 'even'] ||= []).push(work(counted[n % 2 ? 'odd' : 'even']?.length ?? n));
console.log(JSON.stringify(counted));

const lists: number[][] = [];
for (let i = 0; i < 4; i++) (lists[i % 2] ??= []).push(size(lists[0] ?? []));
console.log(JSON.stringify(lists));

const byLen = new Map<number, number[]>();
const rows: number[][] = [[1], [2, 3], [4]];
for (const r of rows) {
  const k = r.length;
  if (!byLen.has(k)) byLen.set(k, []);
  byLen.get(k)!.push(size(r));
}
console.log([...byLen].map(([k, v]) => `${k}:${v}`).join(' '));

// The holder filled reads in a call's argument (`work(i + buckets.length)`): one call at a time (rv74's r-group-length).
const buckets: number[][] = [];
for (let i = 0; i < 4; i++) (buckets[i % 2] ??= []).push(work(i + buckets.length));
console.log(JSON.stringify(buckets));
