/** Small questions about expressions that the reach and effects analyses share. */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import { behindClassMember } from './code-behind';

/** `X.prototype.m` as text. */
export function prototypeName(t: typeof ts, access: ts.PropertyAccessExpression): string | undefined {
  const owner = access.expression;
  if (t.isPropertyAccessExpression(owner) && owner.name.text === 'prototype' && t.isIdentifier(owner.expression)) {
    return `${owner.expression.text}.prototype.${access.name.text}`;
  }
  return undefined;
}

/** What a callback returns: its concise body, or the expressions of its own return statements. */
export function returnedExpressions(t: typeof ts, fn: FunctionLike): ts.Expression[] {
  if (!fn.body) return [];
  if (!t.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (t.isFunctionLike(node)) return;
    if (t.isReturnStatement(node) && node.expression) found.push(node.expression);
    t.forEachChild(node, visit);
  };
  t.forEachChild(fn.body, visit);
  return found;
}

/** The function whose `this` and `arguments` a node sees: the nearest enclosing function that is not an arrow. */
export function enclosingThisScope(t: typeof ts, node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (t.isFunctionLike(n) && !t.isArrowFunction(n)) return n;
  return undefined;
}

export function skipParens(t: typeof ts, node: ts.Expression): ts.Expression {
  while (t.isParenthesizedExpression(node) || t.isNonNullExpression(node) || t.isAsExpression(node)) node = node.expression;
  return node;
}

/** `node` is written inside `fn` (a function or class declared in it, not `fn` itself): reach.ts and reach-flow.ts follow such code as part of `fn`. */
export function isWrittenIn(fn: ts.Node, node: ts.Node): boolean {
  return node !== fn && node.getSourceFile() === fn.getSourceFile() && node.pos >= fn.pos && node.end <= fn.end;
}

/** `undefined`, `null`, `void 0`: a literal of nothing. */
export function isNullishLiteral(t: typeof ts, node: ts.Expression): boolean {
  const e = skipParens(t, node);
  return (t.isIdentifier(e) && e.text === 'undefined') || e.kind === t.SyntaxKind.NullKeyword || t.isVoidExpression(e);
}

/** The variable at the root of `a.b[c]`, and how many steps below it the expression's value is. */
export function rootAndDepth(t: typeof ts, node: ts.Expression): { root?: ts.Identifier; depth: number } {
  let depth = 0;
  node = skipLogicalAssignments(t, skipParens(t, node));
  while (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) { node = skipLogicalAssignments(t, skipParens(t, node.expression)); depth++; }
  return { root: t.isIdentifier(node) ? node : undefined, depth };
}

/**
 * `cache ??= new Map()`, `(s ||= {}).n`: the value is what the variable holds once the expression ran (its old object,
 * or the new one just put in it), so the variable names it.
 */
function skipLogicalAssignments(t: typeof ts, node: ts.Expression): ts.Expression {
  while (t.isBinaryExpression(node) && [t.SyntaxKind.QuestionQuestionEqualsToken, t.SyntaxKind.BarBarEqualsToken, t.SyntaxKind.AmpersandAmpersandEqualsToken]
    .includes(node.operatorToken.kind)) node = skipParens(t, node.left);
  return node;
}

export function rootIdentifier(t: typeof ts, node: ts.Expression): ts.Identifier | undefined {
  return rootAndDepth(t, node).root;
}

export function isArrayBufferLike(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  const parts = type.isUnion() ? type.types : [type];
  // A primitive (`n` of `new Float64Array(n)`, most calls) is printed as a keyword or a literal: no need to print it.
  const { TypeFlags: F } = ctx.ts;
  const unnamed = F.NumberLike | F.StringLike | F.BooleanLike | F.BigIntLike | F.Undefined | F.Null | F.Void | F.Any | F.Unknown | F.Never;
  return parts.some((t) => {
    const name = t.getSymbol()?.getName() ?? (t.flags & unnamed ? '' : ctx.checker.typeToString(t));
    return /^(Shared)?ArrayBuffer(Like)?$/.test(name);
  });
}

