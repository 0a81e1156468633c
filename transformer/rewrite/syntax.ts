/** Small questions about where an identifier stands, shared by the planner and the container analysis. */
import type * as ts from 'typescript';
import { isFunctionLike, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { isCalledAtOnce } from '../analysis/expressions';

/** An identifier that refers to a variable (not a property name, an import/export name or a type). */
export function isReference(t: typeof ts, id: ts.Identifier): boolean {
  // (Asked of every identifier of a file: one switch on the parent's kind.)
  const parent = id.parent;
  const K = t.SyntaxKind;
  switch (parent.kind) {
    case K.PropertyAccessExpression: return (parent as ts.PropertyAccessExpression).name !== id;
    case K.PropertyAssignment: return (parent as ts.PropertyAssignment).name !== id;
    case K.ImportSpecifier: case K.ExportSpecifier: return false;
    // `let t: typeof a`: a type, erased from the program.
    case K.TypeReference: case K.QualifiedName: case K.TypeQuery: return false;
    default: return true;
  }
}

/** `id = …` */
export function isAssignedTo(t: typeof ts, id: ts.Identifier): boolean {
  return t.isBinaryExpression(id.parent) && id.parent.left === id && id.parent.operatorToken.kind === t.SyntaxKind.EqualsToken;
}

export function isDeclarationName(t: typeof ts, id: ts.Identifier): boolean {
  const parent = id.parent;
  return (t.isVariableDeclaration(parent) || t.isParameter(parent) || t.isBindingElement(parent) || t.isFunctionDeclaration(parent)) &&
    (parent as { name?: ts.Node }).name === id;
}

/**
 * The expression is written: assigned (`=`, `+=`, …, also as a destructuring target `[x[0], y] = …` or a
 * `for (x[0] of …)` variable), incremented, decremented or deleted.
 */
export function isWriteTarget(t: typeof ts, expr: ts.Expression): boolean {
  let parent = expr.parent;
  // Up through a destructuring pattern: `[a[0], …rest]`, `{ k: a[0] }`, `{ k: a[0] = 1 }`.
  let inPattern: ts.Node = expr;
  while (t.isArrayLiteralExpression(parent) || t.isSpreadElement(parent) || t.isPropertyAssignment(parent) ||
    t.isObjectLiteralExpression(parent) || t.isShorthandPropertyAssignment(parent) ||
    (t.isBinaryExpression(parent) && parent.left === inPattern && parent.operatorToken.kind === t.SyntaxKind.EqualsToken &&
      (t.isArrayLiteralExpression(parent.parent) || t.isPropertyAssignment(parent.parent)))) {
    if (t.isPropertyAssignment(parent) && parent.initializer !== inPattern) return false;
    inPattern = parent;
    parent = parent.parent;
  }
  if (inPattern !== expr) {
    const assigned = t.isBinaryExpression(parent) && parent.left === inPattern && parent.operatorToken.kind === t.SyntaxKind.EqualsToken;
    return assigned || ((t.isForOfStatement(parent) || t.isForInStatement(parent)) && parent.initializer === inPattern);
  }
  if ((t.isForOfStatement(parent) || t.isForInStatement(parent)) && parent.initializer === expr) return true;
  if (t.isBinaryExpression(parent)) {
    return parent.left === expr && parent.operatorToken.kind >= t.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= t.SyntaxKind.LastAssignment;
  }
  if (t.isPrefixUnaryExpression(parent) || t.isPostfixUnaryExpression(parent)) {
    return parent.operator === t.SyntaxKind.PlusPlusToken || parent.operator === t.SyntaxKind.MinusMinusToken;
  }
  return t.isDeleteExpression(parent);
}

/** The name is written (isWriteTarget), also through parentheses: `(fn) = other`. */
export function isWrittenName(t: typeof ts, id: ts.Identifier): boolean {
  let node: ts.Expression = id;
  while (t.isParenthesizedExpression(node.parent)) node = node.parent;
  return isWriteTarget(t, node);
}

/** Written without being read: `x[0] = v`, a destructuring or `for…of` target (not `+=`, `++`, `delete`). */
export function isStoreTarget(t: typeof ts, expr: ts.Expression): boolean {
  if (!isWriteTarget(t, expr)) return false;
  const parent = expr.parent;
  if (t.isBinaryExpression(parent) && parent.left === expr) return parent.operatorToken.kind === t.SyntaxKind.EqualsToken;
  return !t.isPrefixUnaryExpression(parent) && !t.isPostfixUnaryExpression(parent) && !t.isDeleteExpression(parent);
}

/** `a ?? b`, `a || b`, `a && b`: the value is one of the operands. */
export function isChoice(t: typeof ts, kind: ts.SyntaxKind): boolean {
  return kind === t.SyntaxKind.QuestionQuestionToken || kind === t.SyntaxKind.BarBarToken || kind === t.SyntaxKind.AmpersandAmpersandToken;
}

/** `c ? x : y`, `x ?? y`: an expression whose value may be `operand`'s (not a condition it only tests). */
export function isChoiceOf(t: typeof ts, parent: ts.Node, operand: ts.Node): parent is ts.Expression {
  if (t.isConditionalExpression(parent)) return parent.condition !== operand;
  return t.isBinaryExpression(parent) && isChoice(t, parent.operatorToken.kind);
}

/** `a == b`, `a !== b`, `a instanceof B`: compares identities, reads no contents. */
export function isComparison(t: typeof ts, parent: ts.Node): boolean {
  return t.isBinaryExpression(parent) && [t.SyntaxKind.EqualsEqualsEqualsToken, t.SyntaxKind.ExclamationEqualsEqualsToken,
    t.SyntaxKind.EqualsEqualsToken, t.SyntaxKind.ExclamationEqualsToken, t.SyntaxKind.InstanceOfKeyword].includes(parent.operatorToken.kind);
}

/** Wrappers that change only the type, not the value: `x!`, `x as T`, `<T>x`, `x satisfies T`, `(x)`. */
export function isTransparent(t: typeof ts, node: ts.Node): node is ts.Expression & { readonly expression: ts.Expression } {
  return t.isParenthesizedExpression(node) || t.isNonNullExpression(node) || t.isAsExpression(node) || t.isTypeAssertionExpression(node) ||
    t.isSatisfiesExpression(node);
}

/** `expr` without its type-only wrappers. */
export function skipTransparent(t: typeof ts, expr: ts.Expression): ts.Expression {
  while (isTransparent(t, expr)) expr = expr.expression;
  return expr;
}

/** `expr` with the type-only wrappers around it: what stands in its place in the enclosing expression. */
export function withWrappers(t: typeof ts, expr: ts.Expression): ts.Expression {
  while (isTransparent(t, expr.parent)) expr = expr.parent;
  return expr;
}

/** `expr` with the wrappers and choices around it whose value may be its own (`(c ? expr : y)!`, `expr ?? y`). */
export function withChoices(t: typeof ts, expr: ts.Expression): ts.Expression {
  while (isTransparent(t, expr.parent) || isChoiceOf(t, expr.parent, expr)) expr = expr.parent as ts.Expression;
  return expr;
}

/** `expr` (through type-only wrappers) is an argument of `call`. */
export function isArgumentOf(t: typeof ts, call: ts.Node, expr: ts.Expression): call is ts.CallExpression {
  return t.isCallExpression(call) && call.arguments.includes(withWrappers(t, expr));
}

/** The longest chain of `[i]` and `.p` accesses (and type-only wrappers) that starts at `ref`. */
export function accessChain(t: typeof ts, ref: ts.Expression): ts.Expression {
  let chain: ts.Expression = ref;
  for (;;) {
    const parent = chain.parent;
    if (isTransparent(t, parent) || ((t.isElementAccessExpression(parent) || t.isPropertyAccessExpression(parent)) && parent.expression === chain)) {
      chain = parent;
    } else return chain;
  }
}

/** What a chain of `[i]` accesses (and type-only wrappers) starts from: `c` for `(c[i]!)[j]`. */
export function elementBase(t: typeof ts, expr: ts.Expression): ts.Expression {
  while (t.isElementAccessExpression(expr) || isTransparent(t, expr)) expr = expr.expression;
  return expr;
}

/** Array methods that call their callback before they return (a reference inside runs before the caller goes on). */
const SYNCHRONOUS_CALLBACKS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'flatMap']);

