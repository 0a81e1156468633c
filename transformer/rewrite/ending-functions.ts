/**
 * An async function whose failure ends the program, as a throw out of the top level does: `async function main() {
 * … } main();` or `main().catch((e) => { console.error(e); process.exitCode = 1; })`. The plain program's task call
 * that throws rejects its promise; nobody but a handler that prints and sets the exit code meets that rejection, and
 * no other code of the program runs after it. What the function changed in memory is then seen by nobody, so its
 * statements need a check before them only for changes of the world, as the top level's do (failure-checks.ts);
 * without this, every statement of an async `main` that changed an object checked first, and its loops of task calls
 * ran one at a time (stop 45's pf1). It still checks its tasks where it resumes (an `await`: failure-checks.ts) and
 * when it ends, so that its promise rejects and the handler prints what the plain program printed.
 *
 * The function must be one of the file's own, not exported, called only from top-level statements `f(…)`, `void f(…)`
 * or `f(…).catch(handler)`; and nothing may run beside it after its failure: no timer, listener or promise callback in
 * the program code it reaches (a `new Promise((r) => setTimeout(r, ms))` pause excepted: it only resumes it) or in any
 * other top-level statement of the program, no call of another async function left running, and no `process.on`
 * handler anywhere in the program.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, symbolOf, type FunctionLike } from '../analysis/context';
import { isSynchronousCallback, withWrappers } from './syntax';
import { codeReachedFrom } from '../analysis/reached-code';
import { programMemo } from '../analysis/program-memo';
import { censusOf } from '../analysis/syntax-census';
import type { FileFacts } from './file-facts';

/** Names whose call runs code later, beside the function: timers, listeners and promise callbacks. */
export const RUNS_LATER = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick', 'then', 'catch', 'finally', 'on', 'once',
  'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
const PROCESS_HANDLERS = /\bprocess\s*\.\s*(?:on|once|addListener|prependListener)\b/;

const memo = programMemo<FunctionLike, boolean>();

/** `fn` is such a function (see above); `promising`: the program's async functions and promise callbacks that run tasks. */
export function endsTheProgram(facts: FileFacts, fn: FunctionLike, promising: ReadonlySet<FunctionLike>): boolean {
  const known = memo(facts.ctx.program);
  let found = known.get(fn);
  if (found === undefined) {
    const runs = runStatements(facts, fn);
    found = runs !== undefined && !leavesPromisingRunning(facts, fn, promising) && !hasProcessHandlers(facts) &&
      [fn, ...codeReachedFrom(facts.ctx, fn)].every((code) => !runsCodeLater(facts, code)) && !topLevelRunsLater(facts, runs);
    known.set(fn, found);
  }
  return found;
}

/** The top-level statements running `fn` (`main();`, `main().catch(…);`), if those are its only uses. */
function runStatements(facts: FileFacts, fn: FunctionLike): Set<ts.Node> | undefined {
  const { ts, ctx } = facts;
  const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
  if (!name || !ts.isSourceFile(topStatement(ts, fn)?.parent ?? fn) || (ts.getCombinedModifierFlags(ts.isFunctionDeclaration(fn) ? fn : fn.parent as ts.Declaration) & ts.ModifierFlags.Export)) return undefined;
  if (ts.isVariableDeclaration(fn.parent) && !(ts.getCombinedNodeFlags(fn.parent) & ts.NodeFlags.Const)) return undefined;
  const symbol = symbolOf(ctx, name);
  if (!symbol) return undefined;
  // (Not exported: every use is in its own file, which need not be the file asking.)
  const uses = censusOf(ctx, fn.getSourceFile()).nodes.filter((n): n is ts.Identifier =>
    n !== name && ts.isIdentifier(n) && n.text === name.text && symbolOf(ctx, n) === symbol);
  return uses.length > 0 && uses.every((id) => isTopLevelRun(facts, id)) ? new Set(uses.map((id) => topStatement(ts, id)!)) : undefined;
}

/**
 * Some top-level statement of the program, other than those running the function, sets a timer, a listener or a
 * promise callback: that code may run after the failure and see what the function changed.
 */
function topLevelRunsLater(facts: FileFacts, runs: ReadonlySet<ts.Node>): boolean {
  const { ts } = facts;
  const declaresOnly = (s: ts.Statement) => ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) || ts.isImportDeclaration(s);
  /** The node, or program code it calls, runs code later. */
  const reachesLater = (node: ts.Node): boolean => {
    if (runsCodeLater(facts, node)) return true;
    const visit = (n: ts.Node): boolean => {
      const callee = ts.isCallExpression(n) ? calledFunction(facts.ctx, n) : undefined;
      if (callee && [callee, ...codeReachedFrom(facts.ctx, callee)].some((code) => runsCodeLater(facts, code))) return true;
      return ts.forEachChild(n, (child) => visit(child) || undefined) ?? false;
    };
    return visit(node);
  };
  return programFiles(facts).some((file) =>
    file.statements.some((statement) => !runs.has(statement) && !declaresOnly(statement) && reachesLater(statement)));
}


