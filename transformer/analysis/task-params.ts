/**
 * What a task's call needs to know of each parameter beyond its direction (directions.ts): where a reference to the
 * argument may outlive the call, a whole-buffer parameter, and the parameter every path returns as it is. Also the
 * parameters of a function that forwards a task's result, which its calls' task has the same way.
 */
import { WrittenTypes } from '../rewrite/written-types';
import type * as ts from 'typescript';
import { hasPrimitiveElements, isPrimitiveType, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { formatReason } from './reason';
import { directionOf } from './directions';
import type { Summaries } from './summaries';
import type { Summary } from './param-effects';
import { keptInsideTheTask } from './unknown-escapes';
import { mayHoldFunction } from './function-holders';
import { mayBeThenable } from './implicit-writers';
import type { TaskInfo } from './discover';

/**
 * Where a reference to the argument may outlive the call (`escapes`, `returned`), and a whole-buffer parameter.
 * `task`: for a task's own parameters, whether it keeps module state from call to call (which travels back to the
 * program); without it (a forwarder's, which runs in the program's thread) only code of unknown effect is judged so.
 */
export function outlives(ctx: AnalysisContext, summary: Summary, fn: FunctionLike, i: number, task?: { keepsState: boolean }):
  Pick<TaskInfo['params'][number], 'escapes' | 'returned' | 'wholeBuffer'> {
  const { ts } = ctx;
  const param = fn.parameters[i];
  const { escaped, kept } = summary.params[i] ?? {};
  // Kept in another argument, the caller's objects share it afterwards: a second name the plan cannot follow yet.
  // (Held by a function it returns: no worker can send that back, so the call must not become a task.)
  // Given only to unknown code (`_.sum(xs)`, `inflateSync(data)`), it can come back to the caller only in the result or
  // in another argument: where neither can hold it, nothing of it does (unknown-escapes.ts). A task's other parameter
  // that it only reads cannot carry it back either (it is the worker's copy); a forwarder's, in the program's thread, may.
  // A task's kept in another argument it only reads is likewise kept in the worker's copy. (Not one stored anywhere
  // else: a built-in's or a package's object the program reads, `(process as any).last = p`, rev59's F8.)
  const written = (j: number) => summary.params[j]?.written !== undefined || summary.params[j]?.writtenLater !== undefined;
  const unknownOnly = summary.params[i]?.escapedOtherwise !== undefined && !summary.params[i]?.escapedKnown &&
    keptInsideTheTask(ctx, fn, i, task ? written : () => true);
  const inWorkerOnly = task !== undefined && !task.keepsState && kept !== undefined && !summary.params[i]?.escapedKnown &&
    keptInsideTheTask(ctx, fn, i, written);
  // A result of a primitive type (`lat(p): number`) is neither the argument nor a function holding it: what only a
  // function value holds (a reduce callback in geolib's getLatitude holding the point, np20/26) stays in the call.
  // So is any result no function can sit in (`Record<string, number>` of radash's `group(orders, o => o.c)` counted:
  // np22's r32): function-holders.ts.
  const result = resultType(ctx, fn);
  const primitiveResult = result !== undefined && (isPrimitiveType(ctx, result) || (result.flags & (ctx.ts.TypeFlags.Void | ctx.ts.TypeFlags.Undefined)) !== 0);
  const noFunctionBack = result !== undefined && !mayHoldFunction(ctx, result);
  // So is one whose type no object the argument holds could sit in (`[string, number][]` of a `Record<string, number>`,
  // np51's P1: a word count's calls were kept direct as if its top list held the counts): the worker made it anew.
  // (Asked last, only of a parameter that would be returned: a walk of both types.)
  const cannotHoldIt = () => primitiveResult || (result !== undefined && !new WrittenTypes(ctx, [ctx.checker.getTypeAtLocation(param)]).mayReach(result));
  // Only elements of an array of numbers let out (`this.data[r][c] = xs[i]` in a library's method): nothing of it is.
  const elementsOnly = summary.params[i]?.escapedOtherwise !== undefined && !summary.params[i]?.escapedWhole && ts.isIdentifier(param.name) &&
    hasPrimitiveElements(ctx, param.name);
  const escapedOtherwise = (unknownOnly || inWorkerOnly || elementsOnly ? undefined : summary.params[i]?.escapedOtherwise) ?? (inWorkerOnly ? undefined : kept) ??
    (noFunctionBack ? undefined : summary.params[i]?.inFunction);
  const object = !isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(param));
  // Let out only to a function value (never returned itself), where no function comes back: it stays in the call.
  const onlyInFunction = noFunctionBack && summary.params[i]?.returnedAt === undefined;
  return {
    ...(escapedOtherwise && object ? { escapes: formatReason(escapedOtherwise) } : {}),
    ...(escaped && !escapedOtherwise && !unknownOnly && !inWorkerOnly && object && !onlyInFunction && !cannotHoldIt() ? { returned: formatReason(escaped) } : {}),
    ...(summary.params[i]?.buffer ? { wholeBuffer: true } : {}),
  };
}

