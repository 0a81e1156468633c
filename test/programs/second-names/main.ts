// Second names an adversarial review found, one function each (reduced from its programs). Each prints what the
// plain build prints; calls the plan cannot follow stay direct.
import { fail, scale, sum } from './kernels';
import * as S from './state';
import { Store } from './state';

// A task failure inside a function called in a try block is caught there.
function risky(v: Float64Array): void { scale(v, 2); fail(v, 'boom'); }
function callerTry(): void {
  const a = new Float64Array([1, 2]);
  scale(a, 3);
  try { risky(a); console.log('not reached'); } catch (e) { console.log('caught', (e as Error).message); }
  console.log('a', a.join(','));
}

// Two parameters that are one object, or one holding the other.
function overwrite(p: Float64Array, q: Float64Array): void { for (let r = 0; r < 2; r++) { p[r] = 100 + r; scale(q, 2); } }
function twoPaths(v: Float64Array, box: { v: Float64Array }): number { scale(v, 2); scale(v, 2); return box.v[0]; }
function grow(v: Float64Array, all: Float64Array[]): number { scale(v, 2); scale(v, 2); return all[0][0]; }
function shift(whole: Float64Array, part: Float64Array): void { whole[0] += 1; scale(part, 100); whole[1] += 1; scale(part, 2); }
function sameObject(): void {
  const f = new Float64Array([1, 1]);
  overwrite(f, f);
  const d = new Float64Array([1]);
  const xs = [new Float64Array([1])];
  const w = new Float64Array([1, 2, 3, 4]);
  shift(w, w.subarray(0, 2));
  console.log('same', f.join(','), twoPaths(d, { v: d }), grow(xs[0], xs), w.join(','));
}

// The parameter's object reached through a class's statics, a module namespace, or globalThis.
function peek(): number { return Store.buf[0]; }
function viaStatic(v: Float64Array): number { scale(v, 2); scale(v, 2); return peek(); }
function viaNamespace(v: Float64Array): number { scale(v, 3); scale(v, 3); return S.shared[0]; }
function viaGlobal(v: Float64Array): number { scale(v, 5); scale(v, 5); return (globalThis as unknown as { kept: Float64Array }).kept[0]; }
function outerNames(): void {
  const kept = new Float64Array([1]);
  (globalThis as unknown as { kept: Float64Array }).kept = kept;
  console.log('outer', viaStatic(Store.buf), viaNamespace(S.shared), viaGlobal(kept));
}

// Methods and functions that hand their argument back.
const id = (p: Float64Array) => p;
const pick = (p: Float64Array, q: Float64Array) => (p.length > q.length ? p : q);
function* yields(v: Float64Array): Generator<Float64Array> { yield v; }
function handedBack(): void {
  const a = new Float64Array(2);
  const filled = a.fill(1);
  scale(a, 5);
  const b = new Float64Array([3, 1, 2]);
  const sorted = b.sort();
  const largest = b.slice().sort().reverse()[0] + b.sort().reverse()[0]; // results used at once in a chain
  scale(b, 4);
  const v = new Float64Array([3, 3]);
  const same = id(v);
  const picked = pick(v, new Float64Array(1));
  scale(v, 2);
  const c = new Float64Array([2]);
  const first = yields(c).next().value as Float64Array;
  scale(c, 10);
  console.log('handed back', filled[0], sorted.join(','), largest, same[0], picked[1], first[0], sum(c));
}

callerTry();
sameObject();
outerNames();
handedBack();

// A method returning its receiver, called by a forEach callback (`(k) => filled.fill(k)`): forEach drops the result.
function filledInLoop(): void {
  const filled = new Float64Array(2);
  [1, 2].forEach((k) => filled.fill(k));
  scale(filled, 3);
  scale(filled, 2);
  console.log('forEach', filled.join(','));
}
filledInLoop();
