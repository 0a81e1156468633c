/**
 * Call-site sensitivity for callbacks (issue 16 item 6): a call handing a callee a function of the program by name
 * (`arrayAggregator(collection, setter, iteratee, accumulator)` with `setter` a known function, or a factory parameter
 * bound to one and handed on) gets the callee's summary with that parameter bound to the function, as a made closure's
 * factory parameters are bound (bound-factory.ts). A call of the parameter in the callee (`setter(accumulator, value,
 * key, array)`) then has that function's effects parameter by parameter (bound-calls.ts): writing the accumulator it
 * is given writes the accumulator, not every argument of the call, as code of unknown effect did. Without it a callback
 * that writes anything at all made the callee's reading-callbacks summary unusable, and so every argument written.
 *
 * The binding is one more link of the chain `Summaries.made` is keyed by: the call itself, whose "factory" is the
 * callee (its own parameters bound from this call's arguments), after the factory calls the callee comes out of and,
 * when an argument hands on a parameter bound in the calling closure, the chain that closure was bound by.
 *
 * Sound for the same reasons as bound-factory.ts: only a parameter the callee never reassigns (nor through its own
 * `arguments`) is bound, to a function the argument names for certain (functionOfExpression follows constant names
 * only), and only for this call's summary. A function written at the call is left out: the reading-callbacks summary
 * already analyses it in the caller's body, with everything it captures.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import { rootIdentifier, skipParens } from './expressions';
import { functionOfExpression, type FactoryCall } from './function-of-symbol';
import { argumentOf } from './param-effects';
import { boundOf, chainOf, fixedParameter, type Bindings } from './bound-factory';
import { symbolOf } from './context';

/** Chains longer than this are not extended: each link is one more summary of the callee. */
const MAX_CHAIN = 4;

/**
 * The chain to summarise `target` under for this call, its own parameters bound to functions the call names; undefined
 * when no argument names one (the summaries without it hold). `targetVia`: the factory calls the callee comes out of.
 */
/**
 * `assumed`: what the callee's reading-callbacks summary (unbound) assumed; only a parameter among them can make a
 * difference once bound (the bound summary is asked only when that one could not be used).
 */
export function callBoundChain(ctx: AnalysisContext, call: ts.CallExpression, target: FunctionLike, callerBindings: Bindings | undefined,
  targetVia: readonly FactoryCall[] | undefined, assumed: ReadonlyMap<ts.Node, unknown> | undefined): FactoryCall[] | undefined {
  const { ts } = ctx;
  if (!target.body || ts.isConstructorDeclaration(target)) return undefined;
  let names = false;
  let handsOn = false;
  for (const param of target.parameters) {
    const index = argumentOf(target, param);
    if (index < 0 || call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) continue;
    const arg = call.arguments[index];
    if (!arg || !assumed?.has(param) || !fixedParameter(ctx, param)) continue;
    const value = skipParens(ts, arg);
    // (Written here: analysed in the caller's body already, under the reading-callbacks summary.)
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) continue;
    if (boundOf(ctx, callerBindings, value)) { names = true; handsOn = true; continue; }
    if (namesFunction(ctx, value)) names = true;
  }
  if (!names) return undefined;
  const outer = handsOn ? chainOf(callerBindings) ?? [] : [];
  const chain = [...outer, ...(targetVia ?? []), { call, factory: target }];
  return chain.length <= MAX_CHAIN ? chain : undefined;
}

/** The argument names a function of the program for certain (not a part of a parameter, which may hold anything). */
function namesFunction(ctx: AnalysisContext, value: ts.Expression): boolean {
  const { ts } = ctx;
  if (!ts.isIdentifier(value) && !ts.isPropertyAccessExpression(value)) return false;
  const root = rootIdentifier(ts, value);
  const declaration = root && symbolOf(ctx, root)?.valueDeclaration;
  if (!declaration || ts.isParameter(declaration)) return false;
  const fn = functionOfExpression(ctx, value, 0);
  return fn?.body !== undefined && !ts.isMethodDeclaration(fn) && !ts.isConstructorDeclaration(fn);
}
