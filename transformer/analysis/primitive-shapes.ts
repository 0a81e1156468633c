/**
 * Types whose values hold nothing but primitives: `number`, `string[]`, `Record<string, number>`, `{ labels: string[];
 * counts: Float64Array }`, `[number, number][]`, `Map<string, number>`. A task whose result is of such a type hands
 * back no object and no function: what a function value inside it held (a callback of `group(orders, o => o.c)`)
 * cannot come back in it (task-params.ts). Instances of classes (methods) and anything deeper than a few levels are
 * not taken to be.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, isTypedArrayType, type AnalysisContext } from './context';

const MAX_DEPTH = 4;
const KEYED = /^(Readonly)?(Map|Set)$/;

export function holdsOnlyPrimitives(ctx: AnalysisContext, type: ts.Type, depth = 0): boolean {
  const { ts, checker } = ctx;
  if (isPrimitiveType(ctx, type)) return true;
  if (depth > MAX_DEPTH) return false;
  if (type.isUnion()) return type.types.every((t) => holdsOnlyPrimitives(ctx, t, depth + 1));
  if ((type.flags & ts.TypeFlags.Object) === 0) return false;
  if (isTypedArrayType(ctx, type)) return true;
  if (checker.isArrayType(type) || checker.isTupleType(type) || KEYED.test(type.getSymbol()?.getName() ?? '')) {
    const members = checker.getTypeArguments(type as ts.TypeReference);
    return members.length > 0 && members.every((t) => holdsOnlyPrimitives(ctx, t, depth + 1));
  }
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
  if (!checker.getIndexInfosOfType(type).every((info) => holdsOnlyPrimitives(ctx, info.type, depth + 1))) return false;
  return checker.getPropertiesOfType(type).every((p) => !(p.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Accessor)) &&
    holdsOnlyPrimitives(ctx, checker.getTypeOfSymbol(p), depth + 1));
}
