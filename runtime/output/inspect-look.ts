/**
 * util.inspect's defaults as the program set them (`inspect.defaultOptions.depth = null`, tester #19's np20/68). A
 * task's console.log formats objects in its worker, whose defaults are Node's own: an object printed whole by the
 * plain call printed `[Object]` at depth 2 in the task. So a call carries the program's defaults where they differ
 * from Node's, taken at its submission (where the plain call printed), and its worker formats with them.
 *
 * Carried as JSON (a distributed run's jobs are JSON): Infinity, a common `breakLength`, travels as 'Infinity'; no
 * inspect option takes that string. An option set to a function (a custom `sorted`) cannot travel and stays Node's.
 */
import { inspect } from 'node:util';

export type InspectLook = Readonly<Record<string, boolean | number | string | null>>;

/** Node's own defaults, as this thread found them when the runtime loaded (before the program's code ran). */
const NODE_DEFAULTS: Readonly<Record<string, unknown>> = { ...inspect.defaultOptions };

/** The program's defaults where they differ from Node's, or undefined (the usual case: a few comparisons). */
export function inspectLook(): InspectLook | undefined {
  let look: Record<string, boolean | number | string | null> | undefined;
  for (const [key, value] of Object.entries(inspect.defaultOptions)) {
    if (Object.is(value, NODE_DEFAULTS[key]) || (value !== null && typeof value === 'object') || typeof value === 'function' ||
      typeof value === 'undefined' || typeof value === 'symbol' || typeof value === 'bigint') continue;
    (look ??= {})[key] = typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value) ? String(value) : value;
  }
  return look;
}

let differs = false;

/** In a worker, before a task runs: format as its call's program did (Node's defaults when it carries none). */
export function useInspectLook(look: InspectLook | undefined): void {
  if (!look && !differs) return;
  const options = inspect.defaultOptions as Record<string, unknown>;
  Object.assign(options, NODE_DEFAULTS);
  for (const [key, value] of Object.entries(look ?? {})) options[key] = value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value;
  differs = look !== undefined;
}
