/** Tasks handed out in tables: a default-exported literal and a named one, used by member from other modules. */

/** @task */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let r = 0; r < 30; r++) { s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; }
  return s;
}

/** @task */
export function norm1(a: Float64Array): number {
  let s = 0;
  for (let r = 0; r < 30; r++) { s = 0; for (let i = 0; i < a.length; i++) s += Math.abs(a[i]); }
  return s;
}

const Ops = { dot, norm1 };
export default Ops;

export const Stats = { norm: norm1, dot };

/** A table a module changes under the name a barrel re-exports it by (np69's min-table-renamed-reexport). */
export const Spare = { norm: norm1 };

/** Frozen, or checked by `satisfies`: still a table of tasks (np69's min-table-freeze-satisfies). */
export const Frozen = Object.freeze({ dot });
export const Typed = { norm1 } satisfies Record<string, (a: Float64Array) => number>;