/**
 * The function whose run the node is part of: its own, or the one running the array method whose callback holds it;
 * undefined at a file's top level.
 */
export function runningFunction(ctx: AnalysisContext, node: ts.Node): FunctionLike | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunctionLike(ctx, n) && !isSynchronousCallback(ctx.ts, n)) return n as FunctionLike;
  }
  return undefined;
}

/**
 * Code that runs where it stands when its surroundings run: anything but a function made there, which runs later,
 * when called, unless it is called at once (`(() => …)()`) or handed to an array method that calls it before it
 * returns (`[1, 2].map(() => Math.random())`).
 */
export function runsWhereItStands(t: typeof ts, node: ts.Node): boolean {
  return !t.isFunctionLike(node) || isCalledAtOnce(t, node) || isSynchronousCallback(t, node);
}

/** `xs.map((x) => …)`, `Array.from(xs, (x) => …)`: a function an array method calls before it returns. */
export function isSynchronousCallback(t: typeof ts, fn: ts.Node): boolean {
  const call = fn.parent;
  if (!(t.isArrowFunction(fn) || t.isFunctionExpression(fn)) || !t.isCallExpression(call) || !call.arguments.includes(fn)) return false;
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee)) return false;
  if (SYNCHRONOUS_CALLBACKS.has(callee.name.text)) return call.arguments[0] === fn;
  return t.isIdentifier(callee.expression) && callee.expression.text === 'Array' && callee.name.text === 'from' && call.arguments[1] === fn;
}

/** An identifier spelled as one of the names anywhere in the node. */
export function mentionsAny(t: typeof ts, node: ts.Node, names: ReadonlySet<string>): boolean {
  if (t.isIdentifier(node)) return names.has(node.text);
  return t.forEachChild(node, (child) => mentionsAny(t, child, names) || undefined) ?? false;
}

/**
 * The function's body names its own `arguments` (an arrow's is its enclosing function's; an inner ordinary function
 * has its own): its parameters under another name.
 */
export function namesOwnArguments(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node)) return node.text === 'arguments' && isReference(ts, node);
    if (node !== fn && isFunctionLike(ctx, node) && !ts.isArrowFunction(node)) return false;
    return ts.forEachChild(node, visit) ?? false;
  };
  return fn.body !== undefined && visit(fn.body);
}

/** `await task(…)` (parentheses allowed): the emitter makes it `await awaited(…)`, which blocks nothing (api/awaited.ts). */
export function isAwaitedCall(t: typeof ts, call: ts.Node): boolean {
  let node = call;
  while (t.isParenthesizedExpression(node.parent)) node = node.parent;
  return t.isAwaitExpression(node.parent);
}
