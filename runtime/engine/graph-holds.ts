/**
 * Versions kept for a take-back. When a task fails and the program catches it (`try { bump(a); bump(b) } catch {}`),
 * the calls submitted after it are calls the plain program never made (api/plain-order.ts), and their writes are taken
 * back: the program's objects get the contents they had before those calls. The main thread reads them from the
 * version each such call superseded, so that version must still exist, although a newer one is the data's latest and
 * nobody reads it any more.
 *
 * So a task that supersedes a version holds it until the task is sure to have been made: every task submitted before
 * it has finished, and each of those that failed has been met by the program ('met', sent after the take-back has read
 * what it needed). Tasks finish roughly in submission order, so a hold usually ends about when the task does; a long
 * task early in the run keeps the versions superseded after it until it finishes. So the versions held are bounded
 * (HELD_BYTES_LIMIT): past it the oldest holds end early, and a take-back that needed one of them leaves that datum as
 * the call never made left it (api/main-data.ts says so once). Measured: a 3 s task, then 100 steps on an 8 MiB
 * array, held 800 MiB unbounded.
 */
import { noEffects, type Effects, type GraphState, type VersionNode } from './graph-state';
import { releaseIfDead } from './graph-release';

/** The task `taskId` supersedes `version` (the latest of data it writes): hold it until the task is sure to be made. */
export function holdSuperseded(state: GraphState, taskId: number, version: VersionNode): void {
  // (Counted at its size now: a version superseded while its producer runs is counted as empty.)
  const bytes = version.held ? 0 : version.bytes;
  version.held = (version.held ?? 0) + 1;
  state.holds.push({ taskId, version, bytes });
  state.heldBytes += bytes;
}

/**
 * A task failed: the program may meet it later and take back what came after it. (A task cancelled for it fails with
 * it: the calls after that one are after the first failure too.)
 */
export function noteFailure(state: GraphState, taskId: number): void {
  if (taskId > state.metUpTo) state.unmetFailures.add(taskId);
}

/**
 * The program met the failures up to task `upTo` (a task still running there that fails later is met already: its
 * call was never made) and took back what it needed, or learnt of `task`'s failure some other way: they hold
 * nothing any more.
 */
export function failuresMet(state: GraphState, met: { readonly upTo?: number; readonly task?: number }): Effects {
  const effects = noEffects();
  if (met.upTo !== undefined) {
    state.metUpTo = Math.max(state.metUpTo, met.upTo);
    for (const id of state.unmetFailures) if (id <= met.upTo) state.unmetFailures.delete(id);
  }
  if (met.task !== undefined) state.unmetFailures.delete(met.task);
  releaseHolds(state, effects);
  return effects;
}

/**
 * Release the holds of tasks that are sure to have been made: no task before them is unfinished, and none failed
 * without the program having met it.
 */
export function releaseHolds(state: GraphState, effects: Effects): void {
  if (state.holds.length === 0) return;
  // Tasks are added in id order and deleted when they finish: the first key is the lowest unfinished id.
  let bound: number = state.tasks.keys().next().value ?? Infinity;
  for (const id of state.unmetFailures) if (id < bound) bound = id;
  let released = 0;
  for (const hold of state.holds) {
    if (hold.taskId > bound && state.heldBytes <= HELD_BYTES_LIMIT) break;
    released++;
    state.heldBytes -= hold.bytes;
    hold.version.held!--;
    releaseIfDead(state, hold.version, effects);
  }
  if (released > 0) state.holds.splice(0, released);
}

/** At most this many bytes of versions are held for take-backs; past it the oldest holds end. */
export const HELD_BYTES_LIMIT = 256 * 1024 * 1024;
