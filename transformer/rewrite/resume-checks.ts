/**
 * Where an async function (or a try block of one) resumes after other code ran, the tasks it called before are
 * checked: the runtime may learn of a failure while that code runs, and a later call could read what the failed task
 * left with nothing throwing it (/tmp/s46/a14), or a `yield` hand on a value the plain generator never reached
 * (tester #28's P1b).
 *
 * A checkpoint before the statement blocks the whole program until those tasks have finished, so jobs run side by
 * side (`Promise.all([job(1), job(2)])` with `job` = `const a = work(id); await null; return a`) ran their calls one at
 * a time (np64's min-await-checkpoint). Where the statement is checked for that reason only, and the place it resumes
 * is an `await` of a value (planned in turn: turns.ts), the function's only one (failureSeenLate), the await checks
 * instead (`await checkedAwait(m, x)`,
 * runtime/api/awaited.ts): it resumes once those tasks have finished, with their first failure, while the program goes
 * on and the awaits reached after it wait their turn behind it. A `yield`, a `for await`, an await of a task call and
 * a statement that lasts for another reason keep the checkpoint. (What the statement runs before its await, the
 * await's operand too, changes nothing that lasts, as any statement left unchecked; if it throws where the plain call
 * had thrown first, the check where the function ends throws the call's failure in its place.)
 *
 * The function's promise then rejects at that await's turn, not at the call: later than the plain one did. That reaches
 * the program in the same order only where nothing could have seen it sooner (awaitedInOrder): every call of the
 * function hands its promise straight to an `await`, or into `Promise.all`, `allSettled` or `any` beside its other
 * calls, and that promise is awaited or given callbacks. A race (`Promise.race([failing(1), quick()])`: the plain failure had
 * settled it, the taskified one comes after `quick`'s value) or a promise kept or handed on keeps the checkpoint.
 * (What is left: another async function running beside the jobs that prints or counts between awaits of nothing may
 * take several more steps before a job's failure is handled than in the plain program; README says so.)
 */
import type * as ts from 'typescript';
import { isAssignmentOperator } from '../analysis/expressions';
import { calledFunction, qualifiedName, symbolOf, type FunctionLike } from '../analysis/context';
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import { isLibrary } from './library-uses';
import { withWrappers } from './syntax';
import { methodCallsInSight } from './carried-fences';

/** Why a node checks first: it changes what code after the failure sees, or files and processes. */
export type Lasting = 'seen' | 'world';
/** The same, or it resumes the region's function. */
export type CheckReason = Lasting | 'resumes';

/** `lasts`, and a node that resumes the region's function `owner` checks too ('resumes'). */
export function orResumes<L extends string>(t: typeof ts, lasts: (node: ts.Node) => L | undefined, owner: ts.Node | undefined):
  (node: ts.Node) => L | 'resumes' | undefined {
  return (node) => lasts(node) ?? (resumePoints(t, node, owner).length > 0 ? 'resumes' : undefined);
}

/**
 * A region's checks split: the nodes checked only because they resume whose awaits check where they resume instead
 * (`awaits`), and the checkpoints (`before`, where the rest of the 'resumes' are 'seen').
 */
export function splitResumes(facts: FileFacts, plan: FilePlan, checked: ReadonlyMap<ts.Node, CheckReason>, owner: FunctionLike | undefined):
  { before: Map<ts.Node, Lasting>; awaits: Set<ts.AwaitExpression> } {
  const t = facts.ts;
  const before = new Map<ts.Node, Lasting>();
  const awaits = new Set<ts.AwaitExpression>();
  const inOrder = owner !== undefined && [...checked.values()].includes('resumes') && awaitedInOrder(facts, owner);
  for (const [node, why] of checked) {
    if (why !== 'resumes') { before.set(node, why); continue; }
    const points = t.isExpressionStatement(node) || t.isVariableStatement(node) || t.isReturnStatement(node) || t.isThrowStatement(node) ||
      t.isExpression(node) ? resumePoints(t, node, owner) : [];
    if (inOrder && points.length > 0 && points.every((point) => t.isAwaitExpression(point) && plan.awaitsInTurn.has(point) && !failureSeenLate(t, point, owner))) {
      for (const point of points) awaits.add(point as ts.AwaitExpression);
    } else before.set(node, 'seen');
  }
  return { before, awaits };
}

