/**
 * `return out` of a function's own local (`const out = new Float64Array(n); fill(out.subarray(…)); return out`): the
 * object leaves the function there, after every use the function makes of it, so the return is one more read of it:
 * it waits for the tasks writing it (views included: the runtime finds a view's writes by the bytes it covers), and
 * the caller gets it finished, as the plain call gave it (tester #25's r19: every fill ran in place, "`out` escapes").
 *
 * That holds when no use of the object can come after the return: every name of it (its alias group) is a local of the
 * same function, named only there or in callbacks an array method runs at once, not in a generator or async function
 * (whose body resumes later), and the return is not inside a `try` with a `finally`, which runs after it.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext } from '../analysis/context';
import { isSynchronousCallback } from './syntax';

export function returnedAfterItsUses(ctx: AnalysisContext, ref: ts.Identifier, references: (symbol: ts.Symbol) => readonly ts.Identifier[],
  groupOf: (symbol: ts.Symbol) => readonly ts.Symbol[]): boolean {
  const { ts } = ctx;
  const statement = ref.parent;
  if (!ts.isReturnStatement(statement)) return false;
  const home = runningFunction(ctx, statement);
  if (!home || !ts.isFunctionLike(home) || (home as ts.FunctionLikeDeclaration).asteriskToken ||
    ts.getCombinedModifierFlags(home as ts.Declaration) & ts.ModifierFlags.Async) return false;
  for (let n: ts.Node = statement; n !== home; n = n.parent) {
    if (ts.isBlock(n) && ts.isTryStatement(n.parent) && n.parent.finallyBlock && n !== n.parent.finallyBlock) return false;
  }
  const symbol = symbolOf(ctx, ref);
  if (!symbol) return false;
  return groupOf(symbol).every((member) => {
    const declaration = member.valueDeclaration;
    return declaration !== undefined && ts.isVariableDeclaration(declaration) && runningFunction(ctx, declaration) === home &&
      references(member).every((use) => runningFunction(ctx, use) === home);
  });
}

/** The function whose run the node is part of: its own, or the one running the array method whose callback holds it. */
function runningFunction(ctx: AnalysisContext, node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (isFunctionLike(ctx, n) && !isSynchronousCallback(ctx.ts, n)) return n;
  }
  return undefined;
}
