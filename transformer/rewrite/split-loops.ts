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
 *   or the call's arguments use; `for (const k in o)` over a plain object, its keys listed once;
 * - the body only reads, apart from assignments to primitive variables (`s += …`, `best = …`, `count++`), stores
 *   into containers out of the first pass's reach (`seen.add(v)`, `out[i] = v`: unseen-stores.ts), prints, `if`s,
 *   declarations, `try`, `break` and `continue`: nothing it does can change what a later call reads;
 * - every task call of the body is evaluated on every pass that reaches its statement (a statement of the body
 *   itself, a declaration's value, an `if`'s condition or what an inner `for…of` walks, not under `?:`, `&&`, `||`, `??`, `?.`; or the statement
 *   a `try` block of the body begins with, one call to a block: passStatement), with arguments
 *   the first pass can evaluate as the second would (only-reads.ts isSimpleArgument: names from outside the body,
 *   literals, plain reads, arithmetic, copies the language makes), or the body's own constants before the calls
 *   bound to such values (`const xs = sensors[name]`, evaluated in the first pass too), or a `const` holding an
 *   earlier call's value (`const enc = caesar(s, 3); caesar(enc, 23)`: its Future in the first pass).
 * A call may sit in `if` branches of the body (`if (n % 2) log('odd', work(n)); else log('even', work(n))`): the first
 * pass tests the conditions, which must be such arguments too, and submits the calls the second will make (guards.ts
 * enclosingBranches). A read of the first pass may throw where the plain loop, having printed before, did: the first
 * pass stops there, and the second makes the calls it never reached at their turn, which throw as the plain ones did.
 * A body may make several calls (`const a = f(x); const b = g(x); log(a, b)`): the first pass submits them all in
 * the body's order, the second takes each where the body makes it. A pass that `continue`s or `break`s before a call
 * never takes it; the calls never taken are dismissed when the loop ends (runtime/api/deferred-uses.ts), since the
 * plain loop never made them. A `break` or `continue` between two calls keeps the loop as it is.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { isAssignmentOperator } from '../analysis/expressions';
import { bindsPlainly, counterStep, loopHeader, type Counter } from './loop-headers';
import { isPrint, isSimpleArgument, mayRunAhead, onlyReadsItself, onlyReadsThroughArrows } from './only-reads';
import { enclosingBranches, evaluatedAlways, type Guard } from './guards';
import { aheadTogether, evaluatedAhead, isAheadCall, storesUnseenAhead } from './ahead-calls';
import { unseenStoreParts, type Walk } from './unseen-stores';
import { skipTransparent } from './syntax';
import { skipsBetween } from './loop-jumps';

/**
 * The loops a split applies to: `for…of`, counting `for`, `for…in` over a plain object's keys, and `while`/`do` loops
 * counting by hand (loop-headers.ts counterStep).
 */
export type SplitLoopStatement = ts.ForOfStatement | ts.ForStatement | ts.ForInStatement | ts.WhileStatement | ts.DoStatement;

export interface SplitLoop {
  readonly loop: SplitLoopStatement;
  /** The body's task calls, in the order a pass makes them. */
  readonly taskCalls: readonly ts.CallExpression[];
  /** Constants of the body before the first call that the calls' arguments may name: evaluated in both passes. */
  readonly prelude: readonly ts.VariableStatement[];
  /** Calls whose value a later call is handed, by the name of the `const` holding it: that Future, in the first pass. */
  readonly chained: ReadonlyMap<ts.CallExpression, ts.Identifier>;
  /** Calls made as a whole argument of another (`norm(prepare(n))`), with that call: both go ahead, taken together. */
  readonly nested: ReadonlyMap<ts.CallExpression, ts.CallExpression>;
  /** The `for…of` iterable is evaluated once into an array both passes walk (loop-headers.ts). */
  readonly once: boolean;
  /** Calls in `if` branches of the body, with the conditions a pass makes them under: tested in the first pass too. */
  readonly guards: ReadonlyMap<ts.CallExpression, readonly Guard[]>;
  /** A `while`/`do` loop's counter: stepped by the first pass too, and put back before the second. */
  readonly counter?: Counter;
}

