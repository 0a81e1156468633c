/**
 * Methods that hand back their own object, so that in a chain (`dist.min(min).max(max)`, vega's and d3's
 * configuration style) the next method is called on that object: its result is the receiver, not "any part of the
 * receiver or of the arguments", and the next method resolves where the checker cannot type the result (JavaScript
 * infers `any` for a method that may also return a field).
 *
 * A method hands back its object when every `return` it can reach for this call's number of arguments gives `this`,
 * or the constant naming the object literal the method is written in (`const dist = { min(_) { …; return dist } }`),
 * or a call of such a method on the same object (`return dist.weights(w)`).
 * Getter-setters return something else when called with no argument (`if (arguments.length) { a = _; return dist }
 * else return a`): branches on `arguments.length` against a number are decided by the call's argument count (none
 * with a spread argument), so `dist.min(min)` is the object and `dist.min()` is not.
 */
import type * as ts from 'typescript';
import { isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { enclosingThisScope, skipParens } from './expressions';
import { isReplacedCallee } from './replaced-members';
import { programMemo } from './program-memo';

const receivers = programMemo<ts.CallExpression, ts.Expression | null>();

/** The receiver whose object `call`'s result is (`dist.min(min)`: `dist`), when the method hands back its object. */
export function fluentReceiver(ctx: AnalysisContext, call: ts.CallExpression): ts.Expression | undefined {
  let known = receivers(ctx.program).get(call);
  if (known === undefined) {
    const callee = skipParens(ctx.ts, call.expression);
    const method = ctx.ts.isPropertyAccessExpression(callee) ? chainedMethod(ctx, call) : undefined;
    const argc = call.arguments.some((a) => ctx.ts.isSpreadElement(a)) ? undefined : call.arguments.length;
    known = method && returnsItsObject(ctx, method, argc) ? (callee as ts.PropertyAccessExpression).expression : null;
    receivers(ctx.program).set(call, known);
  }
  return known ?? undefined;
}

/**
 * The method `recv.m(…)` runs, with a body: the checker's, or, when `recv` is a chain of calls handing back their
 * object, the property `m` of the object at the start of the chain.
 */
export function chainedMethod(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  const { ts } = ctx;
  const callee = skipParens(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  // (A member something else may be assigned to is none of its functions in particular: replaced-members.ts.)
  if (isReplacedCallee(ctx, callee)) return undefined;
  const declaration = ctx.checker.getResolvedSignature(call)?.declaration;
  if (declaration) return methodBody(ctx, declaration);
  let base = skipParens(ts, callee.expression);
  if (!ts.isCallExpression(base)) return undefined;
  for (let next = fluentReceiver(ctx, base); next; next = ts.isCallExpression(base) ? fluentReceiver(ctx, base) : undefined) base = skipParens(ts, next);
  if (base === skipParens(ts, callee.expression)) return undefined;
  const property = ctx.checker.getTypeAtLocation(base).getProperty(callee.name.text)?.valueDeclaration;
  return property && methodBody(ctx, property);
}

/** A method of an object literal or class (or a function property of a literal), with a body in the program's code. */
function methodBody(ctx: AnalysisContext, declaration: ts.Node): FunctionLike | undefined {
  const { ts } = ctx;
  if (declaration.getSourceFile().isDeclarationFile) return undefined;
  const fn = ts.isPropertyAssignment(declaration) ? skipParens(ts, declaration.initializer) : declaration;
  return (ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && fn.body ? fn : undefined;
}

const handsBack = programMemo<ts.Node, Map<number | undefined, boolean>>();

function returnsItsObject(ctx: AnalysisContext, method: FunctionLike, argc: number | undefined): boolean {
  let byCount = handsBack(ctx.program).get(method);
  if (!byCount) { byCount = new Map(); handsBack(ctx.program).set(method, byCount); }
  let known = byCount.get(argc);
  if (known === undefined) {
    byCount.set(argc, false); // (a method handing back its own result: not its object, unless shown otherwise)
    const returned = reachableReturns(ctx, method, argc);
    const self = objectVariable(ctx, method);
    const isSelf = (e: ts.Expression): boolean => (e.kind === ctx.ts.SyntaxKind.ThisKeyword && !ctx.ts.isArrowFunction(method)) ||
      (self !== undefined && ctx.ts.isIdentifier(e) && symbolOf(ctx, e) === self);
    // `return dist.weights(weights)`: another method handing back the same object.
    const chained = (e: ts.Expression): boolean => {
      const same = ctx.ts.isCallExpression(e) ? fluentReceiver(ctx, e) : undefined;
      return same !== undefined && (isSelf(skipParens(ctx.ts, same)) || chained(skipParens(ctx.ts, same)));
    };
    known = returned.length > 0 && returned.every((e) => isSelf(e) || chained(e));
    byCount.set(argc, known);
  }
  return known;
}

/** The constant whose initializer is the object literal `method` is written in (`const dist = { min(_) {…} }`). */
function objectVariable(ctx: AnalysisContext, method: FunctionLike): ts.Symbol | undefined {
  const { ts } = ctx;
  const literal = ts.isObjectLiteralExpression(method.parent) ? method.parent
    : ts.isPropertyAssignment(method.parent) && ts.isObjectLiteralExpression(method.parent.parent) ? method.parent.parent : undefined;
  const variable = literal?.parent;
  if (!variable || !ts.isVariableDeclaration(variable) || variable.initializer !== literal || !ts.isIdentifier(variable.name)) return undefined;
  const constant = (ts.getCombinedNodeFlags(variable) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, variable);
  return constant ? symbolOf(ctx, variable.name) : undefined;
}

/** What the method's own `return`s give (through `c ? a : b` and `(x, y)`), on branches this argument count can take. */
function reachableReturns(ctx: AnalysisContext, method: FunctionLike, argc: number | undefined): ts.Expression[] {
  const { ts } = ctx;
  const found: ts.Expression[] = [];
  const values = (expr: ts.Expression): void => {
    expr = skipParens(ts, expr);
    if (ts.isConditionalExpression(expr)) {
      const taken = decide(ctx, method, expr.condition, argc);
      if (taken !== false) values(expr.whenTrue);
      if (taken !== true) values(expr.whenFalse);
    } else if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.CommaToken) values(expr.right);
    else found.push(expr);
  };
  // Everything nested (a loop, a switch, a try) may return; a statement after one that always returns is never reached.
  const anywhere = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) { values(node.expression); return; }
    ts.forEachChild(node, anywhere);
  };
  /** Collects the statement's returns; whether it always returns (or throws). */
  const statement = (node: ts.Statement): boolean => {
    if (ts.isReturnStatement(node)) { if (node.expression) values(node.expression); return true; }
    if (ts.isThrowStatement(node)) return true;
    if (ts.isBlock(node)) return block(node.statements);
    if (ts.isIfStatement(node)) {
      const taken = decide(ctx, method, node.expression, argc);
      const then = taken !== false && statement(node.thenStatement);
      const otherwise = taken !== true && node.elseStatement !== undefined && statement(node.elseStatement);
      return taken === true ? then : taken === false ? otherwise : then && otherwise;
    }
    anywhere(node);
    return false;
  };
  const block = (statements: readonly ts.Statement[]): boolean => statements.some((s) => statement(s));
  if (method.body && ts.isBlock(method.body)) block(method.body.statements);
  else if (method.body) values(method.body as ts.Expression);
  return found;
}

