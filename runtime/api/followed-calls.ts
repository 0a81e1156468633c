/**
 * The boundaries of a function whose parameters the plugin followed (`entering`, `leaving`, a forwarder's
 * `claimForward`): the failures its tasks met surface as it returns, and what a caller that does not follow its
 * arguments may have changed unseen is compared by contents next time. Apart from index.ts, the API's list, as one concept.
 */
import { Future } from './future';
import { claimForward as claimedCall } from './forwarding';
import { checkpoint, mark } from './checkpoints';
import { maybeWritten, resumed } from './program-waits';

/**
 * A function whose parameters the plugin followed returns or throws: the first failure of a task it submitted since
 * `mark` is thrown out of it, as the sequential call threw it, and the parameters hold what the call's tasks wrote
 * (a failed task's writes too, as a sequential call that threw half way left them).
 */
export function leaving(mark: number, parameters: readonly unknown[]): void {
  try { checkpoint(mark); } finally {
    resumed(undefined, parameters, []);
    // The function waits here because some caller does not follow what it passed: that caller may change these
    // objects before a later call hands them to a task again, so from now on their snapshots compare contents.
    const seen = new Set<object>();
    for (const parameter of parameters) mayChangeUnseen(parameter, seen);
  }
}

/**
 * `x` (and a container's elements) may be changed by code the plan does not follow: compare contents next time.
 * `now`: without waiting; a Future is left alone (its value is the runtime's: the caller has not changed it unseen).
 */
function mayChangeUnseen(x: unknown, seen: Set<object>, now = false): void {
  if (typeof x !== 'object' || x === null || seen.has(x) || (now && x instanceof Future)) return;
  seen.add(x);
  maybeWritten(x);
  if (Array.isArray(x)) for (const item of x) mayChangeUnseen(item, seen, now);
}

/**
 * At a forwarder's start: whether this call of `self` is a planned one (api/forwarding.ts). A call no plan made came
 * from code the plugin does not see, which may have changed `parameters` since their last snapshots (`rows.map(meanOf)`
 * in another module, after `rows[0].push(100)`: tester np36's fwd4): their next snapshots compare contents.
 */
export function claimForward(self: unknown, parameters: readonly unknown[] = []): boolean {
  const claimed = claimedCall(self);
  if (!claimed) markChangedUnseen(parameters);
  return claimed;
}

/**
 * A function with followed parameters begins (`const m = entering([xs]); try { … } finally { leaving(m, [xs]) }`):
 * the caller that does not follow what it passed may have changed it since its last snapshot, through another name
 * (`holder.items.push(100); prepare(holder.items)` after a task read `a`), so its next snapshot compares contents.
 * Returns the mark `leaving` waits back to.
 */
export function entering(parameters: readonly unknown[]): number {
  markChangedUnseen(parameters);
  return mark();
}

/** Parameters a caller that does not follow them may have changed: their next snapshots compare contents. */
function markChangedUnseen(parameters: readonly unknown[]): void {
  const seen = new Set<object>();
  for (const parameter of parameters) mayChangeUnseen(parameter, seen, true);
}