/** Decided once per loop (every call of the body asks for the same split). */
const decided = new WeakMap<FileFacts, Map<ts.Node, SplitLoop | null>>();

/** The split of the loop whose body makes `call`, with all the body's task calls, if one is safe (see above). */
export function splitLoopOf(facts: FileFacts, call: ts.CallExpression): SplitLoop | undefined {
  const loop = loopOfBody(facts.ts, call);
  if (!loop) return undefined;
  let known = decided.get(facts);
  if (!known) decided.set(facts, known = new Map());
  // (With the `continue`s before a call tested in the first pass; failing that, the call submitted whatever they say.)
  if (!known.has(loop)) known.set(loop, splitOf(facts, loop, true) ?? splitOf(facts, loop, false) ?? null);
  return known.get(loop) ?? undefined;
}

/**
 * The `for` loop whose body (or a statement of its block) holds the call, with no function or other statement between;
 * or whose body holds a `try` whose block begins with the call's statement (`try { out.push(work(n)) } catch …`).
 */
function loopOfBody(t: typeof ts, call: ts.CallExpression): SplitLoopStatement | undefined {
  // (In `if` branches of the body too: `if (n % 2) log('odd', work(n)); else log('even', work(n))`, np70's min-branch-in-loop.)
  const pass = passStatement(t, call);
  const statement = pass && enclosingBranches(t, pass).top;
  const parent = statement?.parent;
  const loop = parent && t.isBlock(parent) ? parent.parent : parent;
  if (!statement || !loop || !(t.isForOfStatement(loop) || t.isForStatement(loop) || t.isForInStatement(loop) || t.isWhileStatement(loop) || t.isDoStatement(loop)) ||
    (loop.statement !== statement && loop.statement !== parent)) return undefined;
  // (A labelled loop keeps its label on the second pass, which runs the body: emit-deferred.ts.)
  return loop;
}

/**
 * The statement of the loop body a pass runs to make the call: the call's own statement, or the `try` whose block it
 * begins. Begins, so that nothing the block ran before it can throw into the catch and leave the call unmade while the
 * loop goes on: a call not taken would hold a failure no pass meets, which a later call's failure would be taken for
 * (runtime/api/plain-order.ts raise, firstUnmetBefore). A failure of the call itself is met where the second pass takes
 * it, inside the same try, whose catch then runs as the plain one did; the runtime counts that try from the taken call
 * (runtime.ts mark, checkpoint), not from the last submission.
 */
function passStatement(t: typeof ts, call: ts.CallExpression): ts.Statement | undefined {
  const statement = bodyStatement(t, call);
  const block = statement?.parent;
  const tried = block && t.isBlock(block) && t.isTryStatement(block.parent) && block.parent.tryBlock === block && block.statements[0] === statement;
  return tried ? block.parent as ts.TryStatement : statement;
}