/** Whether `condition` holds for a call with `argc` arguments, when it only tests `arguments.length` against numbers. */
function decide(ctx: AnalysisContext, method: FunctionLike, condition: ts.Expression, argc: number | undefined): boolean | undefined {
  const { ts } = ctx;
  if (argc === undefined) return undefined;
  condition = skipParens(ts, condition);
  if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = decide(ctx, method, condition.operand, argc);
    return inner === undefined ? undefined : !inner;
  }
  if (isArgumentCount(ctx, method, condition)) return argc > 0;
  if (!ts.isBinaryExpression(condition)) return undefined;
  const [count, literal, flipped] = isArgumentCount(ctx, method, condition.left) ? [condition.left, condition.right, false]
    : isArgumentCount(ctx, method, condition.right) ? [condition.right, condition.left, true] : [];
  if (!count || !literal || !ts.isNumericLiteral(skipParens(ts, literal))) return undefined;
  const n = Number((skipParens(ts, literal) as ts.NumericLiteral).text);
  const [a, b] = flipped ? [n, argc] : [argc, n];
  switch (condition.operatorToken.kind) {
    case ts.SyntaxKind.EqualsEqualsEqualsToken: case ts.SyntaxKind.EqualsEqualsToken: return a === b;
    case ts.SyntaxKind.ExclamationEqualsEqualsToken: case ts.SyntaxKind.ExclamationEqualsToken: return a !== b;
    case ts.SyntaxKind.LessThanToken: return a < b;
    case ts.SyntaxKind.LessThanEqualsToken: return a <= b;
    case ts.SyntaxKind.GreaterThanToken: return a > b;
    case ts.SyntaxKind.GreaterThanEqualsToken: return a >= b;
    default: return undefined;
  }
}

/** `arguments.length` of the method itself (not of a nested function, nor a variable named `arguments`). */
function isArgumentCount(ctx: AnalysisContext, method: FunctionLike, expr: ts.Expression): boolean {
  const { ts } = ctx;
  expr = skipParens(ts, expr);
  if (!ts.isPropertyAccessExpression(expr) || expr.name.text !== 'length') return false;
  const target = skipParens(ts, expr.expression);
  if (!ts.isIdentifier(target) || target.text !== 'arguments' || symbolOf(ctx, target)?.valueDeclaration) return false;
  return enclosingThisScope(ts, target) === method;
}