/**
 * Code run after a failure thrown at the await could be seen to run late, at this turn instead of at the call:
 * - the function resumes anywhere else (another await, before or after, or this one again in a loop): this await is
 *   then reached in a later run than the caller's await of the jobs' `Promise.all`, whose turn, once the failure
 *   rejects it, comes first where the plain caller resumed after the jobs' turns (np66's min-method-second-await:
 *   `done.push(id)` after a job's second await printed nothing where plain printed `1,3`). So the await is the
 *   function's only one, reached in the run that called it;
 * - a catch or finally that does more than hand back a value or throw: the plain one ran at the call, before the
 *   next job's call began (np66's min-catch-order, min-finally-state).
 */
function failureSeenLate(t: typeof ts, point: ts.Node, owner: ts.Node | undefined): boolean {
  if (!owner) return true;
  for (let n = point.parent; n && n !== owner; n = n.parent) if (t.isIterationStatement(n, false)) return true;
  if (resumePoints(t, owner, owner).some((other) => other !== point)) return true;
  return handlingTries(t, point).some((statement) => !handsBackOnly(t, statement.catchClause?.block) || !handsBackOnly(t, statement.finallyBlock));
}

/** A catch or finally block that calls nothing and assigns nothing: it hands back a value (`return -1`) or throws. */
function handsBackOnly(t: typeof ts, block: ts.Block | undefined): boolean {
  const acts = (n: ts.Node): boolean => {
    if (t.isCallExpression(n) || t.isNewExpression(n) || t.isTaggedTemplateExpression(n) || t.isAwaitExpression(n) || t.isYieldExpression(n) ||
      t.isDeleteExpression(n) || t.isFunctionLike(n) || t.isClassLike(n)) return true;
    if (t.isBinaryExpression(n) && isAssignmentOperator(t, n.operatorToken.kind)) return true;
    if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) &&
      (n.operator === t.SyntaxKind.PlusPlusToken || n.operator === t.SyntaxKind.MinusMinusToken)) return true;
    return t.forEachChild(n, (child) => acts(child) || undefined) ?? false;
  };
  return block === undefined || !acts(block);
}

/**
 * The try statements of its function whose try block holds the node and that have a catch or a finally, innermost
 * first: where a failure thrown at the node goes before it leaves the function.
 */
export function handlingTries(t: typeof ts, node: ts.Node): ts.TryStatement[] {
  const tries: ts.TryStatement[] = [];
  for (let n: ts.Node = node; n.parent && !t.isFunctionLike(n.parent); n = n.parent) {
    if (t.isTryStatement(n.parent) && n.parent.tryBlock === n && (n.parent.catchClause || n.parent.finallyBlock)) tries.push(n.parent);
  }
  return tries;
}

/**
 * Where the node resumes the region's own function (`owner`) after other code ran: its `await`s and `for await`s,
 * not those of a function inside it (an async callback an array method starts resumes itself, not the region: the
 * async-callbacks fixture, where a check there waited for a sibling callback's task); and its `yield`s, which hand
 * their value to the consumer first.
 */
function resumePoints(t: typeof ts, node: ts.Node, owner: ts.Node | undefined, found: ts.Node[] = []): ts.Node[] {
  if ((t.isAwaitExpression(node) || t.isYieldExpression(node) || (t.isForOfStatement(node) && node.awaitModifier)) &&
    t.findAncestor(node.parent, t.isFunctionLike) === owner) found.push(node);
  if (t.isFunctionLike(node) && node !== owner) return found;
  t.forEachChild(node, (child) => { resumePoints(t, child, owner, found); });
  return found;
}

/**
 * Every call of the async function `fn` (declared here, not exported; or a method whose calls are all in sight,
 * carried-fences.ts) hands its promise straight to an `await`, or into `Promise.all`, `allSettled` or `any`: as an
 * element of an array of its calls (`Promise.all([job(1), job(2)])`), or as what a map's callback returns
 * (`Promise.all(ids.map((id) => job(id)))`, `ids.map(job)`), and that promise is awaited or given callbacks.
 */
