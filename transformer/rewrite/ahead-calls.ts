/**
 * The calls a split pass makes ahead of their turn (split-loops.ts, split-callbacks.ts): task calls, calls of method
 * forwarders (forwarders.ts) and of helpers split in halves (helper-halves.ts). The last two run program code the
 * runtime can check only when the call runs: if it reaches another function (an override, a reassigned binding), the
 * runtime postpones the call to its turn, and every later call of that pass with it (runtime/api/made-ahead.ts).
 */
import type * as ts from 'typescript';
import type { FileFacts } from './file-facts';
import { fieldsRead, helperHalvesOf } from './helper-halves';
import { pushedUnseen } from './unseen-stores';

/** A call a split pass may make ahead: a task's (or forwarder's), or a helper's with halves. */
export function isAheadCall(facts: FileFacts, call: ts.CallExpression): boolean {
  return facts.taskOf(call) !== undefined || helperHalvesOf(facts, call) !== undefined;
}

/** A call the runtime may postpone: a method forwarder's, or a helper's with halves. */
function isPostponable(facts: FileFacts, call: ts.CallExpression): boolean {
  const task = facts.taskOf(call);
  return task ? task.claims?.method === true : helperHalvesOf(facts, call) !== undefined;
}

/**
 * The calls of one pass are all postponable or none: the runtime can postpone only calls it runs itself, and a plain
 * task submitted after a postponed call would read what that call may still change.
 */
export function aheadTogether(facts: FileFacts, calls: readonly ts.CallExpression[]): boolean {
  const postponable = calls.filter((call) => isPostponable(facts, call)).length;
  return postponable === 0 || postponable === calls.length;
}

/**
 * What a call made ahead evaluates then: its arguments, and for a method forwarder its receiver (`s` of `s.mean()`,
 * whose fields the method reads when it runs ahead).
 */
export function evaluatedAhead(facts: FileFacts, call: ts.CallExpression): ts.Expression[] {
  const isMethod = facts.taskOf(call)?.claims?.method || helperHalvesOf(facts, call)?.method;
  const receiver = isMethod && facts.ts.isPropertyAccessExpression(call.expression) ? [call.expression.expression] : [];
  return [...receiver, ...call.arguments];
}

/**
 * A method split in halves may store into its object at its turn (`compute() { this.total = sum(this.xs); }`): then
 * every call of the pass is such a method's, and nothing the pass evaluates ahead (`firstPass`: the loop's header,
 * the calls' receivers and arguments, and the submission halves themselves) reads a property of that name.
 */
export function storesUnseenAhead(facts: FileFacts, calls: readonly ts.CallExpression[], firstPass: readonly ts.Node[]): boolean {
  const halves = calls.map((call) => helperHalvesOf(facts, call));
  // (A helper pushing into an array it is given: nothing evaluated ahead reaches that array, but its own argument.)
  if (!calls.every((call, k) => (halves[k]?.pushed ?? []).every((i) => i < call.arguments.length && pushedUnseen(facts, call.arguments[i]!, firstPass)))) return false;
  const writes = new Set(halves.flatMap((h) => [...(h?.writes ?? [])]));
  if (writes.size === 0) return true;
  if (halves.some((h) => h === undefined)) return false;
  const reads = new Set([...fieldsRead(facts.ts, firstPass), ...halves.flatMap((h) => [...h!.reads])]);
  return ![...writes].some((field) => reads.has(field));
}
