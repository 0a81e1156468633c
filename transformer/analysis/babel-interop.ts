/**
 * Babel's (and tsc's esModuleInterop) CommonJS output, the shape a large part of npm ships:
 *
 *   Object.defineProperty(exports, "getCenter", { enumerable: true, get: function () { return _getCenter.default; } });
 *   var _toRad = _interopRequireDefault(require("./toRad"));
 *   function _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }
 *   … (0, _toRad.default)(x) …
 *
 * The checker types `_toRad` as whatever the helper returns (`any`), so `_toRad.default` named no function and every
 * call between the modules was unknown code (geolib: no exported function found at all). Here: an export made by
 * `Object.defineProperty(exports, name, { get() { return v } | value: v })` is v; a variable holding a required module
 * through such a helper holds that module (`.default` is the module's default export); `(0, f)(x)` calls f.
 *
 * The helper is recognised by what it does, not by its name: a function of the program each of whose results is its
 * first parameter or `{ default: <that parameter> }` (so `.default` of it is the module's default export or the module
 * object itself, which is only taken when the module has a default export: otherwise unknown, as before).
 */
import type * as ts from 'typescript';
import { isReassigned, symbolOf, type AnalysisContext } from './context';
import { alternatives, returnedExpressions, skipParens } from './expressions';

/** `(0, f)`, `(void 0, f)`: Babel's way to call f without a `this`: the callee is f. */
export function skipIndirection(t: typeof ts, callee: ts.Expression): ts.Expression {
  let expr = skipParens(t, callee);
  while (t.isBinaryExpression(expr) && expr.operatorToken.kind === t.SyntaxKind.CommaToken &&
    (t.isNumericLiteral(skipParens(t, expr.left)) || t.isVoidExpression(skipParens(t, expr.left)))) expr = skipParens(t, expr.right);
  return expr;
}

/** The value `Object.defineProperty(exports, "name", { get() { return v } })` (or `{ value: v }`) exports, if `node` is one. */
export function definedExportValue(ctx: AnalysisContext, node: ts.Node): ts.Expression | undefined {
  const { ts } = ctx;
  if (!ts.isCallExpression(node) || node.arguments.length !== 3) return undefined;
  const callee = skipParens(ts, node.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'defineProperty' || !ts.isIdentifier(callee.expression) ||
    callee.expression.text !== 'Object') return undefined;
  const descriptor = skipParens(ts, node.arguments[2]);
  if (!ts.isObjectLiteralExpression(descriptor)) return undefined;
  for (const property of descriptor.properties) {
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    if (name === 'value' && ts.isPropertyAssignment(property)) return property.initializer;
    if (name !== 'get') continue;
    const getter = ts.isPropertyAssignment(property) ? skipParens(ts, property.initializer) : ts.isMethodDeclaration(property) ? property : undefined;
    if (!getter || !(ts.isFunctionExpression(getter) || ts.isArrowFunction(getter) || ts.isMethodDeclaration(getter))) return undefined;
    const returned = returnedExpressions(ts, getter);
    return returned.length === 1 ? returned[0] : undefined;
  }
  return undefined;
}

/**
 * The export a member of a required module names: `_toRad.default` where `var _toRad = interop(require("./toRad"))`
 * (or `require("./toRad")` itself) and nothing reassigns `_toRad`. Undefined for anything else.
 */
export function requiredModuleMember(ctx: AnalysisContext, expr: ts.Expression): ts.Symbol | undefined {
  const { ts } = ctx;
  expr = skipParens(ts, expr);
  if (!ts.isPropertyAccessExpression(expr) || !ts.isIdentifier(skipParens(ts, expr.expression))) return undefined;
  const declaration = symbolOf(ctx, skipParens(ts, expr.expression) as ts.Identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return undefined;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) && isReassigned(ctx, declaration)) return undefined;
  let init = skipParens(ts, declaration.initializer);
  if (ts.isCallExpression(init) && init.arguments.length === 1 && !isRequire(ts, init) && isInteropHelper(ctx, init.expression)) {
    init = skipParens(ts, init.arguments[0]);
  }
  if (!ts.isCallExpression(init) || !isRequire(ts, init)) return undefined;
  const moduleSymbol = ctx.checker.getSymbolAtLocation(init.arguments[0]);
  if (!moduleSymbol) return undefined;
  return ctx.checker.getExportsOfModule(moduleSymbol).find((e) => e.name === expr.name.text);
}

const isRequire = (t: typeof ts, call: ts.CallExpression): boolean => {
  const callee = skipParens(t, call.expression);
  return t.isIdentifier(callee) && callee.text === 'require' && call.arguments.length === 1 && t.isStringLiteralLike(call.arguments[0]);
};

/** A function of the program each of whose results is its first parameter or `{ default: <it> }`. */
function isInteropHelper(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const { ts } = ctx;
  const declaration = ts.isIdentifier(callee) ? symbolOf(ctx, callee)?.valueDeclaration : undefined;
  if (!declaration || !ts.isFunctionDeclaration(declaration) || !declaration.body || declaration.getSourceFile().isDeclarationFile) return false;
  const param = declaration.parameters[0];
  if (!param || !ts.isIdentifier(param.name)) return false;
  const own = symbolOf(ctx, param.name);
  const isParam = (e: ts.Expression): boolean => { const v = skipParens(ts, e); return ts.isIdentifier(v) && symbolOf(ctx, v) === own; };
  const returned = returnedExpressions(ts, declaration);
  return returned.length > 0 && returned.every((r) => {
    // (`e && e.__esModule ? e : { default: e }`: the condition is only tested.)
    const value = skipParens(ts, r);
    const choices = ts.isConditionalExpression(value) ? [...alternatives(ts, value.whenTrue), ...alternatives(ts, value.whenFalse)] : alternatives(ts, value);
    return choices.every((c) => isParam(c) || (ts.isObjectLiteralExpression(c) && c.properties.length === 1 && ts.isPropertyAssignment(c.properties[0]) &&
      ts.isIdentifier(c.properties[0].name) && c.properties[0].name.text === 'default' && isParam(c.properties[0].initializer)));
  });
}
