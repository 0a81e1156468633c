// Tasks for the explain fixtures (repeat.ts, notes.ts, levels.ts).
/** @task */
export function fill(out: Float64Array, value: number): void { out.fill(value); }

/**
 * @task
 * @rro part
 */
export function sum(part: Float64Array): number { let s = 0; for (const v of part) s += v; return s; }

/** @task */
export function strip(image: Float64Array, from: number, to: number): Float64Array { return image.slice(from, to); }

/** Not a task: the main thread runs it. */
export function assemble(parts: Float64Array[]): number { return parts.length; }

/** @task */
export function spread(rows: Float64Array[], first: Float64Array, factor: number): void {
  for (const row of rows) if (row !== first) row.set(first.subarray(0, row.length));
  first.fill(factor);
}
/** @task */
export function accumulate(into: Float64Array, value: number): void { for (let i = 0; i < into.length; i++) into[i] += value; }
