/** Tasks of the CommonJS fixture program. */

/** @task */
export function makeRange(n: number, offset: number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = i + offset;
  return values;
}

/** @task */
export function total(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** @task */
export function scaleInPlace(values: Float64Array, factor: number): void {
  const view = values.subarray(0); // an alias: the analysis must see the write through it
  for (let i = 0; i < view.length; i++) view[i] *= factor;
}

function bumpFirst(target: number[]): void { target[0] += 1; }

/** @task */
export function bumpThroughHelper(list: number[]): void { bumpFirst(list); } // an interprocedural write

/** @task */
export function addAll(parts: number[]): number { return parts.reduce((a, b) => a + b, 0); }

/** @task */
export function record(map: Map<string, number>, set: Set<string>, key: string, value: number): void {
  map.set(key, value);
  set.add(key);
}

/** @task */
export function fail(message: string): number { throw new RangeError(message); }

/** @task */
export function describe(point: { x: number; tags: string[] }): string { return `${point.x}:${point.tags.join('+')}`; }
