/**
 * Helpers that build a value around task results: `function analyse(name, xs) { return { name, total: sum(xs) }; }`
 * called in a loop or an array method's callback (`groups.map((xs, i) => analyse(`g${i}`, xs))`). Plain code waits for
 * each task inside the helper, so the calls run one at a time; the helper is no forwarder (it returns a record, not the
 * task's value). Such a helper is split in two halves, as a split callback is (split-callbacks.ts): the submission half
 * submits its task calls, the use half builds the value with their results. A split loop or callback runs the first
 * half for every pass before the second half of the first (split-loops.ts, split-callbacks.ts); every other call of
 * the helper is the plain call.
 *
 * The helper's file registers the halves with the function (`__taskify.inHalves(analyse, submit, use)`; a method's
 * class in a static block), and a split pass of any file asks the runtime for them (`__taskify.halfAhead(analyse,
 * [args])`, `halfAheadMethod(p, 'compute', [args])`: runtime/api/made-ahead.ts): a call reaching a function without
 * halves (an override, a call made before the declaration ran) is made at its turn, with the rest of its pass.
 *
 * A method may also store into its object's fields (`compute() { this.total = sum(this.xs); }`), at its turn, when no
 * submission half reads a property of that name (ahead-calls.ts storesUnseenAhead), and reads no getter (field-reads.ts).
 *
 * A helper has halves when the submission half can run early unseen:
 * - a named function of the program (a declaration, or a `const`'s arrow or function expression), neither async nor a
 *   generator, using neither `this` nor `arguments`, with plain parameters (no default, no rest, no pattern);
 * - its body is constants bound plainly and prints, then one returned expression (an arrow's expression body is one);
 * - its task calls are of tasks that only read and print nothing (only-reads.ts isReorderable), synchronous, made on
 *   every path of the body or under conditions (`n > 0 ? spin(n) : 0`: guards.ts), with arguments and conditions
 *   computed from its parameters and its leading constants only (names, literals, reads, arithmetic: only-reads.ts
 *   isSimpleArgument), so the early half reads what the plain call would and makes the calls it will make;
 * - the rest of the body reads and prints, nothing else: it runs at the plain call's turn; but it may push into an
 *   array it is given (`addOne(out, n) { out.push(work(n)); }`: np70's min-push-one) when the submission half reads
 *   nothing of that array (`work(out.length)` would read it before the earlier passes' pushes).
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, isOwnSourceFile, symbolOf, type FunctionLike } from '../analysis/context';
import { enclosingFunction, type TaskInfo } from '../analysis/discover';
import type { FileFacts } from './file-facts';
import { isPlainConstant } from './loop-headers';
import { givesPromise, isPrint, isSimpleArgument, mayRunAhead, onlyReadsItself } from './only-reads';
import { guardsOf, type Guard } from './guards';
import { readsNoGetter } from './field-reads';
import { methodOwner } from './method-owners';

export interface HelperHalves {
  readonly fn: FunctionLike;
  /** A method's (its class registers the halves; its calls are `receiver.name(…)`). */
  readonly method: boolean;
  /** The fields of its object the use half stores into (`this.total = …`): nothing made ahead may read them. */
  readonly writes: ReadonlySet<string>;
  /** The fields of its object the submission half reads. */
  readonly reads: ReadonlySet<string>;
  /** The parameters (by index) the use half pushes into (`out` of `out.push(work(n))`): a split must not read them ahead. */
  readonly pushed: readonly number[];
  /** The name the helper's file knows it by (the registration names it). */
  readonly name: ts.Identifier;
  /** Leading constants the task calls' arguments may name: computed in both halves. */
  readonly prelude: readonly ts.VariableStatement[];
  /** The body's later statements (constants, prints), run in the use half. */
  readonly rest: readonly ts.Statement[];
  readonly result: ts.Expression;
  /** The body's task calls, in the order it makes them, and their tasks. */
  readonly taskCalls: readonly ts.CallExpression[];
  readonly tasks: readonly TaskInfo[];
  /** For each task call, the conditions under which the body makes it (none: always), tested in the submission half too. */
  readonly guards: readonly (readonly Guard[])[];
}

