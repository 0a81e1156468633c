/**
 * Methods the language calls with no call written, on objects of the program's classes: `toString` (`items.join()`,
 * a template, `String(x)`), `valueOf` and `[Symbol.toPrimitive]` (arithmetic, comparisons), `toJSON`
 * (`JSON.stringify`), `[Symbol.iterator]` (a spread, `for…of`, destructuring). A parameter holding an object whose
 * class has one that changes its object (`toString() { this.shown++; … }`) may be written by any of those uses, which
 * the effects walk cannot see as calls: it is taken as written (tester #29's F4: `names(items)` doing
 * `items.join(',')` was inferred `in`, and the counts its toString kept were lost). Rare in practice, and sound.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import { contentsOfType } from './type-contents';
import { objectUses } from './getters';

/** Methods the language calls with no call written. */
export const IMPLICITLY_CALLED = new Set(['toString', 'valueOf', 'toJSON', 'toLocaleString', '[Symbol.iterator]', '[Symbol.toPrimitive]', '[Symbol.asyncIterator]', 'then']);

/**
 * A method the language (or Node's console, util.inspect) calls by itself on an object: `toJSON`, `valueOf`,
 * `[Symbol.iterator]`, `[inspect.custom]` (np44's F12: console.log in a task ran one reading a module object).
 */
export function isImplicitlyCalled(name: ts.PropertyName): boolean {
  const text = name.getText();
  return IMPLICITLY_CALLED.has(text) || /^\[(\w+\.)*inspect\.custom\]$|nodejs\.util\.inspect\.custom/.test(text);
}

const perType = new WeakMap<ts.Type, ts.MethodDeclaration | null>();

/** A method the language may call unseen on what a value of this type holds, and that changes its object. */
export function implicitWriter(ctx: AnalysisContext, type: ts.Type, depth = 0): ts.MethodDeclaration | undefined {
  const known = perType.get(type);
  if (known !== undefined) return known ?? undefined;
  perType.set(type, null); // (a type that holds itself: no answer from inside)
  const { ts } = ctx;
  let found: ts.MethodDeclaration | undefined;
  for (const declaration of type.getSymbol()?.getDeclarations() ?? []) {
    if (!ts.isClassLike(declaration) || declaration.getSourceFile().isDeclarationFile) continue;
    found = declaration.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.body !== undefined &&
      isImplicitlyCalled(m.name) && objectUses(ctx, m as FunctionLike).length > 0);
    if (found) break;
  }
  if (!found && depth < 4) {
    for (const held of contentsOfType(ctx, type)) {
      found = implicitWriter(ctx, held, depth + 1);
      if (found) break;
    }
  }
  perType.set(type, found ?? null);
  return found;
}

/**
 * A value of this type may have a `then` the language calls (`await v`, an async function returning v) though its type
 * names none: `any`, `unknown`, `object`, a type parameter. Such a `then` is code of unknown effect on it (rev61's F6).
 */
export function mayHaveUntypedThen(ctx: AnalysisContext, type: ts.Type): boolean {
  const { ts } = ctx;
  if (type.isUnion()) return type.types.some((t) => mayHaveUntypedThen(ctx, t));
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.NonPrimitive)) !== 0;
}

/** The same, or its type has a `then`: what an async function returning it resolves to may not be it. */
export function mayBeThenable(ctx: AnalysisContext, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((t) => mayBeThenable(ctx, t));
  return mayHaveUntypedThen(ctx, type) || type.getProperty('then') !== undefined || ctx.checker.getApparentType(type).getProperty('then') !== undefined;
}
