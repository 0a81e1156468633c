/**
 * A local made here as an array or object literal (`const copy = [...array]`, `let out = []`), handed to a helper:
 * what it holds is what its literals hold and what this function stores into it (`out.push(x)`, `out[i] = x`). So it
 * holds only readers when those do (callbacks.ts holdsOnlyReaders), whatever type the checker gives it (`any[]` in
 * JavaScript, which "may hold functions"). That is the copy-then-change-in-place idiom:
 *
 *   export function arrayMoveImmutable(array, from, to) { array = [...array]; arrayMoveMutable(array, from, to); return array }
 *
 * where `arrayMoveMutable`'s `array.splice(…)`, a method of its caller's object, is taken to be the built-in's when
 * the caller's data holds only readers. Without this the general summary of the helper applied, in which the splice
 * was code of unknown effect, and every argument, the numbers too, was taken as written.
 *
 * A parameter reassigned so (`array = [...array]`) holds, besides those values, what the caller gave: judged as the
 * parameter itself. A helper it is handed to could store a function of its own into it; that function would be one of
 * the program's, whose effects a later helper calling it is judged by only when it is named: a known limit, as for data
 * the checker types as holding no function.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import { skipParens } from './expressions';
import { valuesAssigned } from './supplied';
import { parameterAssignments } from './replaced-parameters';
import { STORING_METHODS } from './builtins';

/**
 * The expressions whose functions `id`'s value may hold, when it names such a local: its literals' own values (the
 * literals themselves, which holdsOnlyReaders looks into), what this function stores into it, and for a parameter the
 * parameter's own name (the caller's value). Undefined when it is not one.
 */
export function madeLocalContents(ctx: AnalysisContext, id: ts.Identifier): ts.Expression[] | undefined {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, id);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration) return undefined;
  let values: ts.Expression[] | undefined;
  let scope: ts.Node;
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    values = valuesAssigned(ctx, declaration, declaration.name);
    scope = declaration;
  } else if (ts.isParameter(declaration) && ts.isIdentifier(declaration.name) && !declaration.dotDotDotToken) {
    const replacements = parameterAssignments(ctx, declaration.name);
    values = replacements && replacements.length > 0 ? [declaration.name, ...replacements] : undefined;
    scope = declaration.parent;
  } else return undefined;
  if (!values || values.length === 0) return undefined;
  if (!values.every((v) => v === (declaration as ts.ParameterDeclaration).name || isLiteral(ts, v))) return undefined;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (ts.isSourceFile(scope)) return undefined; // (module state: other modules' code could store into it)
  return [...values, ...storedInto(ctx, symbol, scope)];
}

function isLiteral(t: typeof ts, value: ts.Expression): boolean {
  const v = skipParens(t, value);
  return t.isArrayLiteralExpression(v) || t.isObjectLiteralExpression(v);
}

/** What `scope` stores into the local by name: `x.push(v)`, `x.unshift(v)`, `x.splice(i, n, v)`, `x[k] = v`, `x.k = v`. */
function storedInto(ctx: AnalysisContext, symbol: ts.Symbol, scope: ts.Node): ts.Expression[] {
  const { ts } = ctx;
  const stored: ts.Expression[] = [];
  const names = (e: ts.Expression): boolean => {
    const v = skipParens(ts, e);
    return ts.isIdentifier(v) && symbolOf(ctx, v) === symbol;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STORING_METHODS.has(node.expression.name.text) &&
      names(node.expression.expression)) stored.push(...node.arguments);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      (ts.isElementAccessExpression(node.left) || ts.isPropertyAccessExpression(node.left)) && names(node.left.expression)) stored.push(node.right);
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return stored;
}
