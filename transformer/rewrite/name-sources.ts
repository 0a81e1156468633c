/**
 * Where a declared name takes its object from, read off the syntax: the one notion of "another name" both the alias
 * groups (aliases.ts, same objects) and the container families (container-families.ts, elements of levels) are built on.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';
import { skipTransparent } from './syntax';
import { isLibrary } from './library-uses';

/**
 * The same object as an expression (`const x = e`), or one element of it at a time (`for (const x of e)`, the first
 * parameter of `e.forEach((x) => …)` and of the other element visitors, `via` that call).
 */
export interface NameSource {
  readonly expr: ts.Expression;
  readonly element: boolean;
  /** For a callback's parameter: the call handing it the elements (`e.forEach(…)`). */
  readonly via?: ts.CallExpression;
}

export function nameSource(ctx: AnalysisContext, declaration: ts.Node): NameSource | undefined {
  const t = ctx.ts;
  const entry = entryOfArray(ctx, declaration);
  if (entry) return { expr: entry, element: true };
  if (t.isVariableDeclaration(declaration) && t.isVariableDeclarationList(declaration.parent)) {
    const list = declaration.parent;
    if (t.isForOfStatement(list.parent)) return list.declarations.length === 1 ? { expr: list.parent.expression, element: true } : undefined;
    return declaration.initializer && { expr: declaration.initializer, element: false };
  }
  if (t.isParameter(declaration) && isElementCallbackParameter(t, declaration)) {
    const call = declaration.parent.parent;
    if (t.isCallExpression(call) && call.arguments[0] === declaration.parent && t.isPropertyAccessExpression(call.expression)) {
      return { expr: call.expression.expression, element: true, via: call };
    }
  }
  return undefined;
}

/**
 * `x` of `for (const [i, x] of xs.entries())` over a language array: each element of `xs` in turn, as in
 * `for (const x of xs)` (the index beside it is a number). `k` and `v` of `for (const [k, v] of m)` (or `m.entries()`)
 * over a language Map: each key and each value of `m` in turn, one level down (np41's F4: `visit(v)` was taken to
 * write `m` itself, which the loop walks). The array or Map, else undefined.
 */
function entryOfArray(ctx: AnalysisContext, declaration: ts.Node): ts.Expression | undefined {
  const t = ctx.ts;
  if (!t.isBindingElement(declaration) || declaration.dotDotDotToken || declaration.initializer || !t.isArrayBindingPattern(declaration.parent)) return undefined;
  const pattern = declaration.parent;
  const variable = pattern.parent;
  const index = pattern.elements.indexOf(declaration);
  if (index > 1 || !t.isVariableDeclaration(variable) || !t.isVariableDeclarationList(variable.parent) ||
    variable.parent.declarations.length !== 1 || !t.isForOfStatement(variable.parent.parent)) return undefined;
  const iterated = skipTransparent(t, variable.parent.parent.expression);
  const isMap = (e: ts.Expression) => ctx.checker.getTypeAtLocation(e).getSymbol()?.getName() === 'Map';
  if (isMap(iterated) && ctx.checker.getTypeAtLocation(iterated).getSymbol()?.declarations?.every((d) => d.getSourceFile().isDeclarationFile)) return iterated;
  if (!t.isCallExpression(iterated) || iterated.arguments.length > 0 || !t.isPropertyAccessExpression(iterated.expression) ||
    iterated.expression.name.text !== 'entries' || !isLibrary(ctx, iterated.expression)) return undefined;
  const receiver = iterated.expression.expression;
  if (isMap(receiver)) return receiver;
  return index === 1 && ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(receiver)) ? receiver : undefined;
}

/**
 * The first parameter of `level.forEach((x, i) => …)`: it names one element. A callback that also takes the array
 * (a third parameter) or declares `this` would see elements the analysis does not follow.
 */
export function isElementCallbackParameter(t: typeof ts, parameter: ts.ParameterDeclaration): boolean {
  const fn = parameter.parent;
  return (t.isArrowFunction(fn) || t.isFunctionExpression(fn)) && fn.parameters[0] === parameter && fn.parameters.length <= 2 &&
    !(t.isIdentifier(parameter.name) && parameter.name.text === 'this');
}