const decided = new WeakMap<FunctionLike, HelperHalves | null>();

/** The halves of the helper a call reaches by name, if it has them (see above). */
export function helperHalvesOf(facts: FileFacts, call: ts.CallExpression): HelperHalves | undefined {
  const { ts } = facts;
  const callee = call.expression;
  const byName = ts.isIdentifier(callee);
  // (`p.compute()` as written: not `super.m()`, `o?.m()`, `o['m']()`, which the runtime does not run: emit-deferred.ts.)
  const asMethod = ts.isPropertyAccessExpression(callee) && !callee.questionDotToken && callee.expression.kind !== ts.SyntaxKind.SuperKeyword;
  if (!(byName || asMethod) || call.questionDotToken || call.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  const fn = calledFunction(facts.ctx, call);
  if (!fn || ts.isMethodDeclaration(fn) !== asMethod) return undefined;
  return helperHalvesOfFunction(facts, fn);
}

/** The function's halves, if it is a helper that has them (its file registers them: halvesDeclaredIn). */
function helperHalvesOfFunction(facts: FileFacts, fn: FunctionLike): HelperHalves | undefined {
  if (facts.tasks.has(fn) || facts.forwarders.of(fn) || !isOwnSourceFile(facts.ctx, fn.getSourceFile())) return undefined;
  if (!decided.has(fn)) decided.set(fn, halvesOf(facts, fn) ?? null);
  return decided.get(fn) ?? undefined;
}

/**
 * The helpers with halves this file declares: each registers them where it is declared, whichever file calls it
 * (a call reaching one that did not is made at its turn: runtime/api/made-ahead.ts).
 */
export function halvesDeclaredIn(facts: FileFacts): Set<HelperHalves> {
  const found = new Set<HelperHalves>();
  for (const [call] of facts.taskCalls()) {
    const fn = enclosingFunction(facts.ctx, call);
    const halves = fn && isFunctionLike(facts.ctx, fn) && fn.getSourceFile() === facts.source ? helperHalvesOfFunction(facts, fn) : undefined;
    if (halves) found.add(halves);
  }
  return found;
}

function halvesOf(facts: FileFacts, fn: FunctionLike): HelperHalves | undefined {
  const { ts, ctx } = facts;
  // A body calling no function of the program makes no task call (most helpers asked about): nothing below can find
  // one, and the checks below ask types (onlyReadsItself asks those of `values.length > 0 ? values[0] : 0`'s parts).
  if (!fn.body || !callsProgramFunction(facts, fn.body)) return undefined;
  const method = ts.isMethodDeclaration(fn);
  // (A method reading or storing through a getter or setter runs the program's code: field-reads.ts.)
  if (method && (!methodOwner(ts, fn) || !readsNoGetter(ctx, fn))) return undefined;
  const name = ts.isFunctionDeclaration(fn) || method ? fn.name as ts.Identifier
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn &&
      ts.isIdentifier(fn.parent.name) && (ts.getCombinedNodeFlags(fn.parent) & ts.NodeFlags.Const) !== 0 ? fn.parent.name : undefined;
  if (!name || !fn.body || givesPromise(ctx, fn) || (fn as ts.FunctionDeclaration).asteriskToken ||
    fn.parameters.some((p) => !ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken) || usesOwnBinding(ts, fn.body, method)) return undefined;
  let leading: readonly ts.Statement[] = [];
  let result: ts.Expression | undefined;
  const writes = new Set<string>();
  /** Parameters the body pushes into (`out.push(…)`): the use half does, at the plain call's turn. */
  const pushed = new Set<ts.Symbol>();
  if (ts.isBlock(fn.body)) {
    const statements = fn.body.statements;
    const last = statements[statements.length - 1];
    // (A method storing its results into its object may return nothing: `compute() { this.total = sum(this.xs); }`; so
    // may a helper pushing them into an array it is given: `addOne(out, n) { out.push(work(n)); }`, np70's min-push-one.)
    const returns = last !== undefined && ts.isReturnStatement(last) && last.expression !== undefined;
    leading = returns ? statements.slice(0, -1) : statements;
    if (!leading.every((s) => isPlainConstant(facts, s) || (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && isPrint(ts, s.expression)) ||
      (method && storedField(ts, s, writes)) || pushedInto(facts, fn, s, pushed))) return undefined;
    if (!returns && !method && pushed.size === 0) return undefined;
    result = returns ? (last as ts.ReturnStatement).expression : undefined;
  } else {
    result = fn.body;
  }
  // What the body evaluates: constants' values, prints, stored values (`this.total = …`'s right side), the result.
  const evaluated = (s: ts.Statement): ts.Expression[] => {
    if (isPlainConstant(facts, s)) return s.declarationList.declarations.map((d) => d.initializer!);
    const e = (s as ts.ExpressionStatement).expression;
    if (pushedInto(facts, fn, s, new Set())) return [(e as ts.CallExpression).arguments[0]!];
    return [ts.isBinaryExpression(e) ? e.right : e];
  };
  const parts = [...leading.flatMap(evaluated), ...(result ? [result] : [])];
  if (parts.length === 0) return undefined;
  const taskCalls: ts.CallExpression[] = [];
  const tasks: TaskInfo[] = [];
  const guards: Guard[][] = [];
  let ok = true;
  const visit = (n: ts.Node, part: ts.Expression): void => {
    if (!ok) return;
    if (ts.isFunctionLike(n)) { ok = false; return; }
    if (ts.isCallExpression(n)) {
      const task = facts.taskOf(n);
      if (task) {
        const guarded = guardsOf(ts, n, part);
        ok = !task.forwards && mayRunAhead(ctx, task) && guarded !== undefined;
        taskCalls.push(n); tasks.push(task); guards.push(guarded ?? []);
        return;
      }
      if (isPrint(ts, n)) { n.arguments.forEach((a) => visit(a, part)); return; }
    }
    if (!onlyReadsItself(facts, n)) { ok = false; return; }
    ts.forEachChild(n, (child) => visit(child, part));
  };
  for (const part of parts) visit(part, part);
  if (!ok || taskCalls.length === 0) return undefined;
  // The leading constants before the first task call, bound to simple values, are computed in the submission half;
  // the calls' arguments may name those and the parameters, nothing else.
  const prelude: ts.VariableStatement[] = [];
  for (const statement of leading) {
    if (!isPlainConstant(facts, statement) || taskCalls.some((c) => c.pos >= statement.pos && c.end <= statement.end)) break;
    if (!statement.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && isSimpleArgument(facts, d.initializer!, isOwn))) break;
    prelude.push(statement);
  }
  function isOwn(id: ts.Identifier): boolean {
    const declaration = symbolOf(ctx, id)?.valueDeclaration;
    return declaration !== undefined && (fn.parameters.includes(declaration as ts.ParameterDeclaration) ||
      prelude.some((s) => s.declarationList.declarations.includes(declaration as ts.VariableDeclaration)));
  }
  const conditions = guards.flat().map((guard) => guard.condition);
  if (![...taskCalls.flatMap((call) => call.arguments), ...conditions].every((e) => isSimpleArgument(facts, e, isOwn))) return undefined;
  // (Nor what the use half pushes into: a pass made ahead would read it before the earlier passes' pushes.)
  if (pushed.size > 0 && [...prelude, ...taskCalls, ...conditions].some((n) => mentions(facts, n, pushed))) return undefined;
  // What the submission half reads of its object must be nothing the use half stores (a pass made ahead reads it).
  const reads = fieldsRead(ts, [...prelude, ...taskCalls, ...conditions]);
  if ([...writes].some((field) => reads.has(field))) return undefined;
  return {
    fn, name, method, writes, reads, pushed: fn.parameters.flatMap((p, i) => (pushed.has(symbolOf(ctx, p.name)!) ? [i] : [])),
    prelude, rest: leading.filter((s) => !prelude.includes(s as ts.VariableStatement)),
    result: result ?? ts.factory.createVoidZero(), taskCalls, tasks, guards,
  };
}

