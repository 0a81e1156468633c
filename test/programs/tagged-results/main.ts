// Task results tagged by the program (a Symbol key, a field), pushed into an array, read back in a later loop (tester #24's 16).
/** @task */
export function primesUpTo(n: number): number[] {
  const out: number[] = [];
  for (let i = 2; i <= n; i++) { let p = true; for (let j = 2; j * j <= i; j++) if (i % j === 0) { p = false; break; } if (p) out.push(i); }
  return out;
}
const META = Symbol('meta');
type Tagged<T> = T & { [META]?: string };
const lists: Tagged<number[]>[] = [];
for (const n of [100, 200]) {
  const ps: Tagged<number[]> = primesUpTo(n);
  ps[META] = `primes<=${n}`;
  lists.push(ps);
}
for (const ps of lists) console.log(ps[META], ps.length);

// The same with a field by name, and the array read whole afterwards.
const named: (number[] & { label?: string })[] = [];
for (const n of [30, 60]) {
  const ps: number[] & { label?: string } = primesUpTo(n);
  ps.label = `up to ${n}`;
  named.push(ps);
}
for (const ps of named) console.log(ps.label, ps[ps.length - 1]);
console.log(JSON.stringify(named.map((ps) => ps.length)));