/** `f(…);`, `void f(…);`, `f(…).catch(handler);` as a statement of the file's top level. */
function isTopLevelRun(facts: FileFacts, id: ts.Identifier): boolean {
  const { ts } = facts;
  const call = id.parent;
  if (!ts.isCallExpression(call) || call.expression !== id) return false;
  let expr: ts.Node = call;
  const outer = call.parent;
  if (ts.isPropertyAccessExpression(outer) && outer.expression === call && outer.name.text === 'catch' && ts.isCallExpression(outer.parent) &&
    outer.parent.expression === outer && outer.parent.arguments.length === 1 && isEndingHandler(facts, outer.parent.arguments[0])) expr = outer.parent;
  else if (ts.isVoidExpression(outer)) expr = outer;
  return ts.isExpressionStatement(expr.parent) && ts.isSourceFile(expr.parent.parent);
}

/** `(e) => { console.error(e); process.exitCode = 1; }`: prints what it is given, sets the exit code or exits. */
function isEndingHandler(facts: FileFacts, handler: ts.Expression): boolean {
  const { ts } = facts;
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return false;
  const params = new Set(handler.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')));
  const body = handler.body;
  const expressions = ts.isBlock(body) ? body.statements.map((s) => (ts.isExpressionStatement(s) ? s.expression : undefined)) : [body];
  const names = (n: ts.Node): boolean => ts.isIdentifier(n) ? params.has(n.text) || n.text === 'console' || n.text === 'process'
    : ts.isPropertyAccessExpression(n) ? names(n.expression) : !ts.forEachChild(n, (c) => !names(c) || undefined);
  return expressions.every((e) => {
    if (e === undefined) return false;
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)) {
      const [owner, member] = [e.expression.expression.text, e.expression.name.text];
      return (owner === 'console' || (owner === 'process' && member === 'exit')) && e.arguments.every(names);
    }
    return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(e.left) &&
      ts.isIdentifier(e.left.expression) && e.left.expression.text === 'process' && e.left.name.text === 'exitCode' && names(e.right);
  });
}

function topStatement(t: typeof ts, node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node;
  while (n && n.parent && !t.isSourceFile(n.parent)) n = n.parent;
  return n;
}

/** The code calls a timer, registers a listener or a promise callback (a pause of its own excepted). */
function runsCodeLater(facts: FileFacts, code: ts.Node): boolean {
  const { ts } = facts;
  const visit = (n: ts.Node): boolean => {
    if (n !== code && isFunctionLike(facts.ctx, n) && !ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name !== undefined && RUNS_LATER.has(name) && !isPause(facts, n)) return true;
    }
    return ts.forEachChild(n, (child) => visit(child) || undefined) ?? false;
  };
  return visit(code);
}

/**
 * A function that only makes a pause, `const sleep = (ms) => new Promise((r) => setTimeout(r, ms))`: its call changes
 * nothing anyone sees but the promise it returns.
 */
export function makesPause(facts: FileFacts, fn: FunctionLike): boolean {
  const { ts } = facts;
  const single = (body: ts.ConciseBody | undefined): ts.Expression | undefined => {
    if (!body || !ts.isBlock(body)) return body;
    const [only] = body.statements;
    return body.statements.length !== 1 || !only ? undefined : ts.isReturnStatement(only) || ts.isExpressionStatement(only) ? only.expression : undefined;
  };
  const made = single(fn.body);
  if (!made || !ts.isNewExpression(made) || !ts.isIdentifier(made.expression) || made.expression.text !== 'Promise' || made.arguments?.length !== 1) return false;
  const executor = made.arguments[0]!;
  if (!ts.isArrowFunction(executor) && !ts.isFunctionExpression(executor)) return false;
  const timer = single(executor.body);
  return timer !== undefined && ts.isCallExpression(timer) && isPause(facts, timer);
}

/**
 * `setTimeout(resolve, ms)` (or `setTimeout(() => resolve(), ms)`) inside `new Promise((resolve) => …)`: it only
 * resumes the function that waits on it.
 */
export function isPause(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  let [first] = call.arguments;
  // (`() => resolve()`: the same, called with nothing.)
  if (first && ts.isArrowFunction(first) && first.parameters.length === 0 && ts.isCallExpression(first.body) && first.body.arguments.length === 0) first = first.body.expression;
  if (!ts.isIdentifier(call.expression) || call.expression.text !== 'setTimeout' || !first || !ts.isIdentifier(first)) return false;
  const executor = symbolOf(facts.ctx, first)?.valueDeclaration?.parent;
  return executor !== undefined && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) && executor.parameters[0]?.name.getText() === first.text &&
    ts.isNewExpression(executor.parent) && ts.isIdentifier(executor.parent.expression) && executor.parent.expression.text === 'Promise';
}

