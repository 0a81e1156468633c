/**
 * A task whose value is used at once inside an array method's callback: `Math.max(...xs.map((x) => stats(x).max))`,
 * `xs.filter((x) => score(x) > 0.5)`, `xs.reduce((s, x) => s + total(x), 0)`. Waiting where the value is used would
 * run the calls one at a time. Split instead: submit the task for every element first, then run the callback with
 * each result in place of the call (`__taskify.eachThen`, runtime/api/each-then.ts).
 *
 * That is the plain program's output only when nothing can tell the two orders apart, so the split needs:
 * - the receiver: an array of the library (a typed array's `map` would turn Futures into numbers; a subclass of the
 *   program's may override the method), evaluated once as the plain call evaluates it (`[0, 1, 2].map(…)`,
 *   `rows.filter(…).map(…)`), holding no task call of its own;
 * - the callback: an arrow function whose body is one expression (or one `return`; for forEach, one statement),
 *   with plain parameters, holding its task calls (this one and any other of a reorderable task), each evaluated
 *   on every path (not under `?:`, `&&`, `||`, `??`, `?.`: the first pass calls it for every element), and otherwise only reads and operators, its arguments too: no other call but
 *   `Math.*`, methods of numbers and strings and `console.log` (printed in its place), no operator that could call an object's valueOf or toString, no
 *   assignment but a store the first pass cannot see (unseen-stores.ts), no `new`, `await`, `yield`, `delete` or
 *   nested function;
 * - the task: silent (prints.ts), reading every object it is given (`in`): submitting the later elements' calls
 *   before the earlier results are used changes nothing anyone can see, even when one of them fails; module state it
 *   reads is taken at each submission, so then the callback may store nothing;
 * - for `reduce`, the task's arguments do not use the accumulator (the submissions run before any step).
 */
import type * as ts from 'typescript';
import { evaluatedAlways, isPrint, isReorderableAmongReads, isSimpleArgument, onlyReadsItself } from './only-reads';
import { bindsPlainly, isCollection } from './loop-headers';
import { mentionsAny } from './syntax';
import { isPrimitiveNode, qualifiedName } from '../analysis/context';
import { isLibrary, isOverridable } from './library-uses';
import { runtimeShapes } from './runtime-shapes';
import type { TaskInfo } from '../analysis/discover';
import type { FileFacts } from './file-facts';
import { unseenStoreParts } from './unseen-stores';

export type SplitMethod = 'map' | 'filter' | 'reduce' | 'flatMap' | 'forEach';
const METHODS = new Set<string>(['map', 'filter', 'reduce', 'flatMap', 'forEach']);

export interface SplitCallback {
  /** `xs.map(cb)`: the call that is emitted as `__taskify.eachThen(xs, 'map', submit, use)`. */
  readonly methodCall: ts.CallExpression;
  readonly method: SplitMethod;
  readonly callback: ts.ArrowFunction;
  /**
   * The task calls inside the callback, in the order the callback makes them, submitted for every element first
   * (`xs.map((x) => ({ a: sq(x), b: cube(x) }))` has two).
   */
  readonly taskCalls: readonly ts.CallExpression[];
  /** `Array.from(source, callback)`: split as `Array.from(source).map(callback)`. */
  readonly from?: ts.Expression;
}

/** The split for a task call whose value is needed at once, if one is safe (see above). */
export function splitCallbackOf(facts: FileFacts, call: ts.CallExpression, task: TaskInfo): SplitCallback | undefined {
  const { ts, ctx } = facts;
  if (!isReorderableAmongReads(task)) return undefined;
  const callback = enclosingArrow(ts, call);
  if (!callback || callback.parameters.some((p) => !bindsPlainly(facts, p.name) || p.initializer || p.dotDotDotToken)) return undefined;
  const methodCall = callback.parent;
  if (!ts.isCallExpression(methodCall)) return undefined;
  const from = arrayFromSource(facts, methodCall, callback);
  // The array walked: `Array.from`'s source, or the method's receiver.
  let source: ts.Expression;
  let method: SplitMethod;
  if (from) {
    source = from;
    method = 'map';
  } else {
    if (methodCall.arguments[0] !== callback || !ts.isPropertyAccessExpression(methodCall.expression)) return undefined;
    source = methodCall.expression.expression;
    const name = methodCall.expression.name.text;
    const type = ctx.checker.getTypeAtLocation(source);
    if (!METHODS.has(name) || !(ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type)) || isOverridable(runtimeShapes(ctx), type)) return undefined;
    method = name as SplitMethod;
  }
  const body = resultExpression(ts, callback);
  if (!body || facts.holdsTaskCall(source)) return undefined;
  const taskCalls = reorderableCalls(facts, body);
  if (!taskCalls.includes(call) || !onlyReads(facts, body, taskCalls, callback, source, taskCalls.flatMap((c) => c.arguments))) return undefined;
  if (method === 'reduce') {
    const accumulator = callback.parameters[0];
    if (!accumulator || !ts.isIdentifier(accumulator.name) || methodCall.arguments.length < 2 ||
      taskCalls.some((c) => mentionsAny(ts, c, new Set([(accumulator.name as ts.Identifier).text])))) return undefined;
  }
  return { methodCall, method, callback, taskCalls, ...(from ? { from } : {}) };
}

