/**
 * `reduceAll(hists)`: an array gathering task Futures (gathering-arrays.ts) handed whole to a function of the program.
 * When the function is done with the array as it returns, the call is one more use that keeps the elements in view:
 * the whole array, each value waited for at the call (future-waits.ts), as a print's argument is. The callee then sees
 * only values, and Futures pushed into the array later are out of its sight. My r1 waited for each
 * `hists.push(histOf(c))` in turn, since the array went on to a reducing helper.
 *
 * So the function must keep no reference to the array past the call: not async nor a generator (which run on after
 * it); the parameter not stored, kept in another argument or a closure, nor handed to unknown code (its summary); and
 * not returned, itself or inside another value. `returnedAt` cannot tell `return xs[0]` from `return xs` (a part and
 * the whole are both at depth 0), so the returns are read: a name that may hold the array appears in them only to
 * read an element (`return level[0]`) or the length (rv69's r1 and r2: `return { all: xs }` and
 * `return xs as unknown as T` printed a Future pushed after the call).
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { argumentParam } from '../analysis/param-effects';
import type { FileFacts } from './file-facts';
import { skipTransparent } from './syntax';

export function usedUpByCallee(facts: FileFacts, call: ts.CallExpression, outer: ts.Expression): boolean {
  const { ts, ctx } = facts;
  const index = call.arguments.indexOf(outer);
  if (index < 0 || call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return false;
  const fn = calledFunction(ctx, call);
  if (!fn?.body || fn.asteriskToken || ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) return false;
  const param = fn.parameters[argumentParam(fn, index)];
  if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name)) return false;
  const effect = facts.summaries.get(fn).params[argumentParam(fn, index)];
  if (!effect || effect.escapedWhole || effect.kept || effect.inFunction || effect.storedInOuter || effect.toCallback) return false;
  const symbol = symbolOf(ctx, param.name);
  return effect.returnedAt === undefined || !facts.resultUsed(call) || (symbol !== undefined && returnsOnlyElements(ctx, fn, symbol));
}

/** Every return of `fn` reads at most elements or the length through the names that may hold the parameter's array. */
function returnsOnlyElements(ctx: AnalysisContext, fn: FunctionLike, param: ts.Symbol): boolean {
  const { ts } = ctx;
  const names = namesOf(ctx, fn, param);
  const onlyElements = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && names.has(symbolOf(ctx, node)!)) {
      const parent = node.parent;
      return (ts.isElementAccessExpression(parent) && parent.expression === node) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === node && parent.name.text === 'length');
    }
    return ts.forEachChild(node, (child) => (onlyElements(child) ? undefined : true)) === undefined;
  };
  const returns: ts.Expression[] = [];
  const collect = (node: ts.Node): void => {
    if (node !== fn && isFunctionLike(ctx, node)) return;
    if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
    ts.forEachChild(node, collect);
  };
  if (fn.body && ts.isBlock(fn.body)) collect(fn.body);
  else if (fn.body) returns.push(fn.body as ts.Expression);
  return returns.every(onlyElements);
}

/** The parameter and the locals that may take its array: `let level = parts`, `level = next` of such a name. */
function namesOf(ctx: AnalysisContext, fn: FunctionLike, param: ts.Symbol): Set<ts.Symbol> {
  const { ts } = ctx;
  const names = new Set<ts.Symbol>([param]);
  const takes = (value: ts.Expression | undefined): boolean => {
    const base = value && skipTransparent(ts, value);
    return base !== undefined && ts.isIdentifier(base) && names.has(symbolOf(ctx, base)!);
  };
  for (let grew = true; grew;) {
    grew = false;
    const look = (node: ts.Node): void => {
      const target = ts.isVariableDeclaration(node) && takes(node.initializer) ? node.name
        : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && takes(node.right) ? node.left : undefined;
      const symbol = target && ts.isIdentifier(target) ? symbolOf(ctx, target) : undefined;
      if (symbol && !names.has(symbol)) { names.add(symbol); grew = true; }
      ts.forEachChild(node, look);
    };
    if (fn.body) look(fn.body);
  }
  return names;
}
