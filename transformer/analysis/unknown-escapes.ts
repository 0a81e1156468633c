/**
 * Whether a task that lets a parameter out of its code (gives it to code of unknown effect, a library method; stores it
 * where a closure of its own keeps it; yields it from a generator of its own) lets it out to its caller. A task runs
 * in a worker: the object, or a part of it, can come back only through the task's result, through another argument
 * the task writes (copied back), or through module state the task keeps (which travels back: kept-state.ts); a
 * library's own state, and the task's closures, live and die in the worker. So it is let out unless every other
 * parameter holds no object or is only read, the task keeps no module state, and the result's type has no place a
 * part of the parameter could sit in: `total(xs): number { return _.sum(xs) }`, `unpack(data): string`,
 * `chunkNames(staff: Employee[], size: number): string[][]` (an Employee or Employee[] is no string[]), `diffCount(a, b):
 * number { return compare(a, b).length }` let nothing out (np44's F1-F3). A place typed `any`, `unknown`, `{}`, `object`
 * or a type parameter may hold anything.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, type AnalysisContext, type FunctionLike } from './context';
import { contentsOfType } from './type-contents';

const DEPTH = 6;

/**
 * Parameter `i` of task `fn`, let out of its code, cannot reach the caller again (see the header). `written(j)`:
 * parameter j may be written (it comes back to the caller).
 */
export function keptInsideTheTask(ctx: AnalysisContext, fn: FunctionLike, i: number, written: (j: number) => boolean): boolean {
  const signature = ctx.checker.getSignatureFromDeclaration(fn);
  const param = fn.parameters[i];
  if (!signature || !param) return false;
  if (!fn.parameters.every((p, j) => j === i || !written(j) || isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(p)))) return false;
  const declared = ctx.checker.getReturnTypeOfSignature(signature);
  const places = objectTypes(ctx, ctx.checker.getAwaitedType(declared) ?? declared);
  if (places === undefined) return false;
  // (A result holding no object, `number`, has no place for any part, whatever the parameter's type says.)
  if (places.length === 0) return true;
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
