/**
 * `parts.map(total)`: a task handed whole to an array's `map`. In plain code map calls it once per element, in
 * order, and builds the array of its values. Emitted as `waitAll(parts.map(asTask(total)))`: map calls a function
 * that submits the task with the arguments the task declares (of element, index, array), so every element's call is
 * submitted before any is waited for, and the array holds the values where the statement goes on.
 *
 * Only where that changes nothing else: the library's array `map` (a typed array's would turn each Future into a
 * number), a synchronous task of at most two parameters (element, index: the array itself would be an object
 * argument), every one of them `in` (nothing a later statement reads is written), outside task bodies. An object
 * element is snapshotted at its call (runtime `asTask`), as any `in` object the plan does not follow.
 */
import type * as ts from 'typescript';
import type { TaskInfo } from '../analysis/discover';
import { symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { functionOfSymbol } from '../analysis/function-of-symbol';
import { censusOf } from '../analysis/syntax-census';
import type { FileFacts } from './file-facts';
import { isLibrary } from './library-uses';
import { mayRunAhead } from './only-reads';
import { skipTransparent, withWrappers } from './syntax';

/** The `map` call a reference to the task is handed to, if the task may be submitted per element there. */
export function mapCallTaking(facts: FileFacts, ref: ts.Expression, task: TaskInfo): ts.CallExpression | undefined {
  const { ts } = facts;
  const call = arrayMapTaking(facts, ref);
  if (!call) return undefined;
  // (A value that cannot come back from a worker: its calls run in place, as a direct call's do: np56's F1.)
  if (task.runsInPlace || ts.getCombinedModifierFlags(task.fn) & ts.ModifierFlags.Async) return undefined;
  if (task.params.length > 2 || task.fn.parameters.some((p) => p.dotDotDotToken) || task.params.some((p) => p.direction !== 'in')) return undefined;
  return facts.enclosingTask(call) ? undefined : call;
}

/**
 * `xs.map(ref)` of the library's array `map`, outside task bodies: a task or forwarder named there, or a maker
 * written there (forwarders.ts mapOfCallback).
 */
export function arrayMapTaking(facts: { readonly ctx: AnalysisContext; readonly tasks: ReadonlyMap<FunctionLike, TaskInfo> }, ref: ts.Expression): ts.CallExpression | undefined {
  const { ctx } = facts;
  const { ts } = ctx;
  const call = withWrappers(ts, ref).parent;
  if (!ts.isCallExpression(call) || call.arguments.length !== 1 || skipTransparent(ts, call.arguments[0]) !== ref) return undefined;
  const method = call.expression;
  if (!ts.isPropertyAccessExpression(method) || method.name.text !== 'map' || call.questionDotToken || method.questionDotToken) return undefined;
  if (!ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(method.expression)) || !isLibrary(ctx, method)) return undefined;
  for (let n = call.parent; n; n = n.parent) if (facts.tasks.has(n as FunctionLike)) return undefined;
  return call;
}

/**
 * `inputs.map(byFive)` with `const byFive = (xs) => work(xs, 5)`: a function forwarder of the program handed to an
 * array's `map` claims its calls (forwarders.ts: it is passed as a value), so each call waited for its task and the
 * tasks ran one at a time (tester #26's r26b). Emitted as `waitAll(inputs.map(asForwarded(byFive, 'byFive', 1)))`:
 * map calls the forwarder as the plain program does, each call planned, so it hands back its task's Future, and the
 * statement waits for every value. Only where the tasks may run ahead of their turn (only-reads.ts mayRunAhead), or
 * for a forwarder handing out objects it made for quiet tasks (`[0, 1, 2].map(make)`, forwarders.ts mapsInTurn),
 * which the wait finds their writes pending on.
 */
export function mappedForwarders(facts: FileFacts): Map<ts.CallExpression, MappedForwarder> {
  const { ts, ctx } = facts;
  const found = new Map<ts.CallExpression, MappedForwarder>();
  for (const call of censusOf(ctx, facts.source).calls) {
    const ref = call.arguments.length === 1 ? skipTransparent(ts, call.arguments[0]) : undefined;
    if (!ref || !ts.isIdentifier(ref) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'map') continue;
    const symbol = symbolOf(ctx, ref);
    const fn = symbol && functionOfSymbol(ctx, symbol);
    const forwarder = fn && !facts.tasks.has(fn) ? facts.forwarders.of(fn) : undefined;
    if (!forwarder?.claims || forwarder.claims.method || arrayMapTaking(facts, ref) !== call) continue;
    // (Its later calls, which a failing one leaves unseen: the plain map would not have made them.)
    if (!mayRunAhead(ctx, forwarder) && !facts.forwarders.mapsInTurn(forwarder)) continue;
    // (Its declared parameters, which the runtime snapshots as arguments the plan does not follow: asForwarded.)
    found.set(call, { ref, arity: fn!.parameters.filter((p) => !p.dotDotDotToken).length });
  }
  return found;
}

/** A forwarder handed to `map`: its name there, and how many of map's arguments it declares. */
export interface MappedForwarder { readonly ref: ts.Identifier; readonly arity: number }