export function awaitedInOrder(facts: FileFacts, fn: FunctionLike): boolean {
  const { ts, ctx } = facts;
  if (!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) || fn.asteriskToken) return false;
  // `svc.handle(i)`: a method whose every call is in sight (carried-fences.ts).
  if (ts.isMethodDeclaration(fn)) return methodCallsInSight(facts, fn)?.every((call) => promiseAwaitedInOrder(facts, call, fn)) ?? false;
  const name = ts.isFunctionDeclaration(fn) ? fn.name
    : ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
  const symbol = name && symbolOf(ctx, name);
  if (!name || !symbol || facts.isExportedByName(symbol) || ts.getCombinedModifierFlags(ts.isFunctionDeclaration(fn) ? fn : fn.parent as ts.Declaration) & ts.ModifierFlags.Export) return false;
  const uses = facts.references(symbol).filter((ref) => ref !== name);
  return uses.length > 0 && uses.every((ref) => {
    const value = withWrappers(ts, ref);
    const call = value.parent;
    // `ids.map(job)`: the map's value is the list of its promises.
    if (ts.isCallExpression(call) && call.arguments.length === 1 && call.arguments[0] === value) return isMapOfLibrary(ts, ctx, call) && gathered(facts, call);
    return ts.isCallExpression(call) && call.expression === value && promiseAwaitedInOrder(facts, call, fn);
  });
}

/** The call's promise goes straight to an `await`, or into `Promise.all`, `allSettled` or `any` as above. */
function promiseAwaitedInOrder(facts: FileFacts, call: ts.CallExpression, fn: FunctionLike): boolean {
  const { ts, ctx } = facts;
  const promise = withWrappers(ts, call);
  if (ts.isAwaitExpression(promise.parent)) return true;
  if (ts.isArrayLiteralExpression(promise.parent)) return promise.parent.elements.every((element) => isCallOf(facts, element, fn)) && gathered(facts, promise.parent);
  // `ids.map((id) => job(id))`
  const callback = promise.parent;
  const map = callback.parent;
  return ts.isArrowFunction(callback) && callback.body === promise && ts.isCallExpression(map) && map.arguments[0] === callback &&
    isMapOfLibrary(ts, ctx, map) && gathered(facts, map);
}

/**
 * The list is the one argument of `Promise.all`, `allSettled` or `any`, whose promise is awaited or given callbacks.
 * (`any` takes the first value in time, which the jobs' turns keep in order; its failures it lists in the list's order.
 * Not `race`: a failure's time decides it.)
 */
function gathered(facts: FileFacts, list: ts.Expression): boolean {
  const { ts, ctx } = facts;
  const all = withWrappers(ts, list).parent;
  if (!ts.isCallExpression(all) || all.arguments.length !== 1 || !isLibrary(ctx, all.expression) ||
    !['Promise.all', 'Promise.allSettled', 'Promise.any'].includes(qualifiedName(ts, all.expression) ?? '')) return false;
  // Awaited, or given callbacks whose promise in turn is awaited or dropped: not kept, raced or handed on (rv70's p4,
  // p5: `Promise.all(jobs).then(f)` stored, then raced).
  for (let promise: ts.Expression = all; ;) {
    const consumer = withWrappers(ts, promise).parent;
    if (ts.isAwaitExpression(consumer) || ts.isExpressionStatement(consumer)) return true;
    if (!ts.isPropertyAccessExpression(consumer) || !['then', 'catch', 'finally'].includes(consumer.name.text) || !ts.isCallExpression(consumer.parent) ||
      consumer.parent.expression !== consumer) return false;
    promise = consumer.parent;
  }
}

/**
 * Another call of `fn`, or `Promise.resolve(v)` of a value that is no promise: not a call of another async function,
 * whose microtasks could see the failure come later (a ticker in the list printed its second tick before the failure,
 * the plain one after).
 */
function isCallOf(facts: FileFacts, element: ts.Expression, fn: FunctionLike): boolean {
  const { ts, ctx } = facts;
  if (!ts.isCallExpression(element)) return false;
  if (calledFunction(ctx, element) === fn) return true;
  const [value] = element.arguments;
  return isLibrary(ctx, element.expression) && qualifiedName(ts, element.expression) === 'Promise.resolve' && element.arguments.length <= 1 &&
    (value === undefined || (!ts.isSpreadElement(value) && ctx.checker.getTypeAtLocation(value).getProperty('then') === undefined));
}

function isMapOfLibrary(t: typeof ts, ctx: FileFacts['ctx'], call: ts.CallExpression): boolean {
  return t.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'map' && isLibrary(ctx, call.expression);
}
