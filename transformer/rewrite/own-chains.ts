/**
 * The async functions and promise callbacks that run as a chain of their own (runtime/api/async-chains.ts): each run
 * checks its own task calls, and a failure it meets takes back only what came after it in its own history. Without
 * this, `Promise.all([worker('A', [1, 7]), worker('B', [14])])` had B's try catch A's `bad 7` (the checks of one
 * worker saw every call made since its mark, the other's too).
 *
 * Every such function of the program that runs tasks (task-runners.ts `promising`) gets one, unless its parameters
 * might throw while they are bound: `async function f(a, b = [])` becomes `function f(a, b = []) { return
 * __taskify.inChain(async () => { … }) }` (the same promise, after the same ticks, `this` and `arguments` the same),
 * but `async function f({ a }, b = load())` rejects its promise where a plain function would throw. Async generators
 * run their body at each `next()`, in their caller's chain: they keep it.
 */
import type * as ts from 'typescript';
import { isFunctionLike, type FunctionLike } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { catchingCallers } from './task-runners';
import { replaceBody } from './replace-body';

/** Whether `fn` runs as a chain of its own. */
export function runsInOwnChain(facts: FileFacts, fn: FunctionLike): boolean {
  const { ts } = facts;
  if (!catchingCallers(facts).promising.has(fn) || insideTask(facts, fn)) return false;
  if (!isAsync(ts, fn)) return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn); // a promise callback: nothing changes but the chain
  if ('asteriskToken' in fn && fn.asteriskToken) return false;
  return fn.parameters.every((p) => ts.isIdentifier(p.name) && (!p.initializer || cannotThrow(ts, p.initializer)));
}

/** The file's functions that run as a chain of their own. */
export function ownChainsIn(facts: FileFacts, source: ts.SourceFile): Set<FunctionLike> {
  const found = new Set<FunctionLike>();
  for (const fn of catchingCallers(facts).promising) if (fn.getSourceFile() === source && runsInOwnChain(facts, fn)) found.add(fn);
  return found;
}

/**
 * The visited function run in a chain: `async (x) => body` → `(x) => __taskify.inChain(async () => body)`, a promise
 * callback's body inside `inChain(() => …)`.
 */
export function wrappedInChain(t: typeof ts, f: ts.NodeFactory, fn: ts.FunctionLikeDeclaration,
  runtime: (name: string, args: ts.Expression[]) => ts.Expression): ts.Node {
  const async = isAsync(t, fn);
  const inner = f.createArrowFunction(async ? [f.createModifier(t.SyntaxKind.AsyncKeyword)] : undefined, undefined, [], undefined,
    f.createToken(t.SyntaxKind.EqualsGreaterThanToken), fn.body!);
  const call = runtime('inChain', [inner]);
  const body = t.isArrowFunction(fn) ? call : f.createBlock([f.createReturnStatement(call)], true);
  const modifiers = fn.modifiers?.filter((m) => m.kind !== t.SyntaxKind.AsyncKeyword) as ts.Modifier[] | undefined;
  const outer = !async ? fn
    : t.isArrowFunction(fn) ? f.updateArrowFunction(fn, modifiers, fn.typeParameters, fn.parameters, fn.type, fn.equalsGreaterThanToken, fn.body)
      : t.isFunctionDeclaration(fn) ? f.updateFunctionDeclaration(fn, modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, fn.body)
        : t.isFunctionExpression(fn) ? f.updateFunctionExpression(fn, modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, fn.body!)
          : t.isMethodDeclaration(fn) ? f.updateMethodDeclaration(fn, modifiers, fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, fn.parameters, fn.type, fn.body)
            : fn;
  return replaceBody(t, f, outer as ts.FunctionLikeDeclaration, body);
}

function isAsync(t: typeof ts, fn: ts.Node): boolean {
  return t.canHaveModifiers(fn) && (t.getModifiers(fn) ?? []).some((m) => m.kind === t.SyntaxKind.AsyncKeyword);
}

/** A default value whose evaluation cannot throw: a literal, a name, a function, or an array or object of those. */
function cannotThrow(t: typeof ts, e: ts.Expression): boolean {
  if (t.isLiteralExpression(e) || t.isIdentifier(e) || t.isArrowFunction(e) || t.isFunctionExpression(e) || t.isNoSubstitutionTemplateLiteral(e)) return true;
  if (e.kind === t.SyntaxKind.TrueKeyword || e.kind === t.SyntaxKind.FalseKeyword || e.kind === t.SyntaxKind.NullKeyword) return true;
  if (t.isPrefixUnaryExpression(e)) return t.isNumericLiteral(e.operand);
  if (t.isArrayLiteralExpression(e)) return e.elements.every((x) => !t.isSpreadElement(x) && cannotThrow(t, x));
  if (t.isObjectLiteralExpression(e)) return e.properties.every((p) => t.isPropertyAssignment(p) && !t.isComputedPropertyName(p.name) && cannotThrow(t, p.initializer));
  return false;
}

/** `fn` is a task, or inside one: its code runs in a worker. */
export function insideTask(facts: FileFacts, node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (isFunctionLike(facts.ctx, n) && facts.tasks.has(n as FunctionLike)) return true;
  return false;
}
