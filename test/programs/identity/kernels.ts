/** Tasks for the identity fixture: views of one buffer, shared and cyclic objects, class instances, errors, holes. */

/** A data-only class: its prototype (and so `instanceof` and `norm`) is all that tells it from a plain object. */
export class Point {
  constructor(public x: number, public y: number) {}
  norm(): number { return Math.hypot(this.x, this.y); }
}

/** An error class of the program's own. */
export class BadInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInput';
  }
}

export interface Deep { inner: { values: Float64Array } }

export interface Cyclic { self?: Cyclic; n: number }

/** out[i] = a[i] + b[i], element by element, so overlapping views see each other's writes as in any loop. @task */
export function addInto(out: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
}

/** @task */
export function sum(values: Float64Array): number { let s = 0; for (let i = 0; i < values.length; i++) s += values[i]; return s; }

/** @task */
export function scale(values: Float64Array, factor: number): void { for (let i = 0; i < values.length; i++) values[i] *= factor; }

/** One relaxation step inside a strip: each inner point becomes the mean of itself and its neighbours. @task */
export function smooth(strip: Float64Array): void {
  const old = strip.slice();
  for (let i = 1; i < strip.length - 1; i++) strip[i] = (old[i - 1] + old[i] + old[i + 1]) / 3;
}

/** Writes through the element, reads through the array. @task */
export function bump(arr: Float64Array[], a: Float64Array): number {
  a[0] += 100;
  return arr[0][0];
}

/** Returns its inout argument. @task */
export function copyInto(dst: Float64Array, src: Float64Array): Float64Array {
  dst.set(src);
  return dst;
}

/** @task */
export function setDeep(o: Deep): void { o.inner.values[0] = 42; }

/** @task */
export function pairSame(pair: readonly [object, object]): boolean { return pair[0] === pair[1]; }

/** @task */
export function selfIs(o: Cyclic): boolean { return o.self === o; }

/** @task */
export function describePoint(p: Point): string { return `${p instanceof Point} ${p.norm()}`; }

/** Writes the first `n` elements, then finds the input bad. @task */
export function fillThenThrow(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] = i + 1;
  throw new BadInput(`only ${n} of ${a.length} written`);
}

/** @task */
export function keysAndLength(a: readonly unknown[]): string { return Object.keys(a).join(',') + ':' + a.length; }

/** @task */
export function ramp(chunk: Float64Array, seed: number): void { for (let i = 0; i < chunk.length; i++) chunk[i] = (seed * 31 + i * 7) % 13; }

/** Sum of squares. @task */
export function partial(chunk: Float64Array): number { let s = 0; for (let i = 0; i < chunk.length; i++) s += chunk[i] * chunk[i]; return s; }
