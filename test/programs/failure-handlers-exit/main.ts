/**
 * A task call fails and nothing catches it: the plain program died there, and its `exit` handler printed what the
 * calls before it had left: the earlier `fill`'s element, the variables as they were at that call. Before, the
 * handler saw the later loop steps' values and lost the earlier task's write (tester #29's F3).
 */
/** @task */
export function fill(xs: number[], n: number): void {
  if (n === 3) throw new Error('fill ' + n);
  xs.push(n);
}

/** @task */
export function ten(n: number): number { return n * 10; }

let last = -1;
let steps = 0;
const arr: number[] = [];
const tens: number[] = [];
process.on('exit', (code) => {
  console.log('exit', code, 'last', last, 'steps', steps, 'arr', arr.join(','), 'tens', tens.join(','));
});
for (const n of [1, 2, 3, 4]) {
  fill(arr, n);
  last = ten(n);
  tens.push(ten(n + 100));
  steps++;
}
console.log('never printed');