function splitOf(facts: FileFacts, loop: SplitLoopStatement, testSkips: boolean): SplitLoop | undefined {
  const { ts } = facts;
  const taskCalls = taskCallsOf(facts, loop.statement);
  if (!taskCalls || taskCalls.length === 0) return undefined;
  for (const call of taskCalls) {
    // (A helper's halves need nothing more: helper-halves.ts.)
    const task = facts.taskOf(call);
    const statement = bodyStatement(ts, call);
    if (task && !mayRunAhead(facts.ctx, task)) return undefined;
    if (loopOfBody(ts, call) !== loop || !evaluatedAlways(ts, call, statement!)) return undefined;
  }
  if (taskCalls.length > 1 && (skipsBetween(ts, loop, bodyStatement(ts, taskCalls[0])!.getStart(), taskCalls[taskCalls.length - 1].getStart()) || !aheadTogether(facts, taskCalls))) return undefined;
  // One call to a try block: a failure of the first would leave the second unmade (`try { log(f(x) + g(x)) } catch {}`).
  // A task's call only, not a helper's (helper-halves.ts), whose value the try checks against the block's own mark.
  const tried = taskCalls.filter((call) => ts.isTryStatement(passStatement(ts, call)!));
  if (tried.some((call) => !facts.taskOf(call) || facts.taskOf(call)!.forwards) || new Set(tried.map((call) => passStatement(ts, call))).size !== tried.length) return undefined;
  // (A hand-counted loop's step is the header's part of its body: judged there, loop-headers.ts.)
  const counted = ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? counterStep(facts, loop) : undefined;
  const step = counted?.step;
  const assigned = assignedIn(ts, loop.statement, step);
  const header = loopHeader(facts, loop, assigned, counted);
  if (!header) return undefined;
  // Names from outside the body that the body does not assign, and the body's own constants computed before the
  // first call from such names (`const xs = sensors[name]`): the first pass sees what the second would.
  const prelude: ts.VariableStatement[] = [];
  // `const enc = caesar(s, 3); … caesar(enc, 23)`: a later call handed an earlier call's value gets its Future in the
  // first pass (the runtime orders the two), and the value in the second.
  const resultNames = new Map<ts.VariableDeclaration, ts.CallExpression>();
  for (const call of taskCalls) {
    const declaration = call.parent;
    const list = declaration.parent;
    if (facts.taskOf(call) && ts.isVariableDeclaration(declaration) && declaration.initializer === call && ts.isIdentifier(declaration.name) &&
      ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 && list.declarations.length === 1) resultNames.set(declaration, call);
  }
  const chained = new Map<ts.CallExpression, ts.Identifier>();
  const isOuter = (id: ts.Identifier): boolean => {
    const declaration = facts.ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
    if (declaration && prelude.some((statement) => statement.declarationList.declarations.includes(declaration as ts.VariableDeclaration))) return true;
    const earlier = declaration && ts.isVariableDeclaration(declaration) ? resultNames.get(declaration) : undefined;
    if (earlier && earlier.end <= id.pos) {
      // Only as a whole argument, where a Future can stand (`segLen([p, { x: c.x }])` needs c's value: tester #18's 25).
      // (Not to a forwarder that claims its calls: it takes values, forwarders.ts takesFutureAt.)
      if (!isWholeArgument(ts, id, taskCalls.filter((call) => facts.taskOf(call) && !facts.taskOf(call)!.claims))) return false;
      chained.set(earlier, (declaration as ts.VariableDeclaration).name as ts.Identifier);
      return true;
    }
    return !assigned.has(id.text) && !(declaration && declaration.pos >= loop.statement.pos && declaration.end <= loop.statement.end);
  };
  const first = enclosingBranches(ts, passStatement(ts, taskCalls[0])!).top;
  for (const statement of ts.isBlock(loop.statement) ? loop.statement.statements : []) {
    if (statement === first) break;
    if (isSimpleConstant(facts, statement, isOuter)) prelude.push(statement);
  }
  // `norm(prepare(n))`: the inner call goes ahead too, its Future handed to the outer one, as a chained `const` would be.
  const nested = new Map<ts.CallExpression, ts.CallExpression>();
  const takesFutures = taskCalls.filter((call) => facts.taskOf(call) && !facts.taskOf(call)!.claims);
  for (const call of taskCalls) {
    const outer = facts.taskOf(call) ? takesFutures.find((other) => isWholeArgument(ts, call, [other])) : undefined;
    if (outer) nested.set(call, outer);
  }
  // The conditions of the branches a call is in: the first pass tests them as the second will (not for a call whose
  // Future another call is handed: that one would be made without it).
  const guards = new Map<ts.CallExpression, readonly Guard[]>();
  const handed = new Set([...chained.keys(), ...nested.keys(), ...nested.values()]);
  for (const call of taskCalls) {
    const { top, guards: branches } = enclosingBranches(ts, passStatement(ts, call)!);
    // `if (n > 30) continue;` before the call: the plain pass makes it only when that is false, and so does the first
    // (np71's min-ahead-costly submitted the skipped `fib(50)` ahead: dismissed, but a worker spent on it meanwhile).
    const all = [...(testSkips && !handed.has(call) ? skipsBefore(ts, loop, top) : []), ...branches];
    if (all.length > 0) guards.set(call, all);
  }
  const conditions = [...guards.values()].flat().map((guard) => guard.condition);
  const args = [...taskCalls.flatMap((call) => evaluatedAhead(facts, call)), ...conditions];
  if (!args.every((arg) => nested.has(skipTransparent(ts, arg) as ts.CallExpression) || isSimpleArgument(facts, arg, isOuter))) return undefined;
  if ([...guards.keys()].some((call) => handed.has(call))) return undefined;
  // What the first pass evaluates before any body runs: stores of the body must be out of its reach.
  const walks = ts.isForOfStatement(loop) || ts.isForInStatement(loop);
  const control = walks ? [loop.expression] : ts.isForStatement(loop) ? [loop.initializer!, loop.condition!, loop.incrementor!] : [loop.expression, ...(step ? [step] : [])];
  const firstPass = [...control, ...prelude, ...args];
  const walk = walks ? { iterated: loop.expression, bindings: [loop.initializer] } : undefined;
  if (!storesUnseenAhead(facts, taskCalls, firstPass)) return undefined;
  if (!bodyOnlyReads(facts, loop.statement, new Set<ts.Node>([...taskCalls, ...(step ? [step] : [])]), header.names, firstPass, walk)) return undefined;
  // In the order a pass makes them: an inner call before the call it is an argument of.
  const made = nested.size === 0 ? taskCalls : [...taskCalls].sort((a, b) => a.getEnd() - b.getEnd());
  return { loop, taskCalls: made, prelude, chained, nested, once: header.once, guards, counter: header.counter };
}

