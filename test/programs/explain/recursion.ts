/** @task */
export function leaf(i: number): number {
  let s = 0;
  for (let k = 0; k < 1000; k++) s = (s + k * i) % 1000003;
  return s;
}

/** @task */
export function add(a: number, b: number): number {
  return a + b;
}

function tree(lo: number, hi: number): number {
  if (hi - lo === 1) return leaf(lo);
  const mid = (lo + hi) >> 1;
  return tree(lo, mid) + tree(mid, hi);
}

function taskTree(lo: number, hi: number): number {
  if (hi - lo === 1) return leaf(lo);
  const mid = (lo + hi) >> 1;
  const left = taskTree(lo, mid);
  const right = taskTree(mid, hi);
  return add(left, right);
}

console.log(tree(0, 4), taskTree(0, 4));
