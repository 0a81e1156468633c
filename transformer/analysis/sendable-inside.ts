/**
 * What cannot travel *inside* a task call's argument, judged from types: an instance of a class no worker can import
 * (sendable.ts unsendableClass) held in an array, a tuple, a Map or Set, or a field of the program's objects
 * (`[new P(1)]` passed where the task takes `{ x: number }[]`). The runtime would refuse such a value at the call;
 * the plugin keeps the call direct with the reason instead. Only classes are looked for inside: a function-typed
 * field is often optional or absent at run time, and a call kept direct for it would cost parallelism for nothing.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { unsendableClass, unsendableType } from './sendable';
import { contentsOfType, isHolderType } from './type-contents';

/** How deep into nested types to look: a class instance is rarely held deeper, and the walk stays cheap. */
const DEPTH = 6;
/** Per type: why something inside it cannot travel, or null when nothing can be found (types are per program). */
const memo = new WeakMap<ts.Type, string | null>();

/**
 * Why the argument cannot travel, said after "argument `x`": "is …" (its own type, sendable.ts) or "holds …"
 * (something inside it, by its type or, in an array or object literal, by each element's own type).
 */
export function unsendableArgument(ctx: AnalysisContext, arg: ts.Expression): string | undefined {
  const own = unsendableType(ctx, ctx.checker.getTypeAtLocation(arg));
  if (own) return `is ${own}`;
  const inside = heldInLiteral(ctx, arg) ?? unsendableInside(ctx, ctx.checker.getTypeAtLocation(arg));
  return inside ? `holds ${inside}` : undefined;
}

/** An array or object literal's elements, each by its own type (a literal may be typed by its context instead). */
function heldInLiteral(ctx: AnalysisContext, node: ts.Expression): string | undefined {
  const { ts } = ctx;
  const parts: ts.Expression[] = ts.isArrayLiteralExpression(node) ? node.elements.map((e) => (ts.isSpreadElement(e) ? e.expression : e))
    : ts.isObjectLiteralExpression(node) ? node.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer]
      : ts.isShorthandPropertyAssignment(p) ? [p.name] : ts.isSpreadAssignment(p) ? [p.expression] : []))
    : [];
  for (const part of parts) {
    const type = ctx.checker.getTypeAtLocation(part);
    const why = heldInLiteral(ctx, part) ?? unsendableClassIn(ctx, type) ?? unsendableInside(ctx, type);
    if (why) return why;
  }
  return undefined;
}

const unsendableClassIn = (ctx: AnalysisContext, type: ts.Type): string | undefined =>
  (type.isUnion() ? type.types : [type]).map((t) => unsendableClass(ctx, t)).find((why) => why !== undefined);

/** Why a class instance held (at any depth up to DEPTH) by a value of this type cannot travel, or undefined. */
export function unsendableInside(ctx: AnalysisContext, type: ts.Type): string | undefined {
  const known = memo.get(type);
  if (known !== undefined) return known ?? undefined;
  const visited = new Set<ts.Type>();
  let truncated = false;
  const walk = (t: ts.Type, depth: number): string | undefined => {
    const seen = memo.get(t);
    if (seen !== undefined) return seen ?? undefined;
    if (visited.has(t)) return undefined; // a recursive type: its other parts are being looked at
    if (depth > DEPTH) { truncated = true; return undefined; }
    visited.add(t);
    for (const inner of isOpaque(ctx, t) ? [] : contentsOfType(ctx, t)) {
      const why = unsendableClass(ctx, inner) ?? walk(inner, depth + 1);
      // Found along a real path: true of `t` whatever else is undecided, so it may be remembered at once.
      if (why) { memo.set(t, why); return why; }
    }
    return undefined;
  };
  const why = walk(type, 0);
  // Nothing found in a complete walk: nothing is inside any type it visited (each one's contents were all seen).
  if (!why && !truncated) for (const t of visited) memo.set(t, null);
  return why;
}

/** A library or package type that is not a container: what it holds is not the program's objects. */
function isOpaque(ctx: AnalysisContext, type: ts.Type): boolean {
  if (type.isUnionOrIntersection() || isHolderType(ctx, type)) return false;
  const declarations = type.getSymbol()?.declarations ?? [];
  return declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile);
}
