/**
 * A container made in the very expression that uses it, holding nothing of anyone else: a store into it (or a callee
 * keeping something in it) lets nothing out of the function by itself, since no other name reaches it and its
 * contents are its own. One notion for effect-recorder.ts (a store target), program-calls.ts (a literal argument a
 * callee lets go of), fresh-results.ts (`Object.assign`'s target) and a task's fresh locals.
 *
 * Made here: `[]`, `[0, 'a', [1]]`, `{ n: 0, rows: [] }` (plain data properties only: an accessor or a method is code
 * that can put a value anywhere, rev61's F2; an element or property holding an outside object, `[store]`, is where
 * a callee may store into, rev61's F3), `new Map()`, `new Array(3)` (a built-in container given nothing but
 * primitives), and such a container filled as it is made (`new Set().add(a).add(b)`, `new Array(n).fill(p)`).
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, type AnalysisContext } from './context';
import { skipParens } from './expressions';
import { isBuiltinContainer } from './function-values';
import { STORED_AND_RETURNED } from './builtins';
import { isBuiltinMethodCall } from './builtin-callees';

export function isMadeHere(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  const made = skipParens(ts, expr);
  const ownPart = (e: ts.Expression): boolean => isPrimitiveNode(ctx, e) || isMadeHere(ctx, e);
  if (ts.isArrayLiteralExpression(made)) return made.elements.every((e) => !ts.isSpreadElement(e) && (ts.isOmittedExpression(e) || ownPart(e)));
  if (ts.isObjectLiteralExpression(made)) {
    return made.properties.every((p) => (ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && p.name.getText() !== '__proto__' &&
      !/^['"]__proto__['"]$/.test(p.name.getText()) && ownPart(p.initializer)) || (ts.isShorthandPropertyAssignment(p) && ownPart(p.name)));
  }
  if (ts.isNewExpression(made)) return isBuiltinContainer(ctx, made) && (made.arguments ?? []).every((a) => !ts.isSpreadElement(a) && isPrimitiveNode(ctx, a));
  return ts.isCallExpression(made) && ts.isPropertyAccessExpression(made.expression) && STORED_AND_RETURNED.has(made.expression.name.text) &&
    isBuiltinMethodCall(ctx, made) && isMadeHere(ctx, made.expression.expression);
}
