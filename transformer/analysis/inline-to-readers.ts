/**
 * `a.every((x, i) => eq(x, b[i]))` on a receiver nothing resolves (untyped JavaScript): the method's name is trusted
 * for its receiver (call-effects.ts trustsName), and the function written here is analysed in the caller's body, its
 * parameters bound to what the receiver and the arguments reach (reach-flow.ts). Handing it over gives the method
 * nothing more of what it captures than what it returns (`() => q`), which the built-in the name is trusted to be only
 * reads or puts in its result (`a.map(() => q)` holds q): the caller records that the call's result may be it. (A
 * callback that is not written here may be a writer of anything it captured: not this rule, commit 7daa3e2.) Without
 * it, moderndash's `firstArray.filter((e) => !restSet.has(e))` made what `restSet` was built from unknown code's.
 */
import type * as ts from 'typescript';
import { READING_METHODS } from './builtins';
import { skipParens } from './expressions';

/** `arg` is a function written in place, given to a method whose reading name is trusted here (`trustsName`). */
export function inlineToReadingName(t: typeof ts, call: ts.CallExpression, arg: ts.Expression | undefined, trustsName: () => boolean): boolean {
  const callee = skipParens(t, call.expression);
  const fn = arg && skipParens(t, arg);
  return fn !== undefined && (t.isArrowFunction(fn) || t.isFunctionExpression(fn)) && t.isPropertyAccessExpression(callee) &&
    READING_METHODS.has(callee.name.text) && trustsName();
}
