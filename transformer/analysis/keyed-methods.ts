/**
 * The method names a call through a computed key names (`a['reverse']()`, `a[K](f)` with a constant `K = 'some'`, and in
 * a closure a factory made, `obj[prop](iterate, context)` with the factory call's `prop` = 'some': xe-utils'
 * helperCreateIterateHandle). Such a call on the caller's data runs that built-in: call-kinds.ts (whether it is a
 * caller's method that leaves its object alone) and call-effects.ts (a callback method's elements and `this` argument)
 * judge it by these names as they judge `a.some(f, ctx)`.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { methodKeys } from './caller-iterators';
import { boundKeyOf, type Bindings } from './bound-factory';

/** The names `callee` (an element access) may call by; undefined when the key is not known. */
export function calledKeys(ctx: AnalysisContext, callee: ts.ElementAccessExpression, bindings: Bindings | undefined): string[] | undefined {
  const known = methodKeys(ctx, callee.argumentExpression);
  if (known) return known;
  // (Bound only where the factory never reassigns the parameter: bound-factory.ts fixedParameter.)
  const bound = boundKeyOf(ctx, bindings, callee.argumentExpression);
  return bound === undefined ? undefined : [bound];
}
