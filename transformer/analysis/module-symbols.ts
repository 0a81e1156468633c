/**
 * Which symbols are module state (module-state.ts): a module object (a `const` at a module's top level, or a namespace's
 * exported one, holding an object made there), a class or a function declared at a module's top level. Apart from the
 * scan that finds their changes and reads because it is a question about one declaration, asked of any symbol.
 */
import type * as ts from 'typescript';
import { isReassigned, type AnalysisContext } from './context';
import { isLazilyMade } from './lazy-objects';
import { namespacePath } from './module-state-keys';

/** A class declared at a module's top level: its static fields are module state too. */
export function isModuleClass(ctx: AnalysisContext, symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  return declaration !== undefined && ctx.ts.isClassDeclaration(declaration) && ctx.ts.isSourceFile(declaration.parent) &&
    !declaration.getSourceFile().isDeclarationFile;
}

/** A function declared at a module's top level (`function tick() { … }`): who calls it decides whose change it makes. */
export function isModuleFunction(ctx: AnalysisContext, symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  return declaration !== undefined && ctx.ts.isFunctionDeclaration(declaration) && ctx.ts.isSourceFile(declaration.parent) &&
    !declaration.getSourceFile().isDeclarationFile;
}

/** A module object (see the top of this file); module-state.ts asks once per symbol. */
export function declaresModuleObject(ctx: AnalysisContext, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return false;
  // (At the top level, or an exported member of a namespace declared there: module-state-keys.ts.)
  if (!namespacePath(ts, declaration)) return false;
  // let/var: an error of their own, but for an object made on first use (lazy-objects.ts) and one nothing assigns
  // after its initializer, a constant in all but name (tester np32's letobj: `let current = { k: 2 }`).
  // (Only one holding an object made there: `var objectProto = Object.prototype` in a library is the built-in's.)
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) && !isLazilyMade(ctx, declaration) &&
    (isReassigned(ctx, declaration) || !madeHere(ts, declaration.initializer))) return false;
  const type = ctx.checker.getTypeAtLocation(declaration);
  const primitive = ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike |
    ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.ESSymbolLike;
  return (type.flags & primitive) === 0 && type.getCallSignatures().length === 0 && type.getConstructSignatures().length === 0;
}

/** An object made by the expression itself: a literal, or `new`. */
function madeHere(t: typeof ts, value: ts.Expression | undefined): boolean {
  while (value && (t.isParenthesizedExpression(value) || t.isAsExpression(value) || t.isSatisfiesExpression(value))) value = value.expression;
  return value !== undefined && (t.isObjectLiteralExpression(value) || t.isArrayLiteralExpression(value) || t.isNewExpression(value));
}
