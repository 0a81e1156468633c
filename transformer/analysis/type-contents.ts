/**
 * What a value of a type holds, as types: an array's or tuple's elements, a Map's keys and values, a Set's items, the
 * program's objects' fields and index signatures. One notion for every analysis that looks inside a value by its
 * type (what fenced tasks may write, written-types.ts; what cannot travel inside an argument, sendable-inside.ts).
 */
import type * as ts from 'typescript';
import { isTypedArrayType, type AnalysisContext } from './context';

/** Library containers whose type arguments are what they hold. */
export const HOLDERS = new Set(['Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'WeakMap', 'WeakSet', 'Promise',
  'Iterable', 'IterableIterator', 'Iterator', 'MapIterator', 'SetIterator', 'ArrayIterator', 'Generator']);

/** Whether the type is an array, a tuple or one of HOLDERS: what it holds is its type arguments. */
export function isHolderType(ctx: AnalysisContext, type: ts.Type): boolean {
  return ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type) || HOLDERS.has(type.getSymbol()?.getName() ?? '');
}

/** The types of what a value of this type holds (a union's or intersection's members count as held). */
export function contentsOfType(ctx: AnalysisContext, type: ts.Type): ts.Type[] {
  const { ts, checker } = ctx;
  if (type.isUnionOrIntersection()) return [...type.types];
  if (!(type.flags & ts.TypeFlags.Object)) return [];
  if (isHolderType(ctx, type)) return (type as ts.TypeReference).target ? [...checker.getTypeArguments(type as ts.TypeReference)] : [];
  // A typed array holds numbers (its `buffer` is its own memory, no object a task hands back into).
  if (isTypedArrayType(ctx, type)) return [];
  const declarations = type.getSymbol()?.declarations ?? [];
  // The library's other objects (Date, RegExp, Error…) hold nothing a task hands back into; its generic shapes
  // (`Record<string, Acc>`, `Partial<T>`, `Pick<T, K>`, `ArrayLike<T>`) hold what they are given (tester #12's m05).
  const generic = (type as ts.ObjectType).objectFlags & (ts.ObjectFlags.Mapped | ts.ObjectFlags.Reference) ||
    (type.aliasTypeArguments?.length ?? 0) > 0 || checker.getIndexInfosOfType(type).length > 0;
  if (!generic && declarations.length > 0 &&
    declarations.every((d) => d.getSourceFile().isDeclarationFile && ctx.program.isSourceFileDefaultLibrary(d.getSourceFile()))) return [];
  const fields = checker.getPropertiesOfType(type).filter((p) => !(p.flags & ts.SymbolFlags.Method))
    .map((p) => checker.getTypeOfSymbol(p));
  return [...fields, ...checker.getIndexInfosOfType(type).map((info) => info.type)];
}
