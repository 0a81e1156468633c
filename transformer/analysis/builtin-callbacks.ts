/**
 * A built-in function passed where a callee takes a callback (d3-array's `nest(values, Array.from, identity, keys)`,
 * which calls `map(groups)`): it reads what it is given, but some call a function among their arguments
 * (`Array.from(xs, f)` calls f with xs's elements, `JSON.stringify(v, replacer)` calls replacer). Such a built-in only
 * reads what the callee gives it when no call of that callback parameter in the callee passes anything that may hold
 * a function at those positions; one that calls nothing only reads whatever it is given.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import { builtinName } from './builtin-callees';
import { isReadOnlyFunction } from './builtins';
import { mayHoldFunctions } from './function-values';
import { callsOfParameter } from './forwarded';

/** The positions of arguments a read-only built-in may call (by name; `TypedArray.from` as `Array.from`). */
function calledPositions(name: string): readonly number[] {
  if (/\.from$/.test(name)) return [1];
  if (name === 'JSON.stringify' || name === 'JSON.parse') return [1];
  if (/^Promise\./.test(name)) return [0]; // (resolves what it is given: a thenable's `then` runs)
  return [];
}

/** `value` is a read-only built-in that, as `param` of `target` is called there, calls no function it is given. */
export function quietBuiltinCallback(ctx: AnalysisContext, value: ts.Expression, target: FunctionLike, param: ts.ParameterDeclaration): boolean {
  const name = builtinName(ctx, value);
  // (Its result may hold what it was given, as a reading callback's may: callers' reach says so.)
  if (!name || !isReadOnlyFunction(name)) return false;
  const positions = calledPositions(name);
  if (positions.length === 0) return true;
  const calls = callsOfParameter(ctx, target, param);
  return calls !== undefined && calls.every((args) => positions.every((k) => {
    if (args.slice(0, k + 1).some((a) => ctx.ts.isSpreadElement(a))) return false;
    return args[k] === undefined || !mayHoldFunctions(ctx, ctx.checker.getTypeAtLocation(args[k]), 2);
  }));
}
