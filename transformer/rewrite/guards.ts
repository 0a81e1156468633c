/**
 * Which conditions decide whether an expression is evaluated: `j.n ? spin(j.n) : undefined` evaluates `spin(j.n)`
 * when `j.n` is truthy, `a && f(x)` when `a` is, `a || f(x)` when it is not, `a ?? f(x)` when it is nullish, and
 * `a ??= f(x)`, `a ||= f(x)`, `a &&= f(x)` as those.
 *
 * A pass that submits calls ahead of their turn (split-callbacks.ts) may make a guarded call only where its plain
 * turn would make it: it evaluates the same conditions first, which tells the same when they only read what nothing
 * between the two passes changes (the caller checks that: only-reads.ts isSimpleArgument).
 */
import type * as ts from 'typescript';

export interface Guard {
  readonly condition: ts.Expression;
  /** What the condition's value must be for the guarded expression to be evaluated. */
  readonly holds: 'truthy' | 'falsy' | 'nullish';
}

/**
 * The guards of `node` inside `root`, outermost first (none: it is evaluated whenever `root` is); undefined when it
 * sits after a `?.`, whose short-circuit skips more than one expression.
 */
export function guardsOf(t: typeof ts, node: ts.Node, root: ts.Node): Guard[] | undefined {
  const guards: Guard[] = [];
  for (let n: ts.Node = node; n !== root; n = n.parent) {
    const parent = n.parent;
    if (t.isConditionalExpression(parent) && parent.condition !== n) {
      guards.push({ condition: parent.condition, holds: parent.whenTrue === n ? 'truthy' : 'falsy' });
    } else if (t.isBinaryExpression(parent) && parent.right === n) {
      const op = parent.operatorToken.kind;
      // (`cache[k] ??= slow(k)` too: the assignment evaluates its right side only as `??` would.)
      const K = t.SyntaxKind;
      if (op === K.AmpersandAmpersandToken || op === K.AmpersandAmpersandEqualsToken) guards.push({ condition: parent.left, holds: 'truthy' });
      else if (op === K.BarBarToken || op === K.BarBarEqualsToken) guards.push({ condition: parent.left, holds: 'falsy' });
      else if (op === K.QuestionQuestionToken || op === K.QuestionQuestionEqualsToken) guards.push({ condition: parent.left, holds: 'nullish' });
    } else if ((t.isPropertyAccessExpression(parent) || t.isElementAccessExpression(parent) || t.isCallExpression(parent)) && parent.questionDotToken) {
      return undefined;
    }
  }
  return guards.reverse();
}

/** The node is evaluated whenever `root` is: not on one side of `?:`, `&&`, `||`, `??` (or their assignments), nor after a `?.`. */
export function evaluatedAlways(t: typeof ts, node: ts.Node, root: ts.Node): boolean {
  return guardsOf(t, node, root)?.length === 0;
}

/**
 * The `if` branches a statement stands in (directly, or in a block that is the branch), outermost first, with the
 * outermost such `if` (`top`; the statement itself when it is in none): `if (n % 2) log(work(n)); else log(work(-n))`
 * makes the first call when `n % 2` is truthy, the second when it is falsy.
 */
export function enclosingBranches(t: typeof ts, statement: ts.Statement): { top: ts.Statement; guards: Guard[] } {
  const guards: Guard[] = [];
  let top = statement;
  for (;;) {
    const branch: ts.Node = t.isBlock(top.parent) && t.isIfStatement(top.parent.parent) ? top.parent : top;
    const parent = branch.parent;
    if (!t.isIfStatement(parent) || parent.expression === branch) break;
    guards.push({ condition: parent.expression, holds: parent.thenStatement === branch ? 'truthy' : 'falsy' });
    top = parent;
  }
  return { top, guards: guards.reverse() };
}

/** `g1 && g2`, each guard as a test of its condition (`!(c)`, `(c) == null`), for code emitted in the guarded one's place. */
export function guardTest(t: typeof ts, f: ts.NodeFactory, guards: readonly Guard[], condition: (guard: Guard) => ts.Expression): ts.Expression {
  const tests = guards.map((guard): ts.Expression => {
    const value = f.createParenthesizedExpression(condition(guard));
    return guard.holds === 'truthy' ? value
      : guard.holds === 'falsy' ? f.createLogicalNot(value)
      : f.createBinaryExpression(value, t.SyntaxKind.EqualsEqualsToken, f.createNull());
  });
  return tests.reduce((all, test) => f.createLogicalAnd(all, test));
}