/** The function's declared or inferred result type. */
function resultType(ctx: AnalysisContext, fn: FunctionLike): ts.Type | undefined {
  const signature = ctx.checker.getSignatureFromDeclaration(fn);
  return signature && ctx.checker.getReturnTypeOfSignature(signature);
}

/** The parameters of a program function that forwards a task's result (rewrite/forwarders.ts), as its calls' task has them. */
export function forwarderParams(ctx: AnalysisContext, summaries: Summaries, fn: FunctionLike): TaskInfo['params'] {
  const summary = summaries.get(fn);
  return fn.parameters.map((param, i) => ({ ...directionOf(ctx, param, summary.params[i] ?? {}), rro: false, ...outlives(ctx, summary, fn, i) }));
}

/**
 * The parameter every path of `fn` returns as it is (`return acc` at the end and in every other return), if one is;
 * nested functions' returns are theirs. An arrow function returning a parameter's name counts too.
 */
export function alwaysReturnedParameter(ctx: AnalysisContext, fn: FunctionLike): number | undefined {
  const { ts } = ctx;
  const index = (expr: ts.Expression | undefined): number => {
    if (!expr || !ts.isIdentifier(expr)) return -1;
    const symbol = symbolOf(ctx, expr);
    return fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && symbolOf(ctx, p.name) === symbol);
  };
  if (!fn.body) return undefined;
  if (!ts.isBlock(fn.body)) { const i = index(fn.body); return i >= 0 ? i : undefined; }
  const last = fn.body.statements[fn.body.statements.length - 1];
  if (!last || !ts.isReturnStatement(last)) return undefined;
  const found = index(last.expression);
  if (found < 0) return undefined;
  let every = true;
  const visit = (node: ts.Node): void => {
    if (!every || (node !== fn && (ts.isFunctionLike(node) || ts.isClassLike(node)))) return;
    if (ts.isReturnStatement(node) && index(node.expression) !== found) every = false;
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  // The parameter must not be reassigned, or the name returned may hold another object.
  const name = fn.parameters[found]!.name as ts.Identifier;
  const symbol = symbolOf(ctx, name);
  const reassigned = (node: ts.Node): boolean => (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(node.left) && symbolOf(ctx, node.left) === symbol) || ts.forEachChild(node, reassigned) === true;
  // An async function's Promise adopts a thenable it returns: its result is what the object's `then` gives, not the
  // object (rev60's F4: handing the caller its own object back ran its `then` a second time).
  const adopted = (ctx.ts.getCombinedModifierFlags(fn as ts.Declaration) & ctx.ts.ModifierFlags.Async) !== 0 && mayBeThenable(ctx, ctx.checker.getTypeAtLocation(name));
  return every && !reassigned(fn.body) && !adopted ? found : undefined;
}
