/**
 * Waits at a call that can move after later submissions, where nobody can tell the order (only-reads.ts): a
 * statement's task calls submitted together (batched-values.ts), a loop split in two passes (split-loops.ts). The
 * waits leave `waitedAtCall` for the plan's own entries; emit-deferred.ts emits them. (Array callbacks are split
 * where their Future is recorded: futures.ts, split-callbacks.ts.)
 */
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import { batchedValues } from './batched-values';
import { splitLoopOf } from './split-loops';

export function deferWaits(facts: FileFacts, plan: FilePlan): void {
  for (const [root, calls] of batchedValues(facts, plan.waitedAtCall)) {
    plan.batches.set(root, calls);
    for (const call of calls) plan.waitedAtCall.delete(call);
  }
  for (const call of [...plan.waitedAtCall]) {
    // (A body of several task calls is split where their values are recorded, futures.ts, or not at all.)
    const split = splitLoopOf(facts, call);
    if (split?.taskCalls.length === 1) { plan.splitLoops.set(split.loop, split); plan.waitedAtCall.delete(call); }
  }
}