/**
 * The constructor a `new` runs when it is the program's own, with a body (analysed like a function: its `this` is the
 * new object, so what it stores there counts as kept): a class's constructor, or in JavaScript a plain function
 * (`function Lab(l, a, b) { this.l = +l; … }`). A class without one runs its base class's: unknown here. Also the base
 * constructor a `super(…)` call runs, whose new object is the caller's (parameter-properties.ts).
 */
export function programConstructor(ctx: AnalysisContext, node: ts.NewExpression | ts.SuperCall): FunctionLike | undefined {
  const { ts } = ctx;
  const declaration = ctx.checker.getResolvedSignature(node)?.declaration;
  // (A package's class behind its `.d.ts`: the JavaScript constructor, code-behind.ts.)
  if (declaration && declaration.getSourceFile().isDeclarationFile && ctx.ts.isConstructorDeclaration(declaration) && ts.isNewExpression(node)) {
    return behindClassMember(ctx, declaration, node.expression);
  }
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (!(ts.isConstructorDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isFunctionExpression(declaration)) || !declaration.body) return undefined;
  return declaration as unknown as FunctionLike; // parameters and a body: all the analysis needs of a function
}

/** `super(…)` in a constructor. */
export function isSuperCall(t: typeof ts, call: ts.CallExpression): call is ts.SuperCall {
  return call.expression.kind === t.SyntaxKind.SuperKeyword;
}

/** A constructor that may hand back another object than the new one (`return obj`, allowed in JavaScript). */
export function returnsOtherObject(t: typeof ts, constructor: FunctionLike): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (node !== constructor && t.isFunctionLike(node))) return;
    if (t.isReturnStatement(node) && node.expression) { found = true; return; }
    t.forEachChild(node, visit);
  };
  visit(constructor);
  return found;
}

export function isAssignmentOperator(t: typeof ts, kind: ts.SyntaxKind): boolean {
  return kind >= t.SyntaxKind.FirstAssignment && kind <= t.SyntaxKind.LastAssignment;
}

/** The access is the target of a plain `=` (not compound: `+=` reads too). */
export function isWriteTarget(t: typeof ts, access: ts.Node): boolean {
  const parent = access.parent;
  return t.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind === t.SyntaxKind.EqualsToken;
}

/**
 * The values an expression may evaluate to, through parentheses, `c ? a : b` and `a || b` / `a ?? b` / `a && b`:
 * `valueof === undefined ? (v) => … : (v) => …` is one of two inline functions.
 */
export function alternatives(t: typeof ts, expr: ts.Expression): ts.Expression[] {
  expr = skipParens(t, expr);
  if (t.isConditionalExpression(expr)) return [...alternatives(t, expr.whenTrue), ...alternatives(t, expr.whenFalse)];
  if (t.isBinaryExpression(expr) && (expr.operatorToken.kind === t.SyntaxKind.BarBarToken || expr.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken ||
    expr.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken)) return [...alternatives(t, expr.left), ...alternatives(t, expr.right)];
  return [expr];
}

/** The functions written inline that an argument may be (its other alternatives are values from elsewhere). */
export function inlineFunctions(t: typeof ts, expr: ts.Expression): (ts.ArrowFunction | ts.FunctionExpression)[] {
  return alternatives(t, expr).filter((e): e is ts.ArrowFunction | ts.FunctionExpression => t.isArrowFunction(e) || t.isFunctionExpression(e));
}

/** `(() => CONFIG)()`, `((w) => …)(WEIGHTS)`: a function called where it is made, whose body runs there. */
export function isCalledAtOnce(t: typeof ts, fn: ts.Node): boolean {
  let outer = fn;
  while (t.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return t.isCallExpression(outer.parent) && outer.parent.expression === outer;
}
