/**
 * Task calls whose values one expression needs: `console.log(total(a), total(b))`, `norm(u) + norm(v)`,
 * `[stats(x).mean, stats(y).mean]`, `` `${count(p)} of ${count(q)}` ``. Waiting at each call would run them one at a
 * time. Submit them all first, then evaluate the expression with their values in place of the calls:
 * `__taskify.withValues([submit(…), submit(…)], (v0, v1) => console.log(v0, v1))` (runtime/deferred-uses.ts).
 *
 * The expression is a statement's own (an expression statement, a declaration's initializer, a `return`), so the
 * batch spans it whole. The plain program's output cannot tell the two orders apart when:
 * - every task is silent (prints.ts) and reads every object it is given (`in`): submitting a later call before an
 *   earlier value is used changes nothing anyone can see, even when the earlier one fails (the later submissions'
 *   failures are then nobody's: the runtime dismisses them);
 * - every call is evaluated whenever the expression is (not on one side of `?:`, `&&`, `||`, `??`, nor after `?.`),
 *   and outside any function written in the expression;
 * - everything the expression evaluates before the last call completes only reads (only-reads.ts): that code runs
 *   after the submissions now, so it must not change what a task reads; what comes after the last call runs after
 *   the waits, as before; the calls' own arguments are names, literals and reads without getters;
 * - nothing in the expression suspends (`await`, `yield`): it becomes the body of an arrow function. An `await` of the
 *   whole expression stays outside it (`const [a, b] = await Promise.all([score(3), score(5)])`).
 */
import type * as ts from 'typescript';
import { isFunctionLike, qualifiedName } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { givesPromise, isReorderable, isSimpleArgument, onlyReadsItself } from './only-reads';
import { evaluatedAlways } from './guards';
import { isLibrary } from './library-uses';
import { skipTransparent, withWrappers } from './syntax';

/**
 * Batches of a file: a statement's expression and its task calls in evaluation order (two or more), among the calls
 * whose value is waited for at once (the plan's `waitedAtCall`).
 */
export function batchedValues(facts: FileFacts, waitedAtCall: ReadonlySet<ts.CallExpression>): Map<ts.Expression, ts.CallExpression[]> {
  const byRoot = new Map<ts.Expression, ts.CallExpression[]>();
  for (const call of waitedAtCall) {
    const root = statementExpression(facts.ts, call);
    if (root) byRoot.set(root, [...(byRoot.get(root) ?? []), call]);
  }
  const batches = new Map<ts.Expression, ts.CallExpression[]>();
  for (const [root, calls] of byRoot) {
    if (calls.length < 2) continue;
    calls.sort((a, b) => a.end - b.end);
    if (calls.every((call) => joins(facts, call, root)) && onlyReadsBefore(facts, root, calls)) batches.set(root, calls);
  }
  return batches;
}

/** The expression of the statement the call is evaluated in, with no function between them. */
function statementExpression(t: typeof ts, call: ts.Node): ts.Expression | undefined {
  let node: ts.Node = call;
  while (node.parent && !t.isStatement(node.parent) && !t.isVariableDeclaration(node.parent)) {
    if (t.isFunctionLike(node.parent) || t.isClassLike(node.parent)) return undefined;
    node = node.parent;
  }
  const parent = node.parent;
  const own = t.isExpressionStatement(parent) || t.isReturnStatement(parent) ||
    (t.isVariableDeclaration(parent) && parent.initializer === node);
  if (!own) return undefined;
  // `const [a, b] = await Promise.all([score(3), score(5)])`: the awaited expression is the batch; the await, after it
  // was evaluated, stays where it is (outside the arrow function the batch becomes).
  let root = node as ts.Expression;
  while (t.isAwaitExpression(root) || t.isParenthesizedExpression(root)) root = root.expression;
  return root;
}

function joins(facts: FileFacts, call: ts.CallExpression, root: ts.Expression): boolean {
  const task = facts.taskOf(call);
  // (Not a method forwarder: only a loop's or callback's pass can postpone the call of an override, forwarders.ts.)
  return task !== undefined && isReorderable(task) && !task.claims?.method && evaluatedAlways(facts.ts, call, root) &&
    call.arguments.every((arg) => isSimpleArgument(facts, arg));
}

