/**
 * Whether a task that gives a parameter only to code of unknown effect (a library method, an undeclared function)
 * lets it out to its caller (ParamEffects.escapedKnown unset). Such code can hand the object, or a part of it, back
 * only through the task's result or through another argument: a library's own state lives in the worker, as it does
 * for any library call a task makes. So it is let out unless every other parameter holds no object and the result's
 * type has no place a part of the parameter could sit in: `total(xs): number { return _.sum(xs) }`, `unpack(data):
 * string`, `chunkNames(staff: Employee[], size: number): string[][]` (an Employee or Employee[] is no string[]) let
 * nothing out. A place typed `any`, `unknown`, `{}`, `object` or a type parameter may hold anything.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, type AnalysisContext, type FunctionLike } from './context';
import { contentsOfType } from './type-contents';

const DEPTH = 6;

/** Parameter `i` of `fn`, given only to unknown code, cannot reach the caller again (see the header). */
export function unknownCodeKeepsItInside(ctx: AnalysisContext, fn: FunctionLike, i: number): boolean {
  const signature = ctx.checker.getSignatureFromDeclaration(fn);
  const param = fn.parameters[i];
  if (!signature || !param) return false;
  if (!fn.parameters.every((p, j) => j === i || isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(p)))) return false;
  const declared = ctx.checker.getReturnTypeOfSignature(signature);
  const places = objectTypes(ctx, ctx.checker.getAwaitedType(declared) ?? declared);
  if (places === undefined) return false;
  const parts = objectTypes(ctx, ctx.checker.getTypeAtLocation(param));
  if (parts === undefined) return false;
  return places.every((place) => parts.every((part) => !ctx.checker.isTypeAssignableTo(part, place)));
}

/** The object types a value of `type` is or holds (undefined: one may be anything). */
function objectTypes(ctx: AnalysisContext, type: ts.Type): ts.Type[] | undefined {
  const { ts } = ctx;
  const found = new Set<ts.Type>();
  let open = false;
  const walk = (t: ts.Type, depth: number): void => {
    if (open || found.has(t) || depth > DEPTH) return;
    // (A place typed `{}` or `object` takes any part: isTypeAssignableTo says so. A type parameter's may be anything.)
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.NonPrimitive)) { open = true; return; }
    if (t.isUnionOrIntersection()) { for (const part of t.types) walk(part, depth); return; }
    if (!(t.flags & ts.TypeFlags.Object)) return;
    found.add(t);
    for (const inner of contentsOfType(ctx, t)) walk(inner, depth + 1);
  };
  walk(type, 0);
  return open ? undefined : [...found];
}
