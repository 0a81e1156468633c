/**
 * A built-in that a function of the program hands back out of its arguments (issue 16 item 7, functions made by a
 * factory): lodash's `var defineProperty = (function () { try { var func = getNative(Object, 'defineProperty'); …;
 * return func } catch (e) {} }())`, where `getNative(object, key)` returns `baseIsNative(value) ? value : undefined`
 * for `value = getValue(object, key)`, and `getValue` returns `object == null ? undefined : object[key]`. Before this
 * the call `defineProperty(object, key, { value })` was unknown code, assumed to write `value` (lodash's set, update,
 * fromPairs, zipObject...). It is `Object.defineProperty`, or nothing (a guard's `undefined`, which throws when called).
 *
 * The call is evaluated with the callee's parameters bound to the call's arguments: every return of the callee (guards
 * aside, builtin-callees.ts's `unguarded`) must name one same built-in, through members (`object[key]`, `o.k`) whose
 * key is a string known here, local constants, and calls of further such functions. A parameter or local the function
 * assigns again makes it unknown, as does any other expression: the result is then no built-in, as before.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { returnedExpressions, skipParens } from './expressions';
import { functionOfExpression } from './function-of-symbol';

/** What a name stands for in the call being evaluated: the argument given for a parameter, with its own bindings. */
interface Bound { readonly expr: ts.Expression; readonly env: Env | undefined }
type Env = Map<ts.Symbol, Bound>;

/** How the caller names a built-in outside any call being evaluated (aliases, globals: builtin-callees.ts). */
export type BuiltinOf = (e: ts.Expression) => string | undefined;

/** Whether an expression is the "nothing there" of a guard; and the expression a guard lets through. */
export interface Guards { isNothing(e: ts.Expression): boolean; unguarded(e: ts.Expression): ts.Expression }

const MAX_DEPTH = 6;

/** The built-in `call` evaluates to, when it calls a function of the program as above; else undefined. */
export function builtinReturnedBy(ctx: AnalysisContext, call: ts.CallExpression, builtinOf: BuiltinOf, guards: Guards): string | undefined {
  if (!known.has(call)) known.set(call, new Evaluation(ctx, builtinOf, guards).call(call, undefined, 0));
  return known.get(call);
}

const known = new WeakMap<ts.CallExpression, string | undefined>();

class Evaluation {
  constructor(private readonly ctx: AnalysisContext, private readonly builtinOf: BuiltinOf, private readonly guards: Guards) {}

  call(call: ts.CallExpression, env: Env | undefined, depth: number): string | undefined {
    const { ts } = this.ctx;
    if (depth > MAX_DEPTH || call.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
    const callee = skipParens(ts, call.expression);
    if (!ts.isIdentifier(callee) || env?.has(symbolOf(this.ctx, callee)!)) return undefined;
    const fn = functionOfExpression(this.ctx, callee, 0);
    if (!fn?.body || fn.parameters.some((p) => !ts.isIdentifier(p.name) || p.dotDotDotToken || p.initializer || assigned(this.ctx, fn, p.name as ts.Identifier))) return undefined;
    const inner: Env = new Map();
    fn.parameters.forEach((p, i) => {
      const symbol = symbolOf(this.ctx, p.name as ts.Identifier);
      if (symbol && call.arguments[i]) inner.set(symbol, { expr: call.arguments[i], env });
    });
    const names = returnedExpressions(ts, fn).map((e) => this.guards.unguarded(e)).filter((e) => !this.guards.isNothing(e))
      .map((e) => this.value(e, inner, depth + 1));
    return names.length > 0 && names.every((n) => n !== undefined && n === names[0]) ? names[0] : undefined;
  }

  /** The built-in `e` names where `env` binds the parameters of the function it is written in. */
  private value(e: ts.Expression, env: Env, depth: number): string | undefined {
    const { ts } = this.ctx;
    if (depth > MAX_DEPTH) return undefined;
    e = this.guards.unguarded(e);
    if (ts.isIdentifier(e)) {
      const bound = this.bound(e, env);
      if (bound) return bound.env ? this.value(bound.expr, bound.env, depth + 1) : this.builtinOf(bound.expr);
      const local = this.localValue(e);
      return local ? this.value(local, env, depth + 1) : this.builtinOf(e);
    }
    if (ts.isCallExpression(e)) return this.call(e, env, depth + 1);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const key = ts.isPropertyAccessExpression(e) ? e.name.text : this.text(e.argumentExpression, env, depth + 1);
      const owner = this.value(e.expression, env, depth + 1);
      return owner !== undefined && key !== undefined ? `${owner}.${key}` : undefined;
    }
    return undefined;
  }

  /** The string a key is: a literal, or a parameter bound to one. */
  private text(e: ts.Expression, env: Env | undefined, depth: number): string | undefined {
    const { ts } = this.ctx;
    e = skipParens(ts, e);
    if (ts.isStringLiteralLike(e)) return e.text;
    const bound = ts.isIdentifier(e) && depth <= MAX_DEPTH ? this.bound(e, env) : undefined;
    return bound ? this.text(bound.expr, bound.env, depth + 1) : undefined;
  }

  private bound(id: ts.Identifier, env: Env | undefined): Bound | undefined {
    const symbol = symbolOf(this.ctx, id);
    return symbol ? env?.get(symbol) : undefined;
  }

  /** The initializer of a local `var`/`const` nothing assigns again (`var value = getValue(object, key)`). */
  private localValue(id: ts.Identifier): ts.Expression | undefined {
    const { ts } = this.ctx;
    const declaration = symbolOf(this.ctx, id)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
    const scope = enclosingFunction(ts, declaration);
    if (!scope || assigned(this.ctx, scope, declaration.name)) return undefined;
    return declaration.initializer;
  }
}

function enclosingFunction(t: typeof ts, node: ts.Node): FunctionLike | undefined {
  for (let n = node.parent; n; n = n.parent) if (t.isFunctionLike(n)) return n as FunctionLike;
  return undefined;
}

/** Whether `fn` assigns to the name anywhere but its declaration (erring towards yes: any mention on an assignment's left). */
function assigned(ctx: AnalysisContext, fn: FunctionLike, name: ts.Identifier): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, name);
  const mentions = (node: ts.Node): boolean => (ts.isIdentifier(node) && symbolOf(ctx, node) === symbol) || (ts.forEachChild(node, (c) => mentions(c) || undefined) ?? false);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && mentions(node.left)) ||
      ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && mentions(node.operand)) ||
      ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && mentions(node.initializer))) { found = true; return; }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}