/**
 * `Array.from({ length: n }, cb)` or `Array.from(xs, cb)` over a collection of the library: the source, whose
 * iteration runs none of the program's code, so iterating it all before the callbacks run is what the plain call saw.
 */
function arrayFromSource(facts: FileFacts, methodCall: ts.CallExpression, callback: ts.ArrowFunction): ts.Expression | undefined {
  const { ts, ctx } = facts;
  // (Its callback is given an element and its index, never the array a `map` would add as a third argument.)
  if (methodCall.arguments.length !== 2 || methodCall.arguments[1] !== callback || callback.parameters.length > 2) return undefined;
  if (qualifiedName(ts, methodCall.expression) !== 'Array.from' || !isLibrary(ctx, methodCall.expression)) return undefined;
  const source = methodCall.arguments[0];
  const lengthOnly = ts.isObjectLiteralExpression(source) && source.properties.length === 1 && ts.isPropertyAssignment(source.properties[0]) &&
    ts.isIdentifier(source.properties[0].name) && source.properties[0].name.text === 'length' && isPrimitiveNode(ctx, source.properties[0].initializer);
  return lengthOnly || isCollection(facts, source) ? source : undefined;
}

/** The arrow function whose result expression holds the call, with no function between them. */
function enclosingArrow(t: typeof ts, call: ts.Node): ts.ArrowFunction | undefined {
  for (let n = call.parent; n; n = n.parent) {
    if (t.isArrowFunction(n)) return n;
    if (t.isFunctionLike(n) || t.isStatement(n) && !t.isReturnStatement(n) && !t.isExpressionStatement(n) && !t.isBlock(n)) return undefined;
  }
  return undefined;
}

/** The callback's one expression: its body, its one `return`, or (what forEach ignores anyway) its one statement. */
function resultExpression(t: typeof ts, fn: ts.ArrowFunction): ts.Expression | undefined {
  if (!t.isBlock(fn.body)) return fn.body;
  const [only] = fn.body.statements;
  if (fn.body.statements.length !== 1 || !only) return undefined;
  return t.isReturnStatement(only) ? only.expression : t.isExpressionStatement(only) ? only.expression : undefined;
}

/** The calls of reorderable tasks in the expression (none nested in another: arguments must be simple), in source order. */
function reorderableCalls(facts: FileFacts, body: ts.Expression): ts.CallExpression[] {
  const { ts } = facts;
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n)) { const task = facts.taskOf(n); if (task && isReorderableAmongReads(task)) calls.push(n); }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return calls;
}

/**
 * Apart from the task calls, the expression only reads (names, literals, accesses, operators, `Math.*` calls), prints
 * and stores into containers out of reach of what the first pass evaluates (unseen-stores.ts: `(x, i) => m.set(i, stats(x))`).
 */
function onlyReads(facts: FileFacts, body: ts.Expression, taskCalls: readonly ts.CallExpression[], callback: ts.ArrowFunction, source: ts.Expression,
  args: readonly ts.Node[]): boolean {
  const { ts } = facts;
  const readsState = taskCalls.some((call) => facts.taskOf(call)?.moduleState?.length);
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isCallExpression(n) && taskCalls.includes(n)) {
      const taskCall = n;
      // Evaluated for every element, as the plain callback does: not on one side of `?:`, `&&`, `||`, `??` or `?.`.
      if (!evaluatedAlways(ts, taskCall, body)) { ok = false; return; }
      // Its arguments are evaluated in the first pass, before the earlier elements' results are used: names,
      // literals, arithmetic on numbers and reads of plain data (only-reads.ts isSimpleArgument), as split loops take.
      if (!taskCall.arguments.every((arg) => isSimpleArgument(facts, arg) || (ts.isSpreadElement(arg) && ts.isIdentifier(arg.expression)))) ok = false;
      return;
    }
    // (A store could change the module state a task reads: its snapshot is taken in the first pass, before it.)
    const stored = readsState ? undefined : unseenStoreParts(facts, n, [source, ...args], { iterated: source, bindings: callback.parameters });
    if (stored) { stored.forEach(visit); return; }
    if (ts.isCallExpression(n) && isPrint(ts, n)) { n.arguments.forEach(visit); return; }
    if (!onlyReadsItself(facts, n)) { ok = false; return; }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return ok;
}
