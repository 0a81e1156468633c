/**
 * A name that is an array wherever it is read, known from its declaration (context.ts isPrimitiveNode): the checker's
 * type at a place follows the control flow there afresh, the first time each place is asked, and most names the
 * analysis asks about are a function's arrays (`values: Float64Array`, `const sink: number[] = []`).
 */
import type * as ts from 'typescript';
import { declaredByLibrary, isTypedArrayType, symbolOf, type AnalysisContext } from './context';

/**
 * A variable or parameter declared an array, a tuple or a typed array. Narrowing gives a place the declared type, a
 * part of it or `never`, or its intersection with what a test names (`typeof a === 'string'`: `number[] & string`):
 * never a primitive, since no primitive is assignable to an array (each lacks `push`, `buffer`…). Not a name that is
 * also a type (`const X = …; type X = number`), which may stand for that type.
 */
export function isDeclaredArray(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts, checker } = ctx;
  const symbol = ts.isIdentifier(node) ? symbolOf(ctx, node) : undefined;
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Variable) || symbol.flags & ts.SymbolFlags.Type) return false;
  const type = checker.getTypeOfSymbol(symbol);
  return checker.isArrayType(type) || checker.isTupleType(type) || (type.flags === ts.TypeFlags.Object && isTypedArrayType(ctx, type) && declaredByLibrary(ctx, type.getSymbol()));
}
