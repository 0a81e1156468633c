/**
 * A loop that uses a task's value at once in every pass: `for (const a of parts) s += total(a)`,
 * `for (let i = 0; i < n; i++) { const m = peak(rows[i]); if (m > best) best = m; }` is not that (a Future
 * variable), but `best = Math.max(best, peak(rows[i]))` is. Waiting where the value is used runs the tasks one at a
 * time. Split the loop in two instead: a first pass submits the task for every iteration, the second runs the body
 * with each iteration's result in place of the call. The loop split for array methods is split-callbacks.ts; this is
 * the same for `for` statements.
 *
 * The plain program's output cannot tell the two orders apart when:
 * - the task is silent (prints.ts) and reads every object it is given (`in`): submitting later iterations' calls
 *   before earlier values are used changes nothing anyone can see, even when one fails or the loop breaks early
 *   (the runtime dismisses the calls the plain loop never made);
 * - the loop runs the same iterations twice (loop-headers.ts): `for (const x of xs)` over an array named without a
 *   call, `for (let i = a; i < b; i++)` with a header that only reads, `for (const [k, v] of m)` over a collection
 *   of the library evaluated once; nothing in the body assigns the names the header declares or a name the header
 *   or the call's arguments use;
 * - the body only reads, apart from assignments to primitive variables (`s += …`, `best = …`, `count++`), stores
 *   into containers out of the first pass's reach (`seen.add(v)`, `out[i] = v`: unseen-stores.ts), prints, `if`s,
 *   declarations, `break` and `continue`: nothing it does can change what a later call reads;
 * - the call is the loop's only task call, evaluated on every pass (a statement of the body itself, not under `if`,
 *   `?:`, `&&`, `||`, `??`, `?.`), with arguments that are names from outside the body, literals, property reads and
 *   `xs[i]` of arrays.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { isAssignmentOperator } from '../analysis/expressions';
import { loopHeader } from './loop-headers';
import { evaluatedAlways, isPrint, isReorderable, isSimpleArgument, onlyReadsItself } from './only-reads';
import { unseenStoreParts } from './unseen-stores';

export interface SplitLoop {
  readonly loop: ts.ForOfStatement | ts.ForStatement;
  readonly taskCall: ts.CallExpression;
  /** The `for…of` iterable is evaluated once into an array both passes walk (loop-headers.ts). */
  readonly once: boolean;
}

/** The split for a task call whose value is needed at once, if one is safe (see above). */
export function splitLoopOf(facts: FileFacts, call: ts.CallExpression): SplitLoop | undefined {
  const { ts } = facts;
  const task = facts.taskOf(call);
  if (!task || !isReorderable(task)) return undefined;
  const statement = bodyStatement(ts, call);
  const parent = statement?.parent;
  const loop = parent && ts.isBlock(parent) ? parent.parent : parent;
  if (!statement || !loop || !(ts.isForOfStatement(loop) || ts.isForStatement(loop)) || (loop.statement !== statement && loop.statement !== parent)) return undefined;
  if (ts.isLabeledStatement(loop.parent) || !evaluatedAlways(ts, call, statement)) return undefined;
  const assigned = assignedIn(ts, loop.statement);
  const header = loopHeader(facts, loop, assigned);
  if (!header) return undefined;
  // Names from outside the body that the body does not assign: the first pass sees what the second would.
  const isOuter = (id: ts.Identifier): boolean => {
    const declaration = facts.ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
    return !assigned.has(id.text) && !(declaration && declaration.pos >= loop.statement.pos && declaration.end <= loop.statement.end);
  };
  if (!call.arguments.every((arg) => isSimpleArgument(facts, arg, isOuter))) return undefined;
  // What the first pass evaluates before any body runs: stores of the body must be out of its reach.
  const firstPass = [...(ts.isForOfStatement(loop) ? [loop.expression] : [loop.initializer!, loop.condition!, loop.incrementor!]), ...call.arguments];
  return bodyOnlyReads(facts, loop.statement, call, header.names, firstPass) ? { loop, taskCall: call, once: header.once } : undefined;
}

/** The statement of a loop body (or of its block) that holds the call, with no function or other statement between. */
function bodyStatement(t: typeof ts, call: ts.Node): ts.Statement | undefined {
  let node: ts.Node = call;
  while (node.parent && !t.isStatement(node.parent) && !t.isVariableDeclarationList(node.parent)) {
    if (t.isFunctionLike(node.parent)) return undefined;
    node = node.parent;
  }
  let statement: ts.Node | undefined = node.parent;
  if (statement && t.isVariableDeclarationList(statement)) statement = statement.parent;
  return statement && (t.isExpressionStatement(statement) || t.isVariableStatement(statement)) ? statement : undefined;
}

/** The names any assignment or update in the body targets. */
function assignedIn(t: typeof ts, body: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (t.isBinaryExpression(n) && isAssignmentOperator(t, n.operatorToken.kind) &&
      t.isIdentifier(n.left)) names.add(n.left.text);
    if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && t.isIdentifier(n.operand)) names.add(n.operand.text);
    t.forEachChild(n, visit);
  };
  visit(body);
  return names;
}

/**
 * Apart from the task call, the body only reads, assigns primitive variables, stores into containers the first pass
 * cannot reach (unseen-stores.ts), prints, branches and breaks.
 */
function bodyOnlyReads(facts: FileFacts, body: ts.Statement, taskCall: ts.CallExpression, loopNames: ReadonlySet<string>, firstPass: readonly ts.Node[]): boolean {
  const { ts, ctx } = facts;
  const K = ts.SyntaxKind;
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (n === taskCall) return;
    const stored = unseenStoreParts(facts, n, firstPass);
    if (stored) { stored.forEach(visit); return; }
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n) || ts.isLabeledStatement(n) || ts.isTryStatement(n) ||
      ((ts.isBreakStatement(n) || ts.isContinueStatement(n)) && n.label)) { ok = false; return; }
    if (ts.isBinaryExpression(n) && isAssignmentOperator(ts, n.operatorToken.kind)) {
      // `s += total(a)`: a primitive variable, not the loop's, and not an object a later call could read.
      if (!ts.isIdentifier(n.left) || loopNames.has(n.left.text) || !isPrimitiveNode(ctx, n.left) ||
        (n.operatorToken.kind !== K.EqualsToken && !isPrimitiveNode(ctx, n.right))) { ok = false; return; }
      visit(n.right);
      return;
    }
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) {
      if (!ts.isIdentifier(n.operand) || loopNames.has(n.operand.text) || !isPrimitiveNode(ctx, n.operand)) ok = false;
      return;
    }
    if (ts.isCallExpression(n) && isPrint(ts, n)) { n.arguments.forEach(visit); return; }
    if (ts.isVariableDeclaration(n) && !ts.isIdentifier(n.name)) { ok = false; return; }
    if (ts.isExpression(n) && !onlyReadsItself(facts, n)) { ok = false; return; }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return ok; // (another task call would not only read)
}