/** `out.push(v);` of a parameter `out` (one value, no spread): records the parameter. */
function pushedInto(facts: FileFacts, fn: FunctionLike, statement: ts.Statement, pushed: Set<ts.Symbol>): boolean {
  const { ts } = facts;
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const call = statement.expression;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'push' || !ts.isIdentifier(callee.expression) || call.questionDotToken ||
    call.arguments.length !== 1 || ts.isSpreadElement(call.arguments[0]!)) return false;
  const symbol = symbolOf(facts.ctx, callee.expression);
  if (!symbol || !fn.parameters.some((p) => p === symbol.valueDeclaration)) return false;
  pushed.add(symbol);
  return true;
}

function mentions(facts: FileFacts, node: ts.Node, symbols: ReadonlySet<ts.Symbol>): boolean {
  const visit = (n: ts.Node): boolean => (facts.ts.isIdentifier(n) && symbols.has(symbolOf(facts.ctx, n)!)) || (facts.ts.forEachChild(n, visit) ?? false);
  return visit(node);
}

/** `this.total = …;` (also `this.#total`): records the field. */
function storedField(t: typeof ts, statement: ts.Statement, writes: Set<string>): boolean {
  if (!t.isExpressionStatement(statement) || !t.isBinaryExpression(statement.expression) ||
    statement.expression.operatorToken.kind !== t.SyntaxKind.EqualsToken) return false;
  const target = statement.expression.left;
  if (!t.isPropertyAccessExpression(target) || target.expression.kind !== t.SyntaxKind.ThisKeyword) return false;
  writes.add(target.name.text);
  return true;
}