/**
 * `if (c) continue;` statements of the loop's body before `statement` (one of its own), each as the guard `c` falsy.
 * (Other ways a pass may skip the call leave it submitted ahead, and dismissed when the pass does skip it.)
 */
function skipsBefore(t: typeof ts, loop: SplitLoopStatement, statement: ts.Statement): Guard[] {
  const body = loop.statement;
  if (!t.isBlock(body) || statement.parent !== body) return [];
  const label = t.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
  const continues = (s: ts.Statement): boolean => t.isContinueStatement(s) ? !s.label || s.label.text === label
    : t.isBlock(s) && s.statements.length === 1 && continues(s.statements[0]);
  const skips: Guard[] = [];
  for (const s of body.statements) {
    if (s === statement) break;
    if (t.isIfStatement(s) && !s.elseStatement && continues(s.thenStatement)) skips.push({ condition: s.expression, holds: 'falsy' });
  }
  return skips;
}

/** `const k = xs.length - 1`, `const xs = sensors[name]`: names bound to simple values (only-reads.ts), evaluated in both passes. */
function isSimpleConstant(facts: FileFacts, statement: ts.Statement, isOuter: (id: ts.Identifier) => boolean): statement is ts.VariableStatement {
  const { ts } = facts;
  return ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
    statement.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && d.initializer !== undefined && isSimpleArgument(facts, d.initializer, isOuter));
}

/** The task calls of the body in source order (the order a pass makes them: arguments are names, not calls); none inside a function. */
function taskCallsOf(facts: FileFacts, body: ts.Statement): ts.CallExpression[] | undefined {
  const { ts } = facts;
  const calls: ts.CallExpression[] = [];
  let inFunction = false;
  const visit = (n: ts.Node, withinFunction: boolean): void => {
    if (ts.isCallExpression(n) && isAheadCall(facts, n)) {
      if (withinFunction) inFunction = true;
      calls.push(n);
    }
    ts.forEachChild(n, (child) => visit(child, withinFunction || ts.isFunctionLike(n)));
  };
  visit(body, false);
  return inFunction ? undefined : calls.sort((a, b) => a.getStart() - b.getStart());
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
  // (`if (isPrime(v)) out.push(v)`: the condition is evaluated whenever the statement is; so is what a `for…of` walks,
  // `for (const p of top(list)) leaders.add(p)`, np70's min-forof-result.)
  const condition = statement && (t.isIfStatement(statement) || t.isForOfStatement(statement)) && statement.expression === node;
  return statement && (t.isExpressionStatement(statement) || t.isVariableStatement(statement) || condition) ? statement as ts.Statement : undefined;
}

