/**
 * Statements that set up a class: one the module declares (`Failure.prototype.name = 'Failure'`,
 * `Object.defineProperty(Point.prototype, 'size', { get() {…} })`, `Point.ORIGIN = 0`), another module's (a mixin,
 * `Object.assign(Invoice.prototype, { gross() {…} })`), or a built-in (a polyfill, `Object.defineProperty(Array.prototype,
 * 'total', …)`); likewise the settings of an npm package (`Settings.defaultZone = 'UTC'`: package-settings.ts). A
 * worker that imports the module to run its tasks needs them as much as the class itself (an error thrown in a task
 * names itself by its prototype's `name`; a task calls the mixin's method), so they are not kept out
 * of workers with the program's entry code (emit-module-setup.ts). Only when running them twice is harmless: the value
 * set is written out in the statement (literals, functions, names), so nothing in it prints, counts or reads state.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from '../analysis/context';
import { packageOf } from '../analysis/package-settings';

export function setsUpClass(ctx: AnalysisContext, statement: ts.Statement): boolean {
  const { ts } = ctx;
  if (!ts.isExpressionStatement(statement)) return false;
  const e = skipParens(ts, statement.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return (ts.isPropertyAccessExpression(e.left) || ts.isElementAccessExpression(e.left)) && rootIsClass(ctx, e.left) && quiet(ts, e.right);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Object' && SETTERS.has(e.expression.name.text) && e.arguments.length >= 2) {
    const [target, ...rest] = e.arguments;
    return rootIsClass(ctx, target) && rest.every((a) => quiet(ts, a));
  }
  return false;
}

const SETTERS = new Set(['defineProperty', 'defineProperties', 'assign']);

/** `X`, `X.prototype`, `X.prototype.name`…, with X a class of the program, a global of the standard library, or an npm package's export. */
function rootIsClass(ctx: AnalysisContext, target: ts.Expression): boolean {
  const { ts } = ctx;
  let root = skipParens(ts, target);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
    if (ts.isElementAccessExpression(root) && !quiet(ts, root.argumentExpression)) return false;
    root = skipParens(ts, root.expression);
  }
  if (!ts.isIdentifier(root)) return false;
  if (packageOf(ctx, root) !== undefined) return true;
  const declaration = symbolOf(ctx, root)?.valueDeclaration;
  if (declaration !== undefined && ts.isClassDeclaration(declaration)) return !declaration.getSourceFile().isDeclarationFile;
  // (A built-in the program augments, `declare global { interface Array<T> { total(): number } }`, is still one.)
  return symbolOf(ctx, root)?.declarations?.some((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile())) ?? false;
}

/** Written out in place: evaluating it again does nothing but make the same value. */
function quiet(t: typeof ts, node: ts.Expression): boolean {
  const e = skipParens(t, node);
  if (t.isStringLiteral(e) || t.isNumericLiteral(e) || t.isNoSubstitutionTemplateLiteral(e) || t.isBigIntLiteral(e) || t.isRegularExpressionLiteral(e)) return true;
  if (e.kind === t.SyntaxKind.TrueKeyword || e.kind === t.SyntaxKind.FalseKeyword || e.kind === t.SyntaxKind.NullKeyword) return true;
  if (t.isIdentifier(e) || t.isFunctionExpression(e) || t.isArrowFunction(e)) return true;
  if (t.isPrefixUnaryExpression(e)) return quiet(t, e.operand);
  if (t.isPropertyAccessExpression(e)) return quiet(t, e.expression);
  if (t.isArrayLiteralExpression(e)) return e.elements.every((x) => !t.isSpreadElement(x) && quiet(t, x));
  if (t.isObjectLiteralExpression(e)) {
    return e.properties.every((p) => t.isMethodDeclaration(p) || t.isGetAccessorDeclaration(p) || t.isSetAccessorDeclaration(p) ||
      t.isShorthandPropertyAssignment(p) || (t.isPropertyAssignment(p) && !t.isComputedPropertyName(p.name) && quiet(t, p.initializer)));
  }
  return false;
}

function skipParens(t: typeof ts, e: ts.Expression): ts.Expression {
  while (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isNonNullExpression(e)) e = e.expression;
  return e;
}
