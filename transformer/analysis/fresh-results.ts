/**
 * Calls whose result is a fresh value, by the built-in they run, where reach.ts would otherwise take the result to be
 * (a part of) what the call was given: a copying method run through `call` on its first argument
 * (`Array.prototype.slice.call(list, 0)`, ramda's sort and insert: a copy of list's slots, holding its elements), and
 * a method whose result holds no object at all (`s.split('')`, `x.toFixed(2)`: strings) on a receiver that is the
 * standard library's or that nothing resolves (untyped JavaScript, trusted by the name as call-effects.ts does).
 */
import type * as ts from 'typescript';
import { COPYING_METHODS } from './builtins';
import { isBuiltinMethodCall } from './builtin-callees';
import { hasPrimitiveElements, type AnalysisContext } from './context';
import { either, elementsOf, NOTHING, type Reach } from './reach-values';

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
  const method = name && /^\w+\.prototype\.(\w+)$/.exec(name)?.[1];
  if (method && PLAIN_COPIES.has(method) && ts.isPropertyAccessExpression(callee) && callee.name.text === 'call' && reaches.length > 0) {
    return hasPrimitiveElements(ctx, call) ? NOTHING : either(...reaches.map(elementsOf));
  }
  if (ts.isPropertyAccessExpression(callee) && PRIMITIVE_RESULTS.has(callee.name.text) &&
    (isBuiltinMethodCall(ctx, call) || ctx.checker.getResolvedSignature(call)?.declaration === undefined)) return NOTHING;
  return undefined;
}
