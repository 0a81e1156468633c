/**
 * An iterator a caller's object hands out (`a.values()`, `a.entries()`, `a.keys()`, `a[Symbol.iterator]()`, with no
 * argument), as the reading-callbacks summary judges it (callbacks.ts): ramda's `_equals` passes `a.values()` to
 * `_uniqContentEquals`, whose `_arrayFromIterator(iter)` calls `iter.next()`, a method of what it was given; that
 * function's reading summary assumes its parameter holds only reading functions, and before this nothing in `_equals`
 * could make that good, so every ramda function comparing values (equals, includes, indexOf, difference...) was code
 * writing what it is given.
 *
 * The iterator comes out of a function the caller's object holds, called with nothing the caller did not give: under
 * the assumption that the object (as a whole) holds only reading functions, which the call of the enclosing function
 * must discharge like any other (data whose type holds no function: an array's or a typed array's built-in
 * iterators, whose `next` writes only the iterator itself), the iterator is taken to hold only readers too, and the
 * assumption is recorded on that parameter. Only these iteration methods, and only without arguments: a method given a
 * function (`a.map(mk)`) may return what that function makes, and `f.call(x)` returns what a reading function
 * returns, which may be a writer.
 */
import type * as ts from 'typescript';
import { rootIdentifier, skipParens } from './expressions';

const ITERATOR_METHODS = new Set(['values', 'entries', 'keys']);

/** The receiver whose iterator `value` is (`a` of `a.values()`, `o.k` of `o.k[Symbol.iterator]()`), else undefined. */
export function iteratedReceiver(t: typeof ts, value: ts.Expression): ts.Identifier | undefined {
  value = skipParens(t, value);
  if (!t.isCallExpression(value) || value.arguments.length > 0 || value.questionDotToken) return undefined;
  const callee = skipParens(t, value.expression);
  let receiver: ts.Expression | undefined;
  if (t.isPropertyAccessExpression(callee) && ITERATOR_METHODS.has(callee.name.text)) receiver = callee.expression;
  else if (t.isElementAccessExpression(callee) && isSymbolIterator(t, callee.argumentExpression)) receiver = callee.expression;
  if (!receiver || skipParens(t, receiver).kind === t.SyntaxKind.ThisKeyword) return undefined;
  return rootIdentifier(t, skipParens(t, receiver));
}

const isSymbolIterator = (t: typeof ts, key: ts.Expression): boolean => {
  key = skipParens(t, key);
  return t.isPropertyAccessExpression(key) && t.isIdentifier(key.expression) && key.expression.text === 'Symbol' && key.name.text === 'iterator';
};
