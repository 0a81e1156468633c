// Parameters followed inside their function: the function's task calls run in parallel, and the caller finds its
// objects as the sequential calls left them.
import { potrf, update, scale, sum, fail } from './kernels';

type Blocks = Float64Array[][];

// PyCOMPSs' blocked Cholesky shape: the matrix is a parameter of the function that submits the tasks.
function factor(a: Blocks): void {
  const n = a.length;
  for (let k = 0; k < n; k++) {
    potrf(a[k][k]);
    for (let i = k + 1; i < n; i++) update(a[i][k], a[k][k], a[k][k]);
    for (let i = k + 1; i < n; i++) for (let j = k + 1; j <= i; j++) update(a[i][j], a[i][k], a[j][k]);
  }
}

// C += A·B on blocks, all three parameters.
function multiply(a: Blocks, b: Blocks, c: Blocks): void {
  for (let i = 0; i < c.length; i++) for (let j = 0; j < c.length; j++) for (let k = 0; k < c.length; k++) update(c[i][j], a[i][k], b[k][j]);
}

// A helper that submits one task, called in a loop by code that follows its argument: no wait on return.
function halve(v: Float64Array): void { scale(v, 0.5); }

// Reads its parameter between task calls.
const stepAndReport = (v: Float64Array, label: string): number => {
  scale(v, 3);
  const first = v[0];
  scale(v, 2);
  console.log(label, first, v[0]);
  return sum(v);
};

// Two parameters that may be one object.
function both(x: Float64Array, y: Float64Array): void {
  scale(x, 10);
  console.log('both', y[0]);
}

// Calls code it cannot see: stays direct, prints the same.
function withCallback(v: Float64Array, after: (v: Float64Array) => void): void {
  scale(v, 4);
  after(v);
}

// A task that fails inside: the error reaches the caller's catch, and the parameter holds what the sequential call left.
function failing(v: Float64Array): void {
  scale(v, 2);
  fail(v);
}

class Model {
  readonly weights = new Float64Array([1, 2, 3]);
  // A method: its parameter is followed like a function's.
  train(data: Float64Array, rounds: number): number {
    for (let r = 0; r < rounds; r++) scale(data, 1.5);
    return data[0];
  }
}

// Another name for the parameter's object through `this` or a module object: such a function is not followed.
class Scaler {
  readonly weights = new Float64Array([1, 2]);
  fit(data: Float64Array): number { scale(data, 2); scale(data, 3); return this.weights[0]; }
}
const SHARED = new Float64Array([1, 1]);
function viaModule(v: Float64Array): number { scale(v, 5); scale(v, 2); return SHARED[0]; }

export function run(): void {
  const blocks = (n: number, size: number, base: number): Blocks =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Float64Array.from({ length: size }, (_, x) => base + i * 7 + j * 3 + x)));
  const a = blocks(3, 4, 1);
  factor(a);
  console.log('factor', a.map((row) => row.map((b) => b[0].toFixed(4)).join(' ')).join(' | '));

  const A = blocks(2, 3, 1), B = blocks(2, 3, 2), C = blocks(2, 3, 0);
  multiply(A, B, C);
  console.log('multiply', C.flat().map((b) => Array.from(b).map((x) => x.toFixed(2)).join(',')).join(' '));

  const parts = [0, 1, 2, 3].map((i) => new Float64Array([i + 1, i + 2]));
  for (const p of parts) halve(p);
  halve(parts[0]);
  console.log('halves', parts.map((p) => p.join(',')).join(' '));

  const v = new Float64Array([1, 2]);
  console.log('step', stepAndReport(v, 'report'), v[1]);
  both(v, v);
  const w = new Float64Array([5]);
  withCallback(w, (x) => console.log('callback', x[0]));
  const f = new Float64Array([3, 4]);
  try { failing(f); } catch (e) { console.log('caught', (e as Error).message); }
  console.log('after failure', f[0], f[1]);
  const model = new Model();
  console.log('train', model.train(model.weights, 2), model.weights.join(','));
  const scaler = new Scaler();
  console.log('this', scaler.fit(scaler.weights), scaler.weights[1]);
  console.log('module', viaModule(SHARED), SHARED[1]);
}

run();
