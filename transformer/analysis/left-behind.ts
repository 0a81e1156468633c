/**
 * Work a synchronous task leaves behind when it returns: a timer (`setTimeout(() => console.log(…))`), a microtask or
 * next tick, a listener on the process (`process.on('exit', …)`). In the plain program it runs on the main thread
 * later, printing in its place; in a pool thread it runs after the task's reply, on a thread whose output is no
 * longer the task's, or never (a thread has no 'exit' of the program's), so such a task's calls run in place.
 * An async task's timers are usually awaited (`await sleep(10)`), as are those of a function returning a promise:
 * only their process listeners count, and a timer set outside a promise's executor (`setTimeout(() => log(n), 30)`
 * in the body, which nothing awaits). A task that makes a promise and leaves it leaves its reactions behind
 * (`Promise.resolve(n).then(log)`, `void audit(log, msg)` of an async helper: np44's F9, whose write was lost; in an
 * async task too, rev59's F9).
 */
import type * as ts from 'typescript';
import { isFunctionLike, qualifiedName, type AnalysisContext, type FunctionLike } from './context';
import { nodeDeclaredName } from './node-builtins';
import { firstInCodeRun } from './reached-code';
import { isWriteTarget } from '../rewrite/syntax';

const SCHEDULERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
const PROCESS_LISTENERS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'nextTick']);

/** What the task leaves behind (`setTimeout(…)` at its text), or undefined. */
export function workLeftBehind(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const { ts } = ctx;
  // A function returning a promise (`new Promise((r) => setTimeout(r, 5))`) waits for its timers as an async one does.
  const signature = ctx.checker.getSignatureFromDeclaration(fn as ts.SignatureDeclaration);
  const returned = signature && ctx.checker.getReturnTypeOfSignature(signature);
  const asyncTask = (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0 ||
    (returned !== undefined && ctx.checker.getAwaitedType(returned) !== returned);
  let found: ts.CallExpression | ts.NewExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // (An async task's timer whose handle it keeps, `const t = setTimeout(…)` cleared in a `finally`, is its own to
      // clear: rev59's F4.)
      const timer = ts.isIdentifier(callee) && SCHEDULERS.has(callee.text) && isGlobal(ctx, callee) &&
        (!asyncTask || (!inPromiseExecutor(ts, node) && ts.isExpressionStatement(node.parent)));
      // (A promise the task makes and leaves: what reacts to it runs after the task returned, or after the async
      // task's last await, when its worker has moved on: rev59's F9 lost `void audit(msg)`'s output.)
      const promised = makesPromise(ctx, node);
      const listener = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' &&
        isGlobal(ctx, callee.expression) && PROCESS_LISTENERS.has(callee.name.text) && (!asyncTask || callee.name.text !== 'nextTick');
      if (timer || listener || promised) { found = node; return; }
    }
    // (`void new Promise((resolve) => setTimeout(…))`: the same, made with `new`.)
    if (ts.isNewExpression(node) && makesPromise(ctx, node)) { found = node; return; }
    ts.forEachChild(node, visit);
  };
  firstInCodeRun(ctx, fn, (code) => { visit(code); return found; });
  return found && shown(found);
}

/** `new Promise((resolve) => setTimeout(resolve, 10))`: a timer the promise waits for, awaited with it. */
function inPromiseExecutor(t: typeof ts, node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((t.isArrowFunction(n) || t.isFunctionExpression(n)) && t.isNewExpression(n.parent) && t.isIdentifier(n.parent.expression) &&
      n.parent.expression.text === 'Promise') return true;
  }
  return false;
}

/** The call's value is a promise (`p.then(f)`, an async function's call), not given straight to a caller awaiting it. */
function makesPromise(ctx: AnalysisContext, call: ts.CallExpression | ts.NewExpression): boolean {
  const { ts } = ctx;
  // (Only what the call's type says: `then` and `catch` of anything else are no promise's.)
  const type = ctx.checker.getTypeAtLocation(call);
  // (Surely a promise: `void | Promise<void>` of a hook may be neither, rev59's F10.)
  if (type.isUnion() || ctx.checker.getAwaitedType(type) === type || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return false;
  // (Given to code that takes it, `Promise.all(…)`, `ps.push(…)`, or returned: judged at that code, or the caller's.)
  const parent = call.parent;
  return ts.isExpressionStatement(parent) || (ts.isVoidExpression(parent) && ts.isExpressionStatement(parent.parent));
}

/**
 * A change the task makes to the process the program shares with it (`process.env.X = v`, `delete process.env.X`,
 * `Object.assign(process.env, …)`, `process.chdir(dir)`): the plain program sees it right after the call; made in a
 * worker it lands whenever the task runs, before or after the program looks. So its calls run in place too.
 */
export function processChanged(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const found = firstInCodeRun(ctx, fn, (code) => processChangeIn(ctx, code, true));
  return found && shown(found);
}

/**
 * The first change to the process in `node` (`process.env.X = v`, `process.chdir(dir)`…); `intoFunctions`: also in
 * the functions written inside it (else only what runs when `node` does: main-changes.ts).
 */
export function processChangeIn(ctx: AnalysisContext, node: ts.Node, intoFunctions: boolean): ts.Node | undefined {
  const { ts } = ctx;
  const isEnv = (n: ts.Node): boolean => ts.isPropertyAccessExpression(n) && n.name.text === 'env' && nodeDeclaredName(ctx, n) === PROCESS_ENV;
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || (!intoFunctions && n !== node && isFunctionLike(ctx, n))) return;
    const access = (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && isEnv(n.expression);
    if (access && isWriteTarget(ts, n as ts.Expression)) { found = n.parent; return; }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const callee = n.expression;
      const moves = PROCESS_CHANGES.has(callee.name.text) && n.arguments.length > 0 && PROCESS_CHANGES.has(nodeDeclaredName(ctx, callee) ?? '');
      const assigns = qualifiedName(ts, callee) === 'Object.assign' && n.arguments[0] !== undefined && isEnv(n.arguments[0]);
      if (moves || assigns) { found = n; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

const PROCESS_ENV = 'node:process.NodeJS.Process.env';
/** `process.chdir(dir)`, `process.umask(mask)` (node-builtins.ts names; the bare names for a quick first look). */
const PROCESS_CHANGES = new Set(['chdir', 'umask'].flatMap((m) => [m, `node:process.NodeJS.Process.${m}`]));

/** The node's text as a reason shows it: quoted, at most 60 characters. */
function shown(node: ts.Node): string {
  const text = node.getText();
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

/** The host's name (`setTimeout`, `process`): declared by no file of the program's, not a variable called so. */
function isGlobal(ctx: AnalysisContext, name: ts.Identifier): boolean {
  const declaration = ctx.checker.getSymbolAtLocation(name)?.valueDeclaration;
  return !declaration || declaration.getSourceFile().isDeclarationFile;
}
