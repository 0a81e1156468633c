// A task's result walked by an inner `for…of` in each pass of a loop (`for (const p of top(list)) leaders.add(p)`, np70's
// min-forof-result ran one call at a time): the loop splits. Not when the inner body changes what a later call reads.
/** @task */
export function top(xs: number[]): number[] {
  if (xs[0] < 0) throw new Error(`negative ${xs[0]}`);
  let s = 0;
  for (let i = 0; i < 1_000_000; i++) s = (s + i * xs[0]) % 1009;
  return [s, xs[0]];
}

const groups: number[][] = [[1], [2], [3], [4]];
const leaders = new Set<number>();
for (const list of groups) {
  for (const p of top(list)) leaders.add(p);
}
console.log([...leaders].join(' '));

let k = 0;
for (const list of groups) for (const p of top([list[0] + k])) k += p % 7;
console.log('k', k);

const seen: string[] = [];
outer: for (const list of groups) {
  for (const p of top(list)) {
    if (p === 3) continue outer;
    if (p > 900) break outer;
    seen.push(`${list[0]}:${p}`);
  }
}
console.log(seen.join(' '));

const caught: number[] = [];
try {
  for (const list of [[5], [-6], [7]]) for (const p of top(list)) caught.push(p);
} catch (e) {
  console.log('caught', (e as Error).message, caught.join(' '));
}