/**
 * `id` is one of the calls' arguments itself (through parentheses, `as` or `!`), or an element of an array literal
 * that is (`total([sum, n])`: the runtime takes the Futures an argument's arrays hold, as futures.ts flowsAsFuture).
 */
function isWholeArgument(t: typeof ts, id: ts.Expression, calls: readonly ts.CallExpression[]): boolean {
  let node: ts.Node = id;
  while (t.isParenthesizedExpression(node.parent) || t.isAsExpression(node.parent) || t.isNonNullExpression(node.parent) ||
    t.isArrayLiteralExpression(node.parent)) node = node.parent;
  return calls.some((call) => call.arguments.includes(node as ts.Expression));
}

/** The names any assignment or update in the body targets (but in `skipped`, a hand-counted loop's step). */
function assignedIn(t: typeof ts, body: ts.Node, skipped?: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (n === skipped) return;
    // (`[a, k] = pair`, `({ k } = o)`, `for (k of xs)`: every name the target binds: rv75's r-forofassign.)
    if (t.isBinaryExpression(n) && isAssignmentOperator(t, n.operatorToken.kind)) targetNames(t, n.left, names);
    if ((t.isForOfStatement(n) || t.isForInStatement(n)) && !t.isVariableDeclarationList(n.initializer)) targetNames(t, n.initializer, names);
    // (`i++`, `--k`; not `-n` or `!done`, which read.)
    if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && t.isIdentifier(n.operand) &&
      (n.operator === t.SyntaxKind.PlusPlusToken || n.operator === t.SyntaxKind.MinusMinusToken)) names.add(n.operand.text);
    t.forEachChild(n, visit);
  };
  visit(body);
  return names;
}

/** The names an assignment target binds: `k`, `[a, k]`, `{ k, x: y }`, with defaults and rests. */
function targetNames(t: typeof ts, target: ts.Node, into: Set<string>): void {
  if (t.isIdentifier(target)) { into.add(target.text); return; }
  if (t.isArrayLiteralExpression(target) || t.isObjectLiteralExpression(target) || t.isSpreadElement(target) || t.isSpreadAssignment(target) ||
    t.isPropertyAssignment(target) || t.isParenthesizedExpression(target) ||
    (t.isBinaryExpression(target) && target.operatorToken.kind === t.SyntaxKind.EqualsToken)) {
    const inner = t.isPropertyAssignment(target) ? target.initializer : t.isBinaryExpression(target) ? target.left : undefined;
    if (inner) targetNames(t, inner, into);
    else t.forEachChild(target, (child) => targetNames(t, child, into));
    return;
  }
  if (t.isShorthandPropertyAssignment(target)) into.add(target.name.text);
}

/**
 * Apart from what is `skipped` (the task calls, a hand-counted loop's step), the body only reads, assigns primitive variables, stores into containers the first pass
 * cannot reach (unseen-stores.ts), prints, branches and breaks.
 */
function bodyOnlyReads(facts: FileFacts, body: ts.Statement, skipped: ReadonlySet<ts.Node>, loopNames: ReadonlySet<string>,
  firstPass: readonly ts.Node[], walk: Walk | undefined): boolean {
  const { ts, ctx } = facts;
  const K = ts.SyntaxKind;
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (skipped.has(n)) return;
    const stored = unseenStoreParts(facts, n, firstPass, walk);
    if (stored) { stored.forEach(visit); return; }
    // (A jump to a label: to one of the body's own statements, out of the loop, or to the loop itself, whose label the
    // second pass keeps: `continue rows` there goes to the next pass, as in the plain loop.)
    // (A `try` goes on: a call's failure is met in its pass, inside it, as the plain call's was: see passStatement.)
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) { ok = false; return; }
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
    // (A call of the program's code that only reads: `s.last()` of `last() { return this.xs[this.xs.length - 1]; }`.)
    if (ts.isCallExpression(n) && !facts.taskOf(n) && onlyReadsThroughArrows(facts, n)) return;
    if (ts.isVariableDeclaration(n) && !ts.isIdentifier(n.name) && !bindsPlainly(facts, n.name)) { ok = false; return; }
    if (ts.isExpression(n) && !onlyReadsItself(facts, n)) { ok = false; return; }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return ok;
}

