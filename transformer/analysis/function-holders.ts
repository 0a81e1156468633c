/**
 * Whether a value of a type may hold a function: a task whose result cannot (`number`, `string[]`,
 * `Record<string, number>`, `{ labels: string[]; counts: Float64Array }`, `Map<string, number>`) hands back no function,
 * so what only a function value inside it held (a callback of `group(orders, o => o.c)`) cannot come back in it
 * (task-params.ts). What a type holds is type-contents.ts's one notion; on top of it, a type with call signatures is
 * a function, one with methods or accessors may have its own closures, and `any`, `unknown`, `object`, `{}` or a type
 * parameter may be anything.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, isTypedArrayType, type AnalysisContext } from './context';
import { contentsOfType, isHolderType } from './type-contents';

export function mayHoldFunction(ctx: AnalysisContext, type: ts.Type, seen = new Set<ts.Type>()): boolean {
  const { ts, checker } = ctx;
  if (seen.has(type) || isPrimitiveType(ctx, type) || (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined))) return false;
  seen.add(type);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.NonPrimitive)) return true;
  if ((type.flags & ts.TypeFlags.Object) && !isHolderType(ctx, type) && !isTypedArrayType(ctx, type)) {
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return true;
    const properties = checker.getPropertiesOfType(type);
    if (properties.some((p) => p.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Accessor))) return true;
    if (properties.length === 0 && checker.getIndexInfosOfType(type).length === 0) return true;
  }
  return contentsOfType(ctx, type).some((inner) => mayHoldFunction(ctx, inner, seen));
}
