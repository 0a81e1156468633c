/**
 * What the result of a call through a factory-made function holds of an argument, specialised to the factory call
 * that made it (one level of context): lodash's `var nativeKeys = overArg(Object.keys, Object)` makes
 * `function (arg) { return func(transform(arg)); }`, whose own summary takes `func` for unknown code (its result may be
 * anything it was given, so `keys(object)` was `object` and getMatchData's `result[length] = …` wrote it: 22 lodash
 * parameters through baseIteratee). At this call `func` is `Object.keys`, whose result holds none of its argument.
 *
 * Only the plainest shape is specialised: every `return` of the closure calls a parameter of its factory, and at each
 * factory call naming it that parameter gets a built-in whose result holds nothing of what it is given.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { returnedExpressions, skipParens } from './expressions';
import { factoryCallOf, factoryCallsOf } from './factory-made';
import { builtinName } from './builtin-callees';

/** Built-ins whose result holds no object they were given: strings, numbers, booleans, or a fresh array of strings. */
const FRESH_RESULT_BUILTINS = new Set([
  'Object.keys', 'Object.getOwnPropertyNames', 'Object.getOwnPropertySymbols', 'String', 'Number', 'Boolean', 'JSON.stringify',
  'Array.isArray', 'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'Number.isInteger', 'Number.isFinite', 'Number.isNaN',
  'Object.is', 'Object.isFrozen', 'Object.isSealed', 'Object.isExtensible', 'Object.hasOwn', 'Math.max', 'Math.min',
  'Math.abs', 'Math.floor', 'Math.ceil', 'Math.round',
]);

/** The call's result holds nothing of its arguments, by the factory call that made its closure `target`. */
export function madeResultHoldsNothing(ctx: AnalysisContext, call: ts.CallExpression, target: FunctionLike): boolean {
  const { ts } = ctx;
  const returned = returnedExpressions(ts, target);
  if (returned.length === 0) return false;
  const chains = factoryCallsOf(ctx, call.expression, target);
  if (chains.length === 0) return false;
  return returned.every((value) => {
    const bare = skipParens(ts, value);
    if (!ts.isCallExpression(bare) || !ts.isIdentifier(bare.expression)) return false;
    const declaration = symbolOf(ctx, bare.expression)?.valueDeclaration;
    if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name)) return false;
    const factory = declaration.parent as FunctionLike;
    const position = factory.parameters.indexOf(declaration);
    // (The closure's own parameter is no factory's: only one of a function enclosing it.)
    if ((factory as ts.Node) === target || position < 0 || declaration.dotDotDotToken) return false;
    return chains.every((chain) => {
      const made = factoryCallOf(chain, factory);
      const given = made?.call.arguments[position];
      const name = given && !ts.isSpreadElement(given) ? builtinName(ctx, given) : undefined;
      return made !== undefined && made.call.arguments.slice(0, position).every((a) => !ts.isSpreadElement(a)) &&
        name !== undefined && FRESH_RESULT_BUILTINS.has(name);
    });
  });
}
