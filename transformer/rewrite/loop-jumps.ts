/**
 * Jumps in a loop body that a split (split-loops.ts) must know of: a `break` or `continue` that ends a pass between
 * two of its task calls would leave some of a pass's calls made and others not.
 */
import type * as ts from 'typescript';

/**
 * A `break` or `continue` of this loop between the first call's statement and the last call: a pass could make some
 * of its calls and not the others, and the second pass takes them in order.
 */
export function skipsBetween(t: typeof ts, loop: ts.IterationStatement, from: number, to: number): boolean {
  let found = false;
  const visit = (n: ts.Node, ownsBreak: boolean, ownsContinue: boolean): void => {
    if (found || t.isFunctionLike(n)) return;
    const leaves = (t.isBreakStatement(n) || t.isContinueStatement(n)) && n.label && !labelledWithin(t, n, loop.statement);
    if ((t.isBreakStatement(n) && (ownsBreak || leaves)) || (t.isContinueStatement(n) && (ownsContinue || leaves))) {
      if (n.getStart() >= from && n.getStart() < to) found = true;
      return;
    }
    const inner = t.isIterationStatement(n, false);
    t.forEachChild(n, (c) => visit(c, ownsBreak && !inner && !t.isSwitchStatement(n), ownsContinue && !inner));
  };
  t.forEachChild(loop.statement, (c) => visit(c, true, true));
  return found;
}

/**
 * The statement a `break label` or `continue label` goes to lies inside `body` (an inner loop's label). Otherwise it
 * ends the pass (`continue rows` of the outer loop: tester #17's r11), as a `break` does: the second pass runs in a
 * `try` whose `finally` dismisses the calls not taken.
 */
function labelledWithin(t: typeof ts, jump: ts.BreakOrContinueStatement, body: ts.Node): boolean {
  for (let n: ts.Node | undefined = jump.parent; n && n !== body; n = n.parent) {
    if (t.isLabeledStatement(n) && n.label.text === jump.label!.text) return true;
  }
  return false;
}
