// Task results wrapped in a record class (`return new Box(work(b.xs))`, `out.push(new Box(work(x)))`): constructing
// one only stores its arguments, so the helper has halves and the loop splits (np70's min-wrap-new ran one call at a
// time). A constructor that prints, or a field initializer that counts, keeps its calls where they are.
/** @task */
export function work(xs: number[]): number[] {
  let s = 0;
  for (let i = 0; i < 800_000; i++) s = (s + i * xs[0]) % 1009;
  return [s, xs[0]];
}
class Box {
  constructor(readonly xs: number[]) {}
  first(): number { return this.xs[0]; }
}
class Logged {
  xs: number[];
  constructor(xs: number[]) { console.log('made', xs[1]); this.xs = xs; }
}
let made = 0;
class Counted {
  id = made++;
  constructor(public xs: number[]) {}
}
function boxed(b: Box): Box { return new Box(work(b.xs)); }
function logged(b: Box): Logged { return new Logged(work(b.xs)); }
function counted(b: Box): Counted { return new Counted(work(b.xs)); }

const boxes = [new Box([1]), new Box([2]), new Box([3])];
console.log(boxes.map((b) => boxed(b)).map((b) => b.first()).join(' '));
console.log(boxes.map((b) => logged(b)).map((b) => b.xs[0]).join(' '));
console.log(boxes.map((b) => counted(b)).map((b) => `${b.id}:${b.xs[0]}`).join(' '));
const out: Box[] = [];
for (const b of boxes) out.push(new Box(work(b.xs)));
console.log(out.map((b) => b.xs.join('/')).join(' '));
