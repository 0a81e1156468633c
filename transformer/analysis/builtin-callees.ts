/**
 * Which built-in a callee names, by its qualified name (`Array.isArray`, `Object.assign`), also through a constant
 * alias (`const isArray = Array.isArray`) and as `X.prototype.m.call(…)`/`.apply(…)` (named `X.prototype.m`): the
 * tables of builtins.ts are looked up by these names. Both reach.ts and the effects ask it.
 */
import type * as ts from 'typescript';
import { prototypeName, skipParens } from './expressions';
import { qualifiedName, symbolOf, type AnalysisContext } from './context';

/** Constructors whose result is a fresh object: a copy of (or container for) what they are given. */
export const COPYING_CONSTRUCTORS = new Set([
  'Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Map', 'Set', 'Array', 'Date', 'Error', 'TypeError', 'RangeError',
]);

/**
 * The built-in a callee names, also through a constant alias (`const isArray = Array.isArray`) and as
 * `X.prototype.m.call(…)`/`.apply(…)` (named `X.prototype.m`).
 */
export function builtinName(ctx: AnalysisContext, callee: ts.Expression): string | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  if (ts.isIdentifier(callee)) {
    const declaration = symbolOf(ctx, callee)?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name) &&
      ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0) {
      const aliased = skipParens(ts, declaration.initializer);
      if (ts.isPropertyAccessExpression(aliased)) return qualifiedName(ts, aliased) ?? prototypeName(ts, aliased);
    }
  }
  if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
    const method = skipParens(ts, callee.expression);
    if (ts.isPropertyAccessExpression(method)) return prototypeName(ts, method) ?? builtinName(ctx, method);
  }
  return qualifiedName(ts, callee);
}