/** The names of the properties the nodes read (any object's: what is read ahead must not be what the use half stores). */
export function fieldsRead(t: typeof ts, nodes: readonly ts.Node[]): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (t.isPropertyAccessExpression(n)) names.add(n.name.text);
    if (t.isElementAccessExpression(n)) names.add('[]');
    t.forEachChild(n, visit);
  };
  nodes.forEach(visit);
  return names;
}

/**
 * Some call in the body, outside the functions nested in it (a task call there makes no halves either), reaches a
 * function of the program: a call taskOf could answer (it asks calledFunction first), found without asking it.
 */
function callsProgramFunction(facts: FileFacts, body: ts.Node): boolean {
  const { ts, ctx } = facts;
  // (The walk below stops where halvesOf's does: at a nested function. An arrow's body may be the call itself.)
  const visit = (n: ts.Node): boolean => !ts.isFunctionLike(n) &&
    ((ts.isCallExpression(n) && calledFunction(ctx, n) !== undefined) || (ts.forEachChild(n, (c) => (visit(c) ? true : undefined)) ?? false));
  return visit(body);
}

/** `this` (but in a method) or `arguments` in the body (not inside a nested function, which the body may not hold anyway). */
function usesOwnBinding(t: typeof ts, body: ts.Node, isMethod: boolean): boolean {
  const visit = (n: ts.Node): boolean => (n.kind === t.SyntaxKind.ThisKeyword && !isMethod) || (t.isIdentifier(n) && n.text === 'arguments') ||
    (t.forEachChild(n, (c) => (visit(c) ? true : undefined)) ?? false);
  return visit(body);
}

/** Every call in the file of a helper with halves. */
export function helperCalls(facts: FileFacts): ts.CallExpression[] {
  return facts.declarationsAssignmentsAndCalls.filter((n): n is ts.CallExpression =>
    facts.ts.isCallExpression(n) && !facts.taskOf(n) && helperHalvesOf(facts, n) !== undefined);
}
