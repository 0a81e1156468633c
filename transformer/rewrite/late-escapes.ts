/**
 * An escape after the last task call on an object (np41's F3): `for (const a of accounts) bump(a);
 * console.log(total(accounts)); const wrapped = accounts.map((a) => [a])`. The object leaves the plan's sight there, but
 * no task call on it comes after, so nothing needs following past that point: the escape waits for everything the
 * tasks wrote inside the object (and marks it changed, a `writtenFields` wait) instead of keeping every call direct.
 *
 * Only at the file's top level, which runs once: inside a function, a second call runs the task calls again after the
 * first call's escape, where the escaped name would be read with nothing waiting. And not inside a loop (or a callback
 * an array method runs per element) that also holds one of the calls: its next pass calls a task after the escape.
 */
import type * as ts from 'typescript';
import { isFunctionLike } from '../analysis/context';
import { enclosesOrIs } from '../analysis/function-values';
import type { FileFacts } from './file-facts';
import { isSynchronousCallback, runningFunction } from './syntax';

/** Whether `ref` (an escaping use of the group) comes after every one of `calls` and runs once, at top level. */
export function isLateEscape(facts: FileFacts, ref: ts.Node, calls: readonly ts.CallExpression[]): boolean {
  const { ts } = facts;
  if (!runsAtTopLevel(facts, ref)) return false;
  // (Loops and per-element callbacks around the escape: none may hold a call too.)
  const repeating: ts.Node[] = [];
  for (let n = ref.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isIterationStatement(n, false) || (isFunctionLike(facts.ctx, n) && isSynchronousCallback(ts, n))) repeating.push(n);
  }
  return calls.every((call) => call.end <= ref.getStart() && runsAtTopLevel(facts, call) && !repeating.some((loop) => enclosesOrIs(loop, call)));
}

/** The node runs in the file's top-level code (through callbacks array methods run before they return), not in a function or a class. */
function runsAtTopLevel(facts: FileFacts, node: ts.Node): boolean {
  return runningFunction(facts.ctx, node) === undefined && facts.ts.findAncestor(node, facts.ts.isClassLike) === undefined;
}
