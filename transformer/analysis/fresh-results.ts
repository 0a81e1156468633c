/**
 * Calls whose result is a fresh value, by the built-in they run, where reach.ts would otherwise take the result to be
 * (a part of) what the call was given: a copying method run through `call` on its first argument
 * (`Array.prototype.slice.call(list, 0)`, ramda's sort and insert: a copy of list's slots, holding its elements), and
 * a method whose result holds no object at all (`s.split('')`, `x.toFixed(2)`: strings) on a receiver that is the
 * standard library's or that nothing resolves (untyped JavaScript, trusted by the name as call-effects.ts does); and
 * `Object.create(p)`, which holds p only as its prototype, and `Object.assign`'s target.
 */
import type * as ts from 'typescript';
import { isMadeHere } from './made-here';
import { COPYING_METHODS } from './builtins';
import { builtinName, isBuiltinMethodCall } from './builtin-callees';
import { skipParens } from './expressions';
import { hasPrimitiveElements, type AnalysisContext } from './context';
import { either, elementsOf, nest, NOTHING, type Reach } from './reach-values';

/** Copying methods whose copy holds only the receiver's (and arguments') elements, not what a callback returns. */
const PLAIN_COPIES = new Set([...COPYING_METHODS].filter((m) => m !== 'map' && m !== 'flatMap'));

/** Methods whose result holds no object: strings, numbers, booleans, or a fresh array of strings. */
const PRIMITIVE_RESULTS = new Set([
  'split', 'join', 'toString', 'toLocaleString', 'toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'substring',
  'substr', 'charAt', 'charCodeAt', 'codePointAt', 'padStart', 'padEnd', 'repeat', 'toFixed', 'toPrecision',
  'toExponential', 'indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'toISOString', 'toJSON', 'getTime',
]);

/** The result's reach when the call is one of the above; undefined otherwise. `reaches`: each argument's. */
export function freshResult(ctx: AnalysisContext, call: ts.CallExpression, name: string | undefined, reaches: readonly Reach[]): Reach | undefined {
  const { ts } = ctx;
  const callee = call.expression;
  // `Object.create(p)`: a fresh object whose prototype is p. Its own slots are not p's (`Object.assign(Object.create(p),
  // o)` writes neither p nor o); what it reads through them may be p's, as a part of it. (With property descriptors the
  // result holds their values too: left to the general rule.)
  if (name === 'Object.create' && call.arguments.length === 1 && !ts.isSpreadElement(call.arguments[0])) return nest(reaches[0]);
  // `Object.assign(target, ...sources)` hands back its target, now holding the sources' own values one level down (not
  // the sources themselves: writing the result's slots writes no source).
  if (name === 'Object.assign' && call.arguments.length > 0 && !call.arguments.some((a) => ts.isSpreadElement(a))) {
    return either(reaches[0], ...reaches.slice(1).map(elementsOf));
  }
  const method = name && /^\w+\.prototype\.(\w+)$/.exec(name)?.[1];
  if (method && PLAIN_COPIES.has(method) && ts.isPropertyAccessExpression(callee) && callee.name.text === 'call' && reaches.length > 0) {
    return hasPrimitiveElements(ctx, call) ? NOTHING : either(...reaches.map(elementsOf));
  }
  if (ts.isPropertyAccessExpression(callee) && PRIMITIVE_RESULTS.has(callee.name.text) &&
    (isBuiltinMethodCall(ctx, call) || ctx.checker.getResolvedSignature(call)?.declaration === undefined)) return NOTHING;
  return undefined;
}

/**
 * `Object.assign(target, …)` whose target is made right there (`{}`, `[]`: made-here.ts; `Object.create(p)`): what the sources hold is
 * stored into an object nothing else names, which the call hands back (its result's reach holds those values: above),
 * so storing them lets nothing out of the function by itself. Only Object.assign: another storing built-in's result
 * is not its target with the stored values (Reflect.set hands back a boolean).
 */
export function assignsIntoFresh(ctx: AnalysisContext, call: ts.CallExpression, name: string | undefined): boolean {
  const { ts } = ctx;
  const target = call.arguments[0] && skipParens(ts, call.arguments[0]);
  if (name !== 'Object.assign' || !target) return false;
  if (isMadeHere(ctx, target)) return true;
  // (`Object.create(proto)`, lodash's and es-toolkit's clone: a setter proto inherits would run, which is taken not to
  // keep what it is given.)
  return ts.isCallExpression(target) && builtinName(ctx, target.expression) === 'Object.create' && target.arguments.length === 1;
}
