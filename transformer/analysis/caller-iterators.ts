/**
 * An iterator a caller's object hands out (`a.values()`, `a.entries()`, `a[Symbol.iterator]()`: a method of it called
 * with no argument), as the reading-callbacks summary judges it (callbacks.ts): ramda's `_equals` passes `a.values()`
 * to `_uniqContentEquals`, whose `_arrayFromIterator(iter)` calls `iter.next()`, a method of what it was given; that
 * function's reading summary assumes its parameter holds only reading functions, and before this nothing in `_equals`
 * could make that good, so every ramda function comparing values (equals, includes, indexOf, difference...) was code
 * writing what it is given.
 *
 * What such a call returns is trusted only when the object is data without functions, whose methods are the standard
 * library's (an array's iterators, whose `next` writes only the iterator itself; its elements; strings): that is the
 * assumption recorded on the parameter (`BUILTIN_FIELD`, made good at a call by a type that holds no function), not
 * that the object holds only readers — a reading method may return a writer (`{ values: () => (x) => { x.k = 1 } }`).
 * Never `call`, `apply` or `bind`, which hand back what a function returns or is.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, isReassigned, symbolOf, type AnalysisContext } from './context';
import { alternatives, rootIdentifier, skipParens } from './expressions';

/** Methods of a function value that hand back what it returns when called: not an iterator of it. */
const CALLING_METHODS = new Set(['call', 'apply', 'bind']);

/**
 * The receiver whose iterator `value` is (`a` of `a.values()`, `o` of `o.rows[Symbol.iterator]()` and of ramda's
 * `list[symIterator]()` where `symIterator` is `Symbol.iterator` or '@@iterator'), else undefined: a method of it
 * called with no argument, named by a key known here that is not one calling a function (`f.call()`).
 */
export function iteratedReceiver(ctx: AnalysisContext, value: ts.Expression): ts.Identifier | undefined {
  const { ts } = ctx;
  value = skipParens(ts, value);
  if (!ts.isCallExpression(value) || value.arguments.length > 0 || value.questionDotToken) return undefined;
  const callee = skipParens(ts, value.expression);
  let receiver: ts.Expression | undefined;
  if (ts.isPropertyAccessExpression(callee) && !CALLING_METHODS.has(callee.name.text)) receiver = callee.expression;
  else if (ts.isElementAccessExpression(callee) && methodKeys(ctx, callee.argumentExpression)?.every((k) => !CALLING_METHODS.has(k))) receiver = callee.expression;
  if (!receiver || skipParens(ts, receiver).kind === ts.SyntaxKind.ThisKeyword) return undefined;
  return rootIdentifier(ts, skipParens(ts, receiver));
}

/**
 * The names a computed key may be, when it is a method's name known here: a quoted string, a well-known symbol
 * (`Symbol.iterator`, as '@@iterator'), or a constant holding only those (ramda's `symIterator`, `Symbol.iterator` or
 * '@@iterator' by engine); undefined for any other key (`fs[i]` picks a function out of a table).
 */
export function methodKeys(ctx: AnalysisContext, key: ts.Expression, depth = 0): string[] | undefined {
  const { ts } = ctx;
  key = skipParens(ts, key);
  if (ts.isStringLiteralLike(key)) return [key.text];
  if (ts.isPropertyAccessExpression(key)) return ts.isIdentifier(key.expression) && key.expression.text === 'Symbol' ? [`@@${key.name.text}`] : undefined;
  // `Symbol.for('constructDateFrom')`, `Symbol('tag')` (date-fns' constructFromSymbol): a key of the program's own,
  // named by its description (no built-in method has such a name).
  if (ts.isCallExpression(key) && isSymbolMaker(ctx, key.expression) && key.arguments.length <= 1 && (!key.arguments[0] || ts.isStringLiteralLike(key.arguments[0]))) {
    return [`@@symbol:${key.arguments[0] ? (key.arguments[0] as ts.StringLiteralLike).text : ''}`];
  }
  if (!ts.isIdentifier(key) || depth > 2) return undefined;
  // (Imported from the module that declares it, as date-fns' constants are.)
  const named = symbolOf(ctx, key);
  const declaration = (named && named.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(named) : named)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0 && isReassigned(ctx, declaration)) return undefined;
  const keys: string[] = [];
  for (const choice of alternatives(ts, declaration.initializer)) {
    const found = methodKeys(ctx, choice, depth + 1);
    if (!found) return undefined;
    keys.push(...found);
  }
  return keys;
}

/** `Symbol` or `Symbol.for`, the standard library's. */
function isSymbolMaker(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const { ts } = ctx;
  const base = ts.isPropertyAccessExpression(callee) && callee.name.text === 'for' ? callee.expression : callee;
  return ts.isIdentifier(base) && base.text === 'Symbol' && isLibraryGlobal(ctx, base);
}

/**
 * Copying methods whose result holds nothing but the receiver's own elements (or its characters): `slice`,
 * `subarray`, `toReversed`, `flat` (its arguments are positions or a depth, never kept).
 */
const COPY_OF_RECEIVER = new Set(['slice', 'subarray', 'toReversed', 'flat']);

/**
 * The caller's object a fresh copy is made of (`x` of `x.slice(i, j)`, or of `a` after `var a = x.slice(i, i + n)`
 * that nothing assigns again: extra-array's cycle, rotate, repeat handing `a` to `concat$`, whose `a.push(...y)` was
 * assumed to be the caller's own method), else undefined. Trusted as an iterator is (see the top of this file): only
 * under the assumption that the object is data without functions, whose `slice` is the standard library's and so
 * hands back a new array of its elements, with the built-in methods.
 */
export function copiedReceiver(ctx: AnalysisContext, value: ts.Expression, depth = 0): ts.Identifier | undefined {
  const { ts } = ctx;
  value = skipParens(ts, value);
  if (ts.isIdentifier(value) && depth < 3) {
    const declaration = symbolOf(ctx, value)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
    if ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0 && isReassigned(ctx, declaration)) return undefined;
    return copiedReceiver(ctx, declaration.initializer, depth + 1);
  }
  if (!ts.isCallExpression(value) || value.questionDotToken) return undefined;
  const callee = skipParens(ts, value.expression);
  if (!ts.isPropertyAccessExpression(callee) || !COPY_OF_RECEIVER.has(callee.name.text) || callee.questionDotToken) return undefined;
  const receiver = skipParens(ts, callee.expression);
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  return rootIdentifier(ts, receiver) ?? copiedReceiver(ctx, receiver, depth + 1);
}
