/**
 * Code the language runs where no call is written, as fences judge it (observations.ts) and closed functions exclude it
 * (parameters.ts): a getter read by a destructuring pattern, an iterator or generator resumed, a program's
 * `[Symbol.hasInstance]` run by `instanceof`. Each may read what fenced tasks write (np47's F1-F3).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';
import { runtimeShapes, type RuntimeShapes } from './runtime-shapes';
import { isOverridable, isPlainDataSymbol } from './library-uses';
import { skipTransparent } from './syntax';

/** The methods that resume an iterator or a generator. */
export const ITERATOR_STEPS = new Set(['next', 'return', 'throw']);

/**
 * `const { backlog } = status`, `({ snapshot: s } = mon)`, `({ name }: Series) => …`: an object pattern reads each
 * property it names as `status.backlog` does, so a getter's code runs (np47's F1: a getter reading what a fenced task
 * wrote ran before the fence). A rest element copies every own property: any accessor may run.
 */
export function patternReadsAccessor(ctx: AnalysisContext, shapes: RuntimeShapes,
  pattern: ts.BindingPattern | ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, type: ts.Type): boolean {
  const { ts } = ctx;
  if (!ts.isObjectBindingPattern(pattern) && !ts.isObjectLiteralExpression(pattern)) return false;
  const names: (ts.PropertyName | undefined)[] = ts.isObjectBindingPattern(pattern)
    ? pattern.elements.map((e) => (e.dotDotDotToken ? undefined : e.propertyName ?? (e.name as ts.Identifier)))
    : pattern.properties.map((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? p.name : undefined));
  // (A library class the program extends, `class Counted extends Map { get size() … }`, may override a getter: rev61's F7.)
  if (isOverridable(shapes, type)) return true;
  const all = () => ctx.checker.getPropertiesOfType(type).some((p) => !isPlainDataSymbol(ctx, shapes, p)) || shapes.hiddenAccessors;
  return names.some((name) => {
    if (!name || ts.isComputedPropertyName(name) || ts.isPrivateIdentifier(name)) return all();
    const property = ctx.checker.getPropertyOfType(type, ts.isIdentifier(name) ? name.text : name.getText().replace(/^['"]|['"]$/g, ''));
    return property ? !isPlainDataSymbol(ctx, shapes, property) : shapes.hiddenAccessors;
  });
}

/**
 * An iterator made before this point (`const cursor = jobs[Symbol.iterator]()`, a generator object): taking its next
 * element runs the generator's code or reads the array it walks now, whatever its type says (np47's F2). One made
 * where it is used (`for (const v of m.values())`) reads what its maker's call was judged to read.
 */
export function resumesIterator(ctx: AnalysisContext, value: ts.Expression): boolean {
  const { ts } = ctx;
  const inner = skipTransparent(ts, value);
  const type = ctx.checker.getTypeAtLocation(inner);
  if (ts.isCallExpression(inner) || ts.isArrayLiteralExpression(inner) || ctx.checker.isArrayType(type)) return false;
  const next = type.getProperty('next');
  return next !== undefined && ctx.checker.getTypeOfSymbol(next).getCallSignatures().length > 0;
}

/**
 * `x instanceof C` may run the program's code: the program names `Symbol.hasInstance` at all (a static one, or one
 * defined at run time, rev61's F7), or C's type says nothing of what it is (`any`, `Function`: no constructor), or C
 * (or a base) declares one (np47's min-hasinstance).
 */
export function runsHasInstance(ctx: AnalysisContext, right: ts.Expression): boolean {
  if (runtimeShapes(ctx).hasInstance) return true;
  // (Through a cast too, `instanceof (Even as any)`.)
  return [right, skipTransparent(ctx.ts, right)].some((e) => {
    const type = ctx.checker.getTypeAtLocation(e);
    return (type.flags & (ctx.ts.TypeFlags.Any | ctx.ts.TypeFlags.Unknown)) !== 0 || type.getConstructSignatures().length === 0 ||
      ctx.checker.getPropertiesOfType(type).some((p) =>
      String(p.escapedName).startsWith('__@hasInstance') && !(p.declarations ?? []).every((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile())));
  });
}
