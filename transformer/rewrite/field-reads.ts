/**
 * What a method forwarder reads of objects, for running it ahead of its turn (forwarders.ts, and
 * runtime/api/made-ahead.ts forwardAhead): `return mean(this.#values)`, `return variance(this.xs, m)` read fields,
 * which hold what was stored in them; a getter is the program's code, which may print, count or change state, so a
 * method reading one (`return mean(this.window)` with `get window() { … }`) runs at its turn. TypeScript keeps a
 * subclass from turning an inherited field into an accessor, so a field read stays one in every subclass.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from '../analysis/context';

/** Every property the function reads is a field, a method or a property of the library's objects: none is the program's getter. */
export function readsNoGetter(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const isGetter = (node: ts.Node): boolean => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const symbol = ctx.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression);
      if (symbol?.declarations?.some((d) => (ts.isGetAccessorDeclaration(d) || ts.isSetAccessorDeclaration(d)) && !d.getSourceFile().isDeclarationFile)) return true;
    }
    return ts.forEachChild(node, (child) => (isGetter(child) ? true : undefined)) === true;
  };
  return !fn.parameters.some(isGetter) && (fn.body === undefined || !isGetter(fn.body));
}
