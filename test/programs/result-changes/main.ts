// A task's value changed by code that takes it and may write it (Object.assign with an array, a function called at
// once that hands it back, a borrowed built-in), then read by another task: the later task must read the change
// (tester np34's p21/p22: the second task read the first one's stored value).

/** @task */
export function topN(xs: number[], n: number): number[] { return xs.slice().sort((a, b) => b - a).slice(0, n); }

/** @task */
export function describe(xs: number[]): string { return xs.join('/'); }

const a = topN([4, 5, 6], 3);
Object.assign(a, [9]);
console.log('assign', describe(a));

const b = topN([4, 5, 6], 3);
((y: number[]) => y.fill(2))(b);
console.log('handed back', describe(b));

const c = topN([4, 5, 6], 3);
Array.prototype.reverse.call(c);
console.log('borrowed', describe(c));

const parts = [[3, 1, 2], [6, 5, 4]].map((p) => topN(p, 3));
Array.prototype.reverse.call(parts[0]);
((y: number[]) => y.fill(0))(parts[1]!);
console.log('elements', describe(parts[0]!), describe(parts[1]!));
