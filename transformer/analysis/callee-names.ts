/**
 * Whether a call's callee can only be the function the checker resolved it to. The checker resolves a call to one
 * signature even when the callee may be one of several functions: `(c ? reader : writer)(p)`, `fs[i](p)`, `get()(p)`,
 * `obj.f(p)` after `obj.f = writer` elsewhere, `const pick = c ? reader : writer; pick(p)`. Trusting that declaration
 * judged such calls by whichever function it named (reader's, so p was inferred `in` while writer writes it). It is
 * trusted only where the callee stands for that function: the function itself written in place (an IIFE), a name that
 * function-of-symbol.ts resolves to it (a declaration, a constant alias, an import, a factory-made closure, or the factory
 * call itself written as the callee, `drop(1)(list)`), `ns.f` of
 * a module or of a TypeScript namespace, a CommonJS module's own `exports.f` it assigns once (own-exports.ts), a member of a constant object literal nothing changes (literal-members.ts), or a method (a class's, an
 * object literal's, or one assigned to a constructor function's prototype (prototype-members.ts): dispatch on the receiver is judged as before). Anything else is a callee of unknown body here; the
 * analysis then looks for the functions it may be (assigned-functions.ts, literal-members.ts) or takes it as unknown.
 */
import type * as ts from 'typescript';
import { isNamespaceImport, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { functionOfExpression, functionOfSymbol } from './function-of-symbol';
import { constantLiteralMember, constantLiteralName } from './literal-members';
import { requiredModuleMember, skipIndirection } from './babel-interop';
import { ownExportMember } from './own-exports';
import { isReplacedCallee } from './replaced-members';
import { prototypeMethod } from './prototype-members';

/** Per callee node (every call is asked about many times: plan, reach, effects), for the function it was asked with. */
const known = new WeakMap<ts.Node, { fn: FunctionLike; names: boolean }>();

export function calleeNames(ctx: AnalysisContext, callee: ts.Expression, fn: FunctionLike): boolean {
  const { ts } = ctx;
  // A member something else may be assigned to (`o.m = writer` elsewhere) is none of its functions in particular.
  if (isReplacedCallee(ctx, skipIndirection(ts, callee))) return false;
  if (ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return true;
  const cached = known.get(callee);
  if (cached?.fn === fn) return cached.names;
  const names = namesIt(ctx, callee, fn);
  known.set(callee, { fn, names });
  return names;
}

function namesIt(ctx: AnalysisContext, callee: ts.Expression, fn: FunctionLike): boolean {
  const { ts } = ctx;
  callee = skipIndirection(ts, callee);
  if ((callee as ts.Node) === fn) return true;
  // `s.get(k)` of `Stack.prototype.get = stackGet`: a constructor function's method, as a class's (prototype-members.ts).
  if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && prototypeMethod(ctx, callee) === fn) return true;
  if (ts.isIdentifier(callee)) return resolvesTo(ctx, symbolOf(ctx, callee), fn);
  // `drop(1)(list)`: the closure the factory call written in place makes (rambda's data-last currying), as a name
  // bound to such a call is (`const dropOne = drop(1)`).
  if (ts.isCallExpression(callee)) return functionOfExpression(ctx, callee, 0) === fn;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const member = requiredModuleMember(ctx, callee) ?? ownExportMember(ctx, callee);
  if (member) return resolvesTo(ctx, member, fn);
  if (isNamespaceImport(ctx, skipParens(ts, callee.expression)) || isNamespace(ctx, skipParens(ts, callee.expression))) {
    return resolvesTo(ctx, symbolOf(ctx, callee.name), fn);
  }
  return constantLiteralMember(ctx, callee) === fn || resolvesTo(ctx, constantLiteralName(ctx, callee), fn);
}

/**
 * The function a callee the checker resolves to no signature (typed `Function` or `any`: ramda's `@return {Function}`
 * on its currying helpers, so `hasPath([prop], obj)` inside `has`) stands for, by the same names trusted above: an
 * identifier (a declaration, a constant alias, an import, a factory-made closure) or `ns.f` of a module that
 * function-of-symbol.ts resolves. Without it every call between such functions was unknown code's.
 */
export function namedFunction(ctx: AnalysisContext, callee: ts.Expression): FunctionLike | undefined {
  const { ts } = ctx;
  callee = skipIndirection(ts, callee);
  if (isReplacedCallee(ctx, callee)) return undefined;
  if (ts.isCallExpression(callee)) {
    const made = functionOfExpression(ctx, callee, 0);
    return made?.body ? made : undefined;
  }
  const symbol = ts.isIdentifier(callee) ? symbolOf(ctx, callee)
    : ts.isPropertyAccessExpression(callee) && (isNamespaceImport(ctx, skipParens(ts, callee.expression)) ||
      isNamespace(ctx, skipParens(ts, callee.expression))) ? symbolOf(ctx, callee.name)
      : requiredModuleMember(ctx, callee) ?? ownExportMember(ctx, callee);
  const fn = symbol && functionOfSymbol(ctx, symbol);
  return fn?.body ? fn : undefined;
}

const resolvesTo = (ctx: AnalysisContext, symbol: ts.Symbol | undefined, fn: FunctionLike): boolean =>
  symbol !== undefined && functionOfSymbol(ctx, symbol) === fn;

/**
 * `V` in `V.getX(p)`, `A.B` in `A.B.f(p)`: a TypeScript namespace of the program. Its members are its own exported
 * declarations (a `const` there cannot be assigned from outside), which function-of-symbol.ts resolves as any other.
 */
function isNamespace(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  if (!ts.isIdentifier(expr) && !ts.isPropertyAccessExpression(expr)) return false;
  const symbol = symbolOf(ctx, ts.isIdentifier(expr) ? expr : expr.name);
  return symbol !== undefined && (symbol.flags & ts.SymbolFlags.ValueModule) !== 0 &&
    (symbol.declarations ?? []).every((d) => ts.isModuleDeclaration(d) && !d.getSourceFile().isDeclarationFile);
}
