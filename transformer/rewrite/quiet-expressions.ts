/**
 * Quiet expressions: what a forwarder's body may compute besides its task calls (forwarders.ts). Quiet code neither
 * calls the program's code nor writes anything, so it runs earlier or later unseen: names, literals, operators, reads,
 * `Math.*`, views (`subarray`) and copies (`slice`) of the library's arrays; and objects built-ins make from quiet
 * values, fresh for the body's tasks (`const out = new Float64Array(n)`).
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, isPrimitiveType, isTypedArrayType, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { isDeclarationName, isReference, skipTransparent } from './syntax';
import { isFresh } from './fresh';
import { isLibrary, isOverridable } from './library-uses';
import { runtimeShapes } from './runtime-shapes';

/**
 * `const out = new Float64Array(n * n)` (a `const` the body allocates, `allocates`, fresh by fresh.ts): an object
 * no one else refers to, made for the body's tasks. Its symbol goes to `made`.
 */
export function makesFresh(ctx: AnalysisContext, declaration: ts.VariableDeclaration, made: Set<ts.Symbol>): boolean {
  const { ts } = ctx;
  const init = declaration.initializer!;
  const list = declaration.parent;
  if (!ts.isIdentifier(declaration.name) || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  if (!allocates(ctx, init) || !isFresh(ctx, init)) return false;
  const symbol = symbolOf(ctx, declaration.name);
  if (symbol) made.add(symbol);
  return symbol !== undefined;
}

/**
 * Made by built-ins from quiet values, running no code of the program: `new Float64Array(n)` (a library global's
 * constructor); `new Float64Array(n).fill(1)` (a typed array's own fill changes only the new array and returns it:
 * np60's min-serial-prefilled); a literal of such objects and quiet primitives (`{ sums: new Float64Array(2),
 * count: 0 }`: np62's min-made-object).
 */
export function allocates(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  const value = skipTransparent(ts, expr);
  if (ts.isNewExpression(value)) return isLibraryGlobal(ctx, value.expression) && (value.arguments ?? []).every((arg) => isQuiet(ctx, arg));
  if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'fill') {
    return isTypedArrayType(ctx, ctx.checker.getTypeAtLocation(value.expression.expression)) && value.arguments.every((arg) => isQuiet(ctx, arg)) &&
      allocates(ctx, value.expression.expression);
  }
  if (ts.isObjectLiteralExpression(value)) {
    return value.properties.every((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
      (isQuietPrimitive(ctx, p.initializer) || allocates(ctx, p.initializer)));
  }
  if (ts.isArrayLiteralExpression(value)) return value.elements.every((e) => !ts.isSpreadElement(e) && (isQuietPrimitive(ctx, e) || allocates(ctx, e)));
  return false;
}

/** A number, string or other primitive computed quietly (isQuiet): a made record's or literal's plain field. */
export function isQuietPrimitive(ctx: AnalysisContext, expr: ts.Expression): boolean {
  return isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(expr)) && isQuiet(ctx, expr);
}

/**
 * Every name the function reads is its own (a parameter or a local) or `Math`; tasks it calls aside. (Not even a
 * module's `const`: run ahead, a call may read it before its declaration ran, where the plain call would have thrown
 * later, rv67's const-tdz. Nor the constructor of an object it makes: one that hands out made objects never runs
 * ahead, since the runtime orders and dismisses calls made ahead by their Futures; see mapsInTurn.)
 */
export function readsOnlyItsOwn(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const own = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) && node.text !== 'Math' && node.text !== 'undefined') {
      const declaration = symbolOf(ctx, node)?.valueDeclaration;
      const callee = ts.isCallExpression(node.parent) && node.parent.expression === node;
      if (!callee && (!declaration || declaration.pos < fn.pos || declaration.end > fn.end)) return false;
    }
    return ts.forEachChild(node, (child) => (own(child) ? undefined : true)) === undefined;
  };
  return fn.parameters.every(own) && (fn.body === undefined || own(fn.body));
}


/** An expression that neither calls program code nor writes anything: it can run earlier or later unseen. */
export function isQuiet(ctx: AnalysisContext, expr: ts.Node): boolean {
  const { ts } = ctx;
  const K = ts.SyntaxKind;
  if (ts.isCallExpression(expr)) {
    const name = qualifiedName(ts, expr.expression);
    // (A view, or a copy of an array of the library: `xs.slice(0, mid)`.)
    const method = ts.isPropertyAccessExpression(expr.expression) ? expr.expression : undefined;
    const view = method?.name.text === 'subarray';
    const copy = method?.name.text === 'slice' && isLibrary(ctx, method) && isArrayLike(ctx, method.expression);
    if (!name?.startsWith('Math.') && !view && !copy) return false;
    // (A view or a copy reads its receiver: quiet too.)
    return expr.arguments.every((arg) => isQuiet(ctx, arg)) && (!(view || copy) || isQuiet(ctx, method!.expression));
  }
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op >= K.FirstAssignment && op <= K.LastAssignment) return false;
    return isQuiet(ctx, expr.left) && isQuiet(ctx, expr.right);
  }
  if (ts.isPrefixUnaryExpression(expr)) return expr.operator !== K.PlusPlusToken && expr.operator !== K.MinusMinusToken && isQuiet(ctx, expr.operand);
  if (ts.isPostfixUnaryExpression(expr) || ts.isNewExpression(expr) || ts.isTaggedTemplateExpression(expr) || ts.isFunctionLike(expr) ||
    ts.isClassExpression(expr) || ts.isDeleteExpression(expr) || ts.isAwaitExpression(expr) || ts.isYieldExpression(expr)) return false;
  switch (expr.kind) {
    case K.Identifier: case K.NumericLiteral: case K.StringLiteral: case K.NoSubstitutionTemplateLiteral: case K.TrueKeyword:
    case K.FalseKeyword: case K.NullKeyword: case K.BigIntLiteral: case K.PropertyAccessExpression: case K.ElementAccessExpression:
    case K.ParenthesizedExpression: case K.ConditionalExpression: case K.TemplateExpression: case K.TemplateSpan: case K.AsExpression:
    case K.TemplateHead: case K.TemplateMiddle: case K.TemplateTail:
    case K.NonNullExpression: case K.ArrayLiteralExpression: case K.ObjectLiteralExpression: case K.PropertyAssignment:
    case K.ShorthandPropertyAssignment: case K.TypeOfExpression: case K.SpreadElement: case K.ThisKeyword:
      return ts.forEachChild(expr, (child) => (ts.isTypeNode(child) || ts.isIdentifier(child) || ts.isPrivateIdentifier(child) || isQuiet(ctx, child) ? undefined : true)) === undefined;
    default:
      return false;
  }
}

/**
 * An array or typed array of the library, whose `slice` copies running no code: not when the program extends Array
 * (a subclass instance typed `number[]` makes its copy with the subclass's constructor: rv75's r-slice-species-rec).
 */
function isArrayLike(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  return (ctx.checker.isArrayType(type) || isTypedArrayType(ctx, type)) && !isOverridable(runtimeShapes(ctx), type);
}
