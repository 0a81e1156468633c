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
import { symbolOf, type AnalysisContext } from '../analysis/context';
import { runningFunction } from './syntax';

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

/**
 * The last use of an object, where it becomes part of another (`const holder = { list: [o, p] }` at the end of the
 * top level, tester np31's propsorder): after it nothing names the object again, so a wait there lets the calls before
 * it run as tasks. As for a return: every name of it is a local of one function (or an unexported top-level variable
 * of the file, used only by its top level), named only there or in callbacks an array method runs at once, and this
 * reference comes after all the others in the text, in no loop and no `try` (a `catch` or `finally` runs later), in a
 * function that neither yields nor awaits.
 */
export function usedLastHere(ctx: AnalysisContext, ref: ts.Identifier, references: (symbol: ts.Symbol) => readonly ts.Identifier[],
  groupOf: (symbol: ts.Symbol) => readonly ts.Symbol[]): boolean {
  const { ts } = ctx;
  const home = runningFunction(ctx, ref);
  if (home && (!ts.isFunctionLike(home) || (home as ts.FunctionLikeDeclaration).asteriskToken ||
    ts.getCombinedModifierFlags(home as ts.Declaration) & ts.ModifierFlags.Async)) return false;
  // (A callback an array method runs may run many times, as a loop's body does.)
  for (let n: ts.Node = ref; n.parent && n !== home; n = n.parent) {
    if (ts.isIterationStatement(n, false) || ts.isTryStatement(n) || ts.isFunctionLike(n)) return false;
  }
  const symbol = symbolOf(ctx, ref);
  if (!symbol) return false;
  return groupOf(symbol).every((member) => {
    const declaration = member.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || runningFunction(ctx, declaration) !== home) return false;
    if (!home && (!ts.isVariableStatement(declaration.parent.parent) || !ts.isSourceFile(declaration.parent.parent.parent) ||
      ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export)) return false;
    return references(member).every((use) => runningFunction(ctx, use) === home && use.getStart() <= ref.getStart());
  });
}