/**
 * Everything evaluated before the last call completes only reads; nothing anywhere suspends. The ancestors of the
 * last call complete after it (they use its value), and what follows it in the text is evaluated after it.
 */
function onlyReadsBefore(facts: FileFacts, root: ts.Expression, calls: readonly ts.CallExpression[]): boolean {
  const { ts, ctx } = facts;
  const last = calls[calls.length - 1];
  const batched = new Set<ts.Node>(calls);
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isAwaitExpression(n) || ts.isYieldExpression(n)) { ok = false; return; }
    if (isFunctionLike(ctx, n)) { if (n.pos < last.end) ok = false; else return; } // `yield` in a nested function is its own
    const completesAfterLast = (n.pos <= last.pos && n.end >= last.end) || n.pos >= last.end;
    if (!batched.has(n) && !completesAfterLast && !onlyReadsItself(facts, n)) { ok = false; return; }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return ok;
}

/**
 * `await Promise.all([score(3), score(5)])`: an element of an array literal that `Promise.all`, `allSettled`, `race`
 * or `any` is given and awaited at once. The calls are awaited as `await task()` is (runtime/api/awaited.ts: each a
 * promise of its value, resumed in the order reached), so the tasks run side by side and the async function does not
 * block the thread while they run (`Promise.all(stations.map((s) => s.profile()))` overlaps every station's pair).
 * Only for a task that may run ahead (as in a batch): a later element is submitted before an earlier one failed.
 */
const AWAITED_TOGETHER = new Set(['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any']);

export function awaitedTogether(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const node = withWrappers(ts, call);
  const list = node.parent;
  if (!ts.isArrayLiteralExpression(list) || !ts.isCallExpression(list.parent) || list.parent.arguments.length !== 1 || list.parent.arguments[0] !== list) return false;
  const combinator = list.parent;
  if (!AWAITED_TOGETHER.has(qualifiedName(ts, combinator.expression) ?? '') || !isLibrary(facts.ctx, combinator.expression)) return false;
  const awaitedNode = withWrappers(ts, combinator);
  const task = facts.taskOf(call);
  return ts.isAwaitExpression(awaitedNode.parent) && task !== undefined && isReorderable(task) && !task.claims && !task.forwards &&
    list.elements.every((e) => !ts.isSpreadElement(e) && (e === node || isSimpleArgument(facts, e as ts.Expression) ||
      isTaskCall(facts, skipTransparent(ts, e as ts.Expression)))) &&
    call.arguments.every((arg) => isSimpleArgument(facts, arg));
}

function isTaskCall(facts: FileFacts, e: ts.Expression): boolean {
  return facts.ts.isCallExpression(e) && facts.taskOf(e) !== undefined;
}

/**
 * `await Promise.allSettled([t(2), t(3)])`, `Promise.any`, `Promise.race`: a synchronous task's call that fails threw
 * while the plain program built the list, so the combinator never ran and the await's try caught that throw; a
 * combinator given the calls' promises would have settled with it (tester np35's q69/q70). Those calls' indexes in
 * the list, for runtime/api/awaited.ts builtFirst, which takes their outcomes first. (`Promise.all` needs none: its
 * first failure is the one the plain list threw, since awaits resume in the order reached.)
 */
export function builtFirst(facts: FileFacts, call: ts.CallExpression, together: ReadonlySet<ts.CallExpression>):
  { combinator: ts.CallExpression; calls: number[] } | undefined {
  const { ts } = facts;
  const list = withWrappers(ts, call).parent as ts.ArrayLiteralExpression;
  const combinator = list.parent as ts.CallExpression;
  if (qualifiedName(ts, combinator.expression) === 'Promise.all') return undefined;
  const calls = list.elements.flatMap((element, i) => {
    const inner = skipTransparent(ts, element as ts.Expression);
    const task = ts.isCallExpression(inner) && together.has(inner) ? facts.taskOf(inner) : undefined;
    return task && !givesPromise(facts.ctx, task.fn) ? [i] : [];
  });
  return calls.length > 0 ? { combinator, calls } : undefined;
}
