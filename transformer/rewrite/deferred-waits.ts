/**
 * Waits at a call that can move after later submissions, where nobody can tell the order (only-reads.ts): a
 * statement's task calls submitted together (batched-values.ts), a loop split in two passes (split-loops.ts). The
 * waits leave `waitedAtCall` for the plan's own entries; emit-deferred.ts emits them. (Array callbacks are split
 * where their Future is recorded: futures.ts, split-callbacks.ts.)
 */
import type * as ts from 'typescript';
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import { awaitedTogether, batchedValues, builtFirst } from './batched-values';
import { splitLoopOf } from './split-loops';
import { splitCallbackOf } from './split-callbacks';
import { halvesDeclaredIn, helperCalls, helperHalvesOf } from './helper-halves';

export function deferWaits(facts: FileFacts, plan: FilePlan): void {
  splitAtHelpers(facts, plan);
  for (const call of [...plan.waitedAtCall]) {
    if (awaitedTogether(facts, call)) { plan.awaitedTogether.add(call); plan.waitedAtCall.delete(call); }
  }
  for (const call of plan.awaitedTogether) {
    const built = builtFirst(facts, call, plan.awaitedTogether);
    if (built) plan.builtFirst.set(built.combinator, built.calls);
  }
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

/**
 * `for (const xs of groups) out.push(analyse(xs))`, `groups.map((xs) => analyse(xs))`: a helper with halves
 * (helper-halves.ts) in a loop pass or an array method's callback splits it, as a task call used at once does, when
 * every task call split with it is submitted and waits where it stands (or is split there already).
 */
function splitAtHelpers(facts: FileFacts, plan: FilePlan): void {
  /** The split's task calls, taken from the waits at their calls; false when one is planned otherwise. */
  const takes = (calls: readonly ts.CallExpression[], already: boolean): boolean => {
    const taskCalls = calls.filter((c) => facts.taskOf(c));
    if (!already && !taskCalls.every((c) => plan.submissions.has(c) && plan.waitedAtCall.has(c))) return false;
    for (const c of taskCalls) plan.waitedAtCall.delete(c);
    return true;
  };
  for (const call of helperCalls(facts)) {
    const loop = splitLoopOf(facts, call);
    if (loop) {
      if (takes(loop.taskCalls, plan.splitLoops.has(loop.loop))) plan.splitLoops.set(loop.loop, loop);
      continue;
    }
    const callback = splitCallbackOf(facts, call, undefined);
    if (callback && takes(callback.taskCalls, plan.splitCallbacks.has(callback.methodCall))) plan.splitCallbacks.set(callback.methodCall, callback);
  }
  plan.halvesDeclared = halvesDeclaredIn(facts);
  // (Also those split where a task call of the same pass decided it: futures.ts.)
  for (const split of [...plan.splitLoops.values(), ...plan.splitCallbacks.values()]) {
    for (const call of split.taskCalls) {
      const halves = facts.taskOf(call) ? undefined : helperHalvesOf(facts, call);
      if (halves) plan.halved.set(call, halves);
    }
  }
}
