/**
 * Callbacks an object holds in a field its constructor fixed (d3's InternSet: `Object.defineProperties(this, { _key:
 * { value: key } })`, later `const { _key } = set; _key(value)`): which function a call through that field reaches is
 * decided where the object was made (`new InternSet(values)` passes no key: the default, a reader), not where the
 * field is called. callbacks.ts uses these facts to discharge an assumption "the function in field K of this object
 * only reads" at a construction or at a method call on an object whose construction it can see.
 *
 * Only fields the language keeps fixed count: defined by `Object.defineProperty`/`defineProperties` on `this`,
 * unconditionally in the constructor body, as a data property neither writable nor configurable (the defaults). Such
 * a property can never be assigned, redefined or deleted afterwards, so no other code needs to be looked at.
 * Objects are followed only to a `new C(…)` this function can see: a `const`, a `let`/`var` nothing reassigns, or a
 * parameter replaced by a top-level `p = new C(…)` before the call.
 */
import type * as ts from 'typescript';
import { isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { isReplacedMember } from './replaced-members';

/** The class whose constructor or method `scope` (the function a `this` belongs to) is. */
export function classOfScope(ctx: AnalysisContext, scope: ts.Node): ts.ClassLikeDeclaration | undefined {
  const { ts } = ctx;
  return (ts.isConstructorDeclaration(scope) || ts.isMethodDeclaration(scope)) && ts.isClassLike(scope.parent) ? scope.parent : undefined;
}

export function constructorOf(ctx: AnalysisContext, cls: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return cls.members.find((m): m is ts.ConstructorDeclaration => ctx.ts.isConstructorDeclaration(m) && m.body !== undefined);
}

/** The value a constructor of `cls` fixes in field `name` (see the top of this file), if it does. */
export function frozenField(ctx: AnalysisContext, cls: ts.ClassLikeDeclaration, name: string): ts.Expression | undefined {
  const { ts } = ctx;
  const constructor = constructorOf(ctx, cls);
  if (!constructor?.body) return undefined;
  for (const statement of constructor.body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
    const call = statement.expression;
    const callee = skipParens(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Object') continue;
    const [target, second, third] = call.arguments;
    if (!target || skipParens(ts, target).kind !== ts.SyntaxKind.ThisKeyword) continue;
    if (callee.name.text === 'defineProperty' && second && third && ts.isStringLiteral(second) && second.text === name) return dataValue(ctx, third);
    if (callee.name.text === 'defineProperties' && second && ts.isObjectLiteralExpression(second)) {
      for (const p of second.properties) {
        if (ts.isPropertyAssignment(p) && propertyName(ctx, p.name) === name) return dataValue(ctx, p.initializer);
      }
    }
  }
  return undefined;
}

/** `{ value: x }` (nothing writable, configurable, nor an accessor): x. */
function dataValue(ctx: AnalysisContext, descriptor: ts.Expression): ts.Expression | undefined {
  const { ts } = ctx;
  descriptor = skipParens(ts, descriptor);
  if (!ts.isObjectLiteralExpression(descriptor)) return undefined;
  let value: ts.Expression | undefined;
  for (const p of descriptor.properties) {
    if (!ts.isPropertyAssignment(p)) return undefined; // a spread, a method, a shorthand: not a plain literal descriptor
    const key = propertyName(ctx, p.name);
    if (key === 'value') value = p.initializer;
    else if (key === 'enumerable') continue;
    else if ((key === 'writable' || key === 'configurable') && p.initializer.kind === ts.SyntaxKind.FalseKeyword) continue;
    else return undefined;
  }
  return value;
}

function propertyName(ctx: AnalysisContext, name: ts.PropertyName): string | undefined {
  return ctx.ts.isIdentifier(name) || ctx.ts.isStringLiteral(name) ? name.text : undefined;
}

/**
 * The `new C(…)` whose object `receiver` holds at `use`, when this function makes it where it can be seen: a `const`
 * (or a `let`/`var` nothing reassigns) initialised with it, or a parameter replaced by a top-level `p = new C(…)`
 * statement of `fn` before `use`, and assigned nowhere else.
 */
export function allocationOf(ctx: AnalysisContext, fn: FunctionLike, receiver: ts.Expression, use: ts.Node): ts.NewExpression | undefined {
  const { ts } = ctx;
  receiver = skipParens(ts, receiver);
  if (!ts.isIdentifier(receiver)) return undefined;
  const symbol = symbolOf(ctx, receiver);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
    const init = skipParens(ts, declaration.initializer);
    const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration);
    return constant && ts.isNewExpression(init) ? init : undefined;
  }
  if (!ts.isParameter(declaration) || declaration.parent !== fn || !fn.body || !ts.isBlock(fn.body)) return undefined;
  let replacement: ts.NewExpression | undefined;
  let assignments = 0;
  const count = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(skipParens(ts, node.left)) &&
      symbolOf(ctx, skipParens(ts, node.left)) === symbol) assignments++;
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand) &&
      symbolOf(ctx, node.operand) === symbol) assignments++;
    ts.forEachChild(node, count);
  };
  count(fn.body);
  for (const statement of fn.body.statements) {
    if (statement.end > use.pos) break;
    const e = ts.isExpressionStatement(statement) ? statement.expression : undefined;
    if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left) &&
      symbolOf(ctx, e.left) === symbol && ts.isNewExpression(skipParens(ts, e.right))) replacement = skipParens(ts, e.right) as ts.NewExpression;
  }
  return assignments === 1 ? replacement : undefined;
}

/** The class a `new` makes, when the program declares it with a constructor of its own. */
export function classOfAllocation(ctx: AnalysisContext, allocation: ts.NewExpression): ts.ClassLikeDeclaration | undefined {
  const declaration = ctx.checker.getResolvedSignature(allocation)?.declaration;
  return declaration && ctx.ts.isConstructorDeclaration(declaration) && declaration.body && ctx.ts.isClassLike(declaration.parent)
    ? declaration.parent : undefined;
}

/**
 * `values.delete(v)` where the checker cannot type `values` (a JavaScript parameter replaced by `values = new
 * InternSet(values)`): the method of the class this function made it with.
 */
export function methodOfAllocation(ctx: AnalysisContext, fn: FunctionLike, call: ts.CallExpression): FunctionLike | undefined {
  const { ts } = ctx;
  const callee = skipParens(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const allocation = allocationOf(ctx, fn, callee.expression, call);
  const cls = allocation && classOfAllocation(ctx, allocation);
  const name = callee.name.text;
  // An own property of that name (a field, one the constructor defines) would shadow the method.
  if (!cls || frozenField(ctx, cls, name) || cls.members.some((m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name)) return undefined;
  const method = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.body !== undefined &&
    ts.isIdentifier(m.name) && m.name.text === name && !m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword));
  // (One something else may be assigned to, `C.prototype.m = writer`, is not that method in particular.)
  const symbol = method && ctx.checker.getSymbolAtLocation(method.name);
  return symbol && isReplacedMember(ctx, symbol) ? undefined : method;
}
