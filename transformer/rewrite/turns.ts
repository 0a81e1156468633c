/**
 * Code the program resumes after a microtask, planned to resume in its turn (runtime/api/awaited.ts).
 *
 * In the plain program `await task(x)` resumed one microtask after the call, which had run right there: before any
 * await, promise callback or queued microtask reached after it. Here the task may still be running in a worker when
 * those come, and code after them would run first and see the program as it was before the awaited code went on
 * (np63's min-await-order: `await heavy()` in one function and `x = 1; await null; x = 2` in another printed x = 2).
 * So every other await of the program is emitted `await inTurn(x)`, and every callback it gives a promise's `then`,
 * `catch` or `finally`, or `queueMicrotask`, `inTurnCallback(f)`: at run time they wait behind such awaits still
 * unresumed, and cost a look at an empty queue otherwise. Not in task bodies, which workers run.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, qualifiedName } from '../analysis/context';
import { censusOf } from '../analysis/syntax-census';
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import { isLibrary } from './library-uses';
import { skipTransparent } from './syntax';

/** A promise's methods taking callbacks the promise calls later. */
const PROMISE_CALLBACKS = new Set(['then', 'catch', 'finally']);

export function planTurns(facts: FileFacts, plan: FilePlan): void {
  const { ts } = facts;
  for (const node of censusOf(facts.ctx, facts.source).nodes) {
    if (ts.isCallExpression(node)) planCallbacks(facts, plan, node);
    else if (ts.isAwaitExpression(node) && awaitsInTurn(facts, plan, node)) plan.awaitsInTurn.add(node);
  }
}

/** `p.then(f)`, `queueMicrotask(f)`: `f` resumes code as an await does (`settled`: given to `Promise.resolve(…)`'s). */
function planCallbacks(facts: FileFacts, plan: FilePlan, call: ts.CallExpression): void {
  const { ts, ctx } = facts;
  const callee = call.expression;
  const promiseMethod = ts.isPropertyAccessExpression(callee) && PROMISE_CALLBACKS.has(callee.name.text);
  const microtask = ts.isIdentifier(callee) && callee.text === 'queueMicrotask';
  if (!(promiseMethod || microtask) || !isLibrary(ctx, callee) || facts.enclosingTask(call)) return;
  const receiver = promiseMethod ? skipTransparent(ts, (callee as ts.PropertyAccessExpression).expression) : undefined;
  // (`Promise.resolve(p)` of a promise is p itself, pending perhaps: rv73's r-then-resolve-pending ran f before an
  // await plain resumed first. Settled only of a value no `then` of which can be: a primitive, or nothing.)
  const name = receiver !== undefined && ts.isCallExpression(receiver) && isLibrary(ctx, receiver.expression) ? qualifiedName(ts, receiver.expression) : undefined;
  const settled = name === 'Promise.reject' || (name === 'Promise.resolve' &&
    (receiver as ts.CallExpression).arguments.every((arg) => !ts.isSpreadElement(arg) && isPrimitiveNode(ctx, arg)));
  for (const arg of call.arguments) if (!ts.isSpreadElement(arg)) plan.callbacksInTurn.set(arg, microtask ? 'microtask' : settled ? 'settled' : 'promise');
}

/** An await of anything but a task call planned here (which `awaited` orders itself), outside task bodies. */
function awaitsInTurn(facts: FileFacts, plan: FilePlan, node: ts.AwaitExpression): boolean {
  const { ts } = facts;
  const awaited = skipTransparent(ts, node.expression);
  if (ts.isCallExpression(awaited) && plan.submissions.has(awaited) && !plan.submissions.get(awaited)!.forwards) return false;
  // (`await Promise.all([score(3), score(5)])`: its calls are awaited in turn themselves.)
  if ([...plan.awaitedTogether].some((call) => call.pos >= node.pos && call.end <= node.end)) return false;
  return facts.enclosingTask(node) === undefined;
}
