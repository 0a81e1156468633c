/**
 * A value taken apart where it stands into numbers and strings only: `const [first, second] = acc.list`,
 * `const { n, ...counts } = acc` (counts a record of numbers), `[...d.n]`, `Math.min(...a.history)`, `for (const x of acc.list)` of numbers,
 * `for (const k in acc)`. Nothing of the object outlives the statement but copies of primitives: a read, not an
 * escape (tester #13's s05). A pattern binding any object (`const [row] = grid`, `const { list, ...rest } = acc`,
 * a rest record holding an object) is an alias, left to the callers' other rules.
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, hasPrimitiveProperties, isPrimitiveNode, type AnalysisContext } from '../analysis/context';
import { iteratesPrimitives } from './read-in-place';

/** `outer` (a value with its wrappers) is only taken apart into primitives by its parent. */
export function takenApartIntoPrimitives(ctx: AnalysisContext, outer: ts.Expression): boolean {
  const { ts } = ctx;
  const parent = outer.parent;
  // The keys of a for…in are strings, read when the loop starts (iterated.ts keeps a task writing it inside direct).
  if (ts.isForInStatement(parent) && parent.expression === outer) return true;
  if (ts.isForOfStatement(parent) && parent.expression === outer) {
    const list = parent.initializer;
    return ts.isVariableDeclarationList(list) && list.declarations.every((d) => bindsPrimitives(ctx, d.name));
  }
  // `[...d.n]`, `Math.min(...a.history)`: numbers copied into a new array or a call's arguments.
  if (ts.isSpreadElement(parent)) return hasPrimitiveElements(ctx, outer) || iteratesPrimitives(ctx, outer);
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer && !ts.isIdentifier(parent.name)) return bindsPrimitives(ctx, parent.name);
  return false;
}

/** Every name the pattern binds holds a primitive, or (a rest element) a fresh array or record of primitives. */
function bindsPrimitives(ctx: AnalysisContext, name: ts.BindingName): boolean {
  const { ts } = ctx;
  if (ts.isIdentifier(name)) return isPrimitiveNode(ctx, name);
  return name.elements.every((element) => {
    if (ts.isOmittedExpression(element)) return true;
    // `[a, ...rest]` copies the remaining elements into a new array, `{ n, ...rest }` the remaining own properties.
    if (element.dotDotDotToken && ts.isIdentifier(element.name)) {
      return isPrimitiveNode(ctx, element.name) || (ts.isArrayBindingPattern(name) ? hasPrimitiveElements(ctx, element.name) : hasPrimitiveProperties(ctx, element.name));
    }
    // A computed key may run code; a default is the program's own value, a primitive when the name is one.
    if (element.propertyName && ts.isComputedPropertyName(element.propertyName)) return false;
    return bindsPrimitives(ctx, element.name);
  });
}
