// Forwarders calling forwarders (np70's min-forwarder-chain ran one call at a time): `const scoreOf = (b) => b.score()`
// of a method forwarder, a service calling a repository calling a task. Each returns the Future on, so a map or loop
// over them submits every call first. A forwarder reading its parameter itself gets values from the layers above.
/** @task */
export function work(xs: number[]): number {
  let s = 0;
  for (let i = 0; i < 500_000; i++) s = (s + i * xs[0]) % 1_000_003;
  return s;
}

/** @task */
export function series(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((i * 7919) % 101);
  return out;
}

/** @task */
export function tail(xs: number[], from: number): number {
  let s = 0;
  for (let r = 0; r < 2000; r++) for (let i = from; i < xs.length; i++) s = (s + xs[i] * r) % 1_000_003;
  return s;
}

class Box {
  constructor(readonly xs: number[]) {}
  score(): number { return work(this.xs); }
}
const scoreOf = (b: Box) => b.score();
const boxes = [new Box([1]), new Box([2]), new Box([3]), new Box([4])];
console.log(boxes.map((b) => scoreOf(b)).join(' '));

// Three layers of functions.
function repoLoad(xs: number[]): number { return work(xs); }
function serviceLoad(xs: number[]): number { return repoLoad(xs); }
function handler(k: number): number { return serviceLoad([k * 3]); }
const answers: number[] = [];
for (let k = 1; k <= 4; k++) answers.push(handler(k));
console.log(answers.join(' '));

// The inner forwarder reads its parameter itself (`xs.length`): the outer one's caller hands it the value of a task.
function tailHalf(xs: number[]): number { return tail(xs, xs.length >> 1); }
function summarize(xs: number[]): number { return tailHalf(xs); }
const made = series(50);
console.log('tail', summarize(made), summarize(series(30)));
made[49] = 1000;
console.log('tail after change', summarize(made));

// A forwarder whose inner one is also used as a value (kept as a plain function): both stay plain, same output.
function inner(xs: number[]): number { return work(xs); }
function outer(xs: number[]): number { return inner(xs); }
const viaValue = [[5], [6]].map(inner);
console.log('value', viaValue.join(' '), outer([7]));
