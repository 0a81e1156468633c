/**
 * New arrays of the same objects as a named array's: the copies aliases.ts makes holders of the original's objects.
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, qualifiedName, type AnalysisContext } from '../analysis/context';
import { skipTransparent } from './syntax';
import { isLibrary } from './library-uses';
import { RETURNS_RECEIVER } from './fresh';

/** The language's array methods whose new array holds some of the receiver's elements and nothing else. */
const ELEMENT_COPIES = new Set(['slice', 'filter', 'toSorted', 'toReversed']);

/**
 * `jobs.slice()`, `jobs.filter(f)`, `[...jobs]`, `Array.from(jobs)`: a new array of the same objects as a named one's
 * (np43's p03: `const byName = jobs.slice().sort(…); byName[0].done = false`). Not the array itself, but its holder:
 * one group, whose waits walk into the elements, as `list.push(...src)` makes list (aliases.ts storedInto).
 */
export function elementsCopiedFrom(ctx: AnalysisContext, value: ts.Expression, isFileLocal: (id: ts.Identifier) => boolean): ts.Identifier | undefined {
  const { ts } = ctx;
  let copy = value;
  // (`jobs.slice().sort(…)`: sorting the copy in place hands back the copy.)
  while (ts.isCallExpression(copy) && ts.isPropertyAccessExpression(copy.expression) && RETURNS_RECEIVER.has(copy.expression.name.text) &&
    isLibrary(ctx, copy.expression)) copy = skipTransparent(ts, copy.expression.expression);
  let source: ts.Expression | undefined;
  if (ts.isCallExpression(copy) && ts.isPropertyAccessExpression(copy.expression) && ELEMENT_COPIES.has(copy.expression.name.text) &&
    isLibrary(ctx, copy.expression)) source = copy.expression.expression;
  else if (ts.isArrayLiteralExpression(copy) && copy.elements.length === 1 && ts.isSpreadElement(copy.elements[0])) source = copy.elements[0].expression;
  else if (ts.isCallExpression(copy) && copy.arguments.length === 1 && qualifiedName(ts, copy.expression) === 'Array.from') source = copy.arguments[0];
  const named = source && skipTransparent(ts, source);
  if (!named || !ts.isIdentifier(named) || !isFileLocal(named) || hasPrimitiveElements(ctx, named)) return undefined;
  return ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(named)) ? named : undefined;
}
