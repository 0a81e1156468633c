/**
 * What a task's failure leads to, as a pure decision over the task's definition, how it failed and how many times it
 * has run. The engine applies the verdict; keeping the rule here keeps it one table, tested without threads.
 *
 * - A worker that died under a task (a crash, process.exit) is not the task's fault: it runs once more by default.
 * - 'retry' (with `retries`: n) runs it again after any failure, n times, then fails it as by default.
 * - 'cancel-successors', the default: the task fails, and so does every task reading what it was to produce.
 * - 'fail': the whole run stops: every unfinished task fails, naming this one.
 * - 'ignore': the task counts as done with an undefined result and its inout data as it was before the call.
 * - A task the program cancelled is never retried nor ignored: the program asked for it to stop.
 */
import type { FailureCause, TaskDef } from '../protocol';

export type Verdict = 'retry' | 'cancel-successors' | 'stop-run' | 'ignore';

/** Crashes are retried this many times unless the task's policy says otherwise. */
const CRASH_RETRIES = 1;

/** `attempts`: how many times the task has started, this failed attempt included. */
export function verdict(def: Pick<TaskDef, 'onFailure' | 'retries'>, cause: FailureCause, attempts: number): Verdict {
  if (cause === 'cancelled' || cause === 'run stopped') return 'cancel-successors';
  const retries = def.onFailure === 'retry' ? def.retries ?? 1 : cause === 'worker died' ? CRASH_RETRIES : 0;
  if (attempts <= retries) return 'retry';
  if (def.onFailure === 'fail') return 'stop-run';
  if (def.onFailure === 'ignore') return 'ignore';
  return 'cancel-successors';
}
