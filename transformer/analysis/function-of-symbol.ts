/**
 * Which function with a body a name stands for, in the program the name belongs to: through imports and re-exports,
 * constants (`var g = f` that nothing reassigns), CommonJS exports, a `.d.ts` declaration (the JavaScript behind it,
 * code-behind.ts) and functions returned by factories. Kept apart from code-behind.ts because it is a question about
 * values (what a name holds), asked also of the program's own code (callbacks.ts: a factory-made callback).
 */
import type * as ts from 'typescript';
import { isFunctionLike, isReassigned, type AnalysisContext, type FunctionLike } from './context';
import { returnedExpressions, skipParens } from './expressions';
import { behindDeclaration } from './code-behind';
import { definedExportValue, requiredModuleMember, skipIndirection } from './babel-interop';

/**
 * A factory call a function value comes out of (`var isArrayLike = createSizePropertyCheck(getLength)`): the function
 * it returns closes over that call's arguments, so what the made function does with the factory's parameters is
 * decided there (factory-made.ts).
 */
export interface FactoryCall { readonly call: ts.CallExpression; readonly factory: FunctionLike }

/**
 * The function with a body a symbol stands for: through imports and re-exports, `export default f`, `var g = f`
 * (a constant: nothing reassigns it), `var g = ns.f`, a `.d.ts` declaration (the JavaScript behind it), and a function
 * returned by a factory (`var baseFor = createBaseFor()`, an immediately called `function () { …; return function … }()`:
 * the factory's one return statement returns it).
 */
export function functionOfSymbol(ctx: AnalysisContext, symbol: ts.Symbol, depth = 0, via?: FactoryCall[]): FunctionLike | undefined {
  if (depth > 6) return undefined;
  const target = symbol.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
  for (const declaration of target.declarations ?? []) {
    const mark = via?.length ?? 0;
    const fn = functionOfNode(ctx, declaration, depth, via);
    if (fn) return fn;
    if (via) via.length = mark; // (factory calls on a path that found nothing)
  }
  return undefined;
}

function functionOfNode(ctx: AnalysisContext, node: ts.Node, depth: number, via?: FactoryCall[]): FunctionLike | undefined {
  const { ts } = ctx;
  if (node.getSourceFile().isDeclarationFile) {
    return (ts.isFunctionDeclaration(node) && !node.body) || (ts.isVariableDeclaration(node) && node.type && ts.isFunctionTypeNode(node.type))
      ? behindDeclaration(ctx, node, via) : undefined;
  }
  if (isFunctionLike(ctx, node)) return node.body ? node : undefined;
  if (ts.isVariableDeclaration(node) && node.initializer) {
    if (!(ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const) && isReassigned(ctx, node)) return undefined;
    return functionOfExpression(ctx, node.initializer, depth, via);
  }
  if (ts.isExportAssignment(node)) return functionOfExpression(ctx, node.expression, depth, via);
  // `Object.defineProperty(exports, "f", { get: function () { return _f.default } })` (babel-interop.ts).
  const defined = definedExportValue(ctx, node);
  if (defined) return functionOfExpression(ctx, defined, depth, via);
  // CommonJS `module.exports = { invert: require('./invert'), … }`: a member of the exports object, like `exports.f = …`.
  if (ts.isPropertyAssignment(node) && isModuleExportsLiteral(ts, node.parent)) return functionOfExpression(ctx, node.initializer, depth, via);
  // CommonJS: `exports.total = function …`, `module.exports = f` (the declaration is the assignment or its target).
  const assignment = ts.isBinaryExpression(node) ? node : node.parent && ts.isBinaryExpression(node.parent) && node.parent.left === node ? node.parent : undefined;
  if (assignment && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) return functionOfExpression(ctx, assignment.right, depth, via);
  return undefined;
}

/** The function with a body `expr` evaluates to; `via` collects the factory calls it comes out of, outermost first. */
export function functionOfExpression(ctx: AnalysisContext, expr: ts.Expression, depth: number, via?: FactoryCall[]): FunctionLike | undefined {
  const { ts } = ctx;
  expr = skipIndirection(ts, expr);
  if (ts.isFunctionExpression(expr) || ts.isArrowFunction(expr)) return expr;
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
    // (`_f.default` of `var _f = _interopRequireDefault(require("./f"))`: the checker types it `any`.)
    const symbol = ctx.checker.getSymbolAtLocation(ts.isIdentifier(expr) ? expr : expr.name) ?? requiredModuleMember(ctx, expr);
    return symbol && functionOfSymbol(ctx, symbol, depth + 1, via);
  }
  // `require('./invert')`: what that module assigns to `module.exports`.
  const required = requiredModuleExport(ctx, expr);
  if (required) return functionOfSymbol(ctx, required, depth + 1, via);
  if (ts.isCallExpression(expr)) {
    const callee = skipParens(ts, expr.expression);
    const symbol = ts.isIdentifier(callee) ? ctx.checker.getSymbolAtLocation(callee) : undefined;
    const factory = symbol ? functionOfSymbol(ctx, symbol, depth + 1) : callee;
    if (factory && (ts.isFunctionExpression(factory) || ts.isArrowFunction(factory) || ts.isFunctionDeclaration(factory)) && factory.body) {
      via?.push({ call: expr, factory });
      if (!ts.isBlock(factory.body)) return functionOfExpression(ctx, factory.body, depth + 1, via);
      // Its one return (`if (c) return writer; return reader` may be either: not one function).
      const returned = returnedExpressions(ts, factory);
      if (returned.length === 1) return functionOfExpression(ctx, returned[0], depth + 1, via);
    }
  }
  return undefined;
}

const isModuleExportsLiteral = (t: typeof ts, node: ts.Node): boolean => t.isObjectLiteralExpression(node) &&
  t.isBinaryExpression(node.parent) && node.parent.right === node && node.parent.operatorToken.kind === t.SyntaxKind.EqualsToken &&
  t.isPropertyAccessExpression(node.parent.left) && node.parent.left.getText() === 'module.exports';

/** The `module.exports = …` of the module a `require('…')` call names, or undefined for any other expression. */
function requiredModuleExport(ctx: AnalysisContext, expr: ts.Expression): ts.Symbol | undefined {
  const { ts } = ctx;
  if (!ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const [specifier] = expr.arguments;
  if (expr.arguments.length !== 1 || !ts.isStringLiteralLike(specifier)) return undefined;
  return ctx.checker.getSymbolAtLocation(specifier)?.exports?.get('export=' as ts.__String);
}
