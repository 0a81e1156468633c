/**
 * What a value's type says it can hold. A `Record<string, number>`, a `number[]` or a `Map<string, string>` holds no
 * object, so none of a parameter's parts; it is a parameter itself only if that parameter's type fits it. es-toolkit's
 * `mapValues(groupBy(orders, …), …)` is code the analysis may not see through, and its result was taken to be `orders`
 * (tester #17's r14: the task "may return its parameter", so its calls stayed direct).
 * A value a parameter reaches directly may also be a part of it (`return a[0]` of `a: number[][]`): a parameter fits
 * when the value's type fits it or one of its parts' types, else `first(from)[0] = 1` was not a write of `from`.
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, hasPrimitiveProperties, type AnalysisContext, type FunctionLike } from './context';
import type { Reach } from './reach-values';

const empty: ReadonlyMap<number, number> = new Map();

/** `reach` narrowed to what `value`'s type can hold: no parts when it holds only primitives, then only fitting parameters. */
export function heldByType(ctx: AnalysisContext, fn: FunctionLike, value: ts.Expression, reach: Reach): Reach {
  if (reach.direct.size === 0 && reach.contents.size === 0) return reach;
  // (A cast says nothing of what the value is: `opaque(m) as Record<string, number>` may be `m`.)
  const bare = ctx.ts.skipPartiallyEmittedExpressions(value);
  if (ctx.ts.isAsExpression(bare) || ctx.ts.isTypeAssertionExpression(bare) || ctx.ts.isParenthesizedExpression(bare)) return reach;
  const { checker } = ctx;
  const type = checker.getTypeAtLocation(value);
  // (A function, or an object type that lists nothing, `{}`, says nothing of what it holds.)
  const listsNothing = checker.getPropertiesOfType(type).length === 0 && checker.getIndexInfosOfType(type).length === 0;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0 || (listsNothing && !hasPrimitiveElements(ctx, value))) return reach;
  if (!hasPrimitiveElements(ctx, value) && !hasPrimitiveProperties(ctx, value)) return reach;
  const own = fn.parameters.length;
  // (Indices past the parameters are other roots the flow follows: kept as they are. Either way round, for a parameter
  // typed `unknown` or `object` returned through a cast.)
  const fits = (p: number): boolean => (partTypes(ctx, checker.getTypeAtLocation(fn.parameters[p])) ?? [type])
    .some((declared) => checker.isTypeAssignableTo(declared, type) || checker.isTypeAssignableTo(type, declared));
  const direct = new Set([...reach.direct].filter((p) => p >= own || fits(p)));
  return { direct, contents: empty as Reach['contents'] };
}

/**
 * A type and the types of its parts, a few levels down: its elements, its properties' types, its type arguments
 * (a Map's values), the members of a union. Past the bound, a type that may hold anything fits.
 */
function partTypes(ctx: AnalysisContext, root: ts.Type): ts.Type[] | undefined {
  const { checker } = ctx;
  const found: ts.Type[] = [];
  const seen = new Set<ts.Type>();
  let level: ts.Type[] = [root];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth >= 4 || found.length >= 64) return undefined;
    const next: ts.Type[] = [];
    for (const type of level) {
      if (seen.has(type)) continue;
      seen.add(type);
      found.push(type);
      if (type.isUnion() || type.isIntersection()) next.push(...type.types);
      const reference = type as ts.TypeReference;
      if (reference.target) next.push(...checker.getTypeArguments(reference));
      for (const info of checker.getIndexInfosOfType(type)) next.push(info.type);
      // (Methods are no parts; an array's own members are its methods and length.)
      for (const property of checker.getPropertiesOfType(type).slice(0, 32)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (!declaration || ctx.ts.isMethodDeclaration(declaration) || ctx.ts.isMethodSignature(declaration)) continue;
        next.push(checker.getTypeOfSymbolAtLocation(property, declaration));
      }
    }
    level = next;
  }
  return found;
}
