/** Cases found in review, each once printing differently with the plugin; now they must match the plain build. */
import { apply, bumpThroughBuffer, ident, init, scale, sum } from './kernels';

function reader(x: Float64Array) { return () => x[0]; }

async function asyncCase(): Promise<void> {
  const a = new Float64Array([1, 2, 3]);
  scale(a, 2);
  console.log('async', a[0]);
}

function main(): void {
  const a1 = new Float64Array([1, 2, 3]);
  const b1 = new Float64Array(2);
  b1[0] = sum(a1); // a typed array receiving a result
  console.log('typed target', b1[0]);

  const data = new Float64Array([1, 2, 3]);
  const alias = data;
  scale(alias, 10);
  console.log('alias', data[0]);

  const s = new Float64Array([1, 2, 3]);
  s[0] = sum(s) + 0; // written and submitted in one statement
  console.log('same statement', sum(s));

  const c = new Float64Array([1, 2, 3]);
  const get = reader(c);
  scale(c, 10);
  console.log('closure', get());

  const v = new Float64Array([1, 2, 3]);
  bumpThroughBuffer(v);
  console.log('buffer view', v[0]);

  const o = new Float64Array([1, 2, 3]);
  init(o, -1);
  console.log('early return', Array.from(o).join(','));

  const l = new Float64Array([1, 2, 3]);
  let r = sum(l);
  console.log('let future', r);
  r = sum(l);
  console.log('let future again', r);

  const xs = [new Float64Array([1, 2]), new Float64Array([3, 4])];
  const out: number[] = [];
  const view = out;
  for (const x of xs) out.push(sum(x));
  console.log('array alias', view.map((n) => n * 2).join(','));

  const f = new Float64Array([1, 2, 3]);
  apply(f, true);
  console.log('function variable', f[0]);

  const g = new Float64Array([1, 2, 3]);
  let op = scale; // a variable typed as the task, then given another function: a call through it is not the task
  op = (values: Float64Array, factor: number) => { values[0] = -factor; };
  op(g, 3);
  console.log('task-typed variable', g.join(','));

  const p = new Float64Array([1, 2, 3]);
  const q = ident(p);
  q[0] = 50;
  console.log('returned parameter', p[0], q === p);
}

main();
void asyncCase();
console.log('after async');
