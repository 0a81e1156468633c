/**
 * A module object a function names only to look a primitive up in it (`WEIGHTS.get(k)`, `SEEN.has(x)`, the standard
 * library's Map/Set methods): nothing of the object flows anywhere there, so no name the function has can write it or
 * store a parameter in it. module-writes.ts then need not follow it as a root of the function's effects (that analysis
 * of the whole function again was most of what a task reading a lookup table cost).
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, type AnalysisContext } from './context';
import { isBuiltinMethodCall } from './builtin-callees';

const LOOKUPS = new Set(['get', 'has']);

/** `ref` (a reference to a module object) is the receiver of a built-in `get`/`has` whose result is a primitive. */
export function isPrimitiveLookup(ctx: AnalysisContext, ref: ts.Identifier): boolean {
  const { ts } = ctx;
  const access = ref.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== ref || !LOOKUPS.has(access.name.text)) return false;
  const call = access.parent;
  return ts.isCallExpression(call) && call.expression === access && isBuiltinMethodCall(ctx, call) && isPrimitiveNode(ctx, call);
}