function hasProcessHandlers(facts: FileFacts): boolean {
  return programFiles(facts).some((file) => PROCESS_HANDLERS.test(file.text));
}

/** `process.on('exit' | 'uncaughtException' …, handler)`: code that runs after a failure ends the program. */
const FAILURE_HANDLERS = /\bprocess\s*\.\s*(?:on|once|addListener|prependListener)\s*\(\s*['"`](?:exit|uncaughtException|uncaughtExceptionMonitor|unhandledRejection)['"`]/;
const failureHandlersPerProgram = new WeakMap<ts.Program, boolean>();

/**
 * The program has a handler that runs after a failure ended it (`process.on('exit', …)`, `uncaughtException`): that
 * code sees what the program changed in memory, so even where a failure ends the process, what a task call may
 * precede must wait for it (failure-checks.ts), and a task's value stored must not be a Future of a call that failed
 * (futures.ts), as in a try block (tester #29's F3: a handler printed the values of later loop steps, and Futures).
 */
export function handlersSeeFailures(facts: FileFacts): boolean {
  const program = facts.ctx.program;
  let found = failureHandlersPerProgram.get(program);
  if (found === undefined) {
    found = programFiles(facts).some((file) => FAILURE_HANDLERS.test(file.text) &&
      censusOf(facts.ctx, file).calls.some((call) => isFailureHandlerCall(facts, call) && seesProgramState(facts, call.arguments[1])));
    failureHandlersPerProgram.set(program, found);
  }
  return found;
}

function isFailureHandlerCall(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const callee = call.expression;
  return call.arguments.length === 2 && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'process' && FAILURE_HANDLERS.test(call.getText());
}

/**
 * The handler may look at the program's variables: it names one declared in the program outside itself (`(code) =>
 * console.log('exit', code)` does not), or it is not a function written there.
 */
function seesProgramState(facts: FileFacts, handler: ts.Expression | undefined): boolean {
  const { ts, ctx } = facts;
  if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) return true;
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node)) {
      const declaration = symbolOf(ctx, node)?.valueDeclaration;
      if (declaration && !declaration.getSourceFile().isDeclarationFile && (declaration.pos < handler.pos || declaration.end > handler.end)) return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(handler.body);
}

/** The program's own source files (a package's JavaScript the program compiles is its code's, not top-level code that runs). */
function programFiles(facts: FileFacts): ts.SourceFile[] {
  const { program } = facts.ctx;
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file));
}

/**
 * `fn` calls an async function of the program without awaiting the call right there, or hands one to an array method.
 * A call awaited through `await Promise.all([f(1), f(2)])` or `Promise.allSettled` (elements of the array literal, or
 * the callback of a `.map` making it) has settled when `fn` goes on (tester #28's P2: `main` never checked the task it
 * submitted after that await, and its failure ended the program instead of rejecting main's promise).
 */
export function leavesPromisingRunning(facts: FileFacts, fn: FunctionLike, promising: ReadonlySet<FunctionLike>): boolean {
  const { ts } = facts;
  const visit = (node: ts.Node): boolean => {
    if (node !== fn && isFunctionLike(facts.ctx, node)) {
      if (!isSynchronousCallback(ts, node)) return false;
      // `ns.map(async (n) => { try { return await check(n); } catch { … } })`: called there, not awaited.
      // (One awaited together settles with what it calls: its own checks are its own.)
      if (promising.has(node as FunctionLike)) return !awaitedTogether(ts, node.parent);
    }
    if (ts.isCallExpression(node)) {
      const callee = calledFunction(facts.ctx, node);
      const parent = withWrappers(ts, node).parent;
      if (callee && callee !== fn && promising.has(callee) && !ts.isAwaitExpression(parent) && !awaitedTogether(ts, node)) return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return fn.body !== undefined && visit(fn.body);
}

/**
 * `f(1)` of `await Promise.all([f(1), f(2)])`, or `xs.map(async …)` of `await Promise.all(xs.map(async …))` (allSettled
 * too): settled, every one, once the await goes on.
 */
function awaitedTogether(t: typeof ts, node: ts.Node): boolean {
  let list: ts.Expression;
  if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'map') list = node;
  else if (t.isExpression(node) && t.isArrayLiteralExpression(withWrappers(t, node).parent)) list = withWrappers(t, node).parent as ts.Expression;
  else return false;
  const call = withWrappers(t, list).parent;
  if (!t.isCallExpression(call) || call.arguments[0] !== withWrappers(t, list) || !t.isPropertyAccessExpression(call.expression)) return false;
  const callee = call.expression;
  return t.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && ['all', 'allSettled'].includes(callee.name.text) &&
    t.isAwaitExpression(withWrappers(t, call).parent);
}
