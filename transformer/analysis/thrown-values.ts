/**
 * What a `catch` binds, for reach-flow.ts: what its try block may throw, a value thrown there or an error a program
 * function it calls made around what it was given. Apart from reach-flow.ts's bindings because it is a question about
 * the program's functions (does a callee's own `throw` hold its parameters?), not about the function analysed.
 */
import type * as ts from 'typescript';
import { either, holding, all, NOTHING, type Reach } from './reach-values';
import { skipParens } from './expressions';
import { boundNames, calledFunction, isPrimitiveNode, type AnalysisContext } from './context';
import type { ValueOf } from './reach-flow';

/**
 * What a try block may throw: a value it throws, or an error a program function it calls made around what it was
 * given (one whose own `throw` names a parameter: `throw new RowError(row, …)`). Errors of other calls hold none of
 * their arguments (rev59's F3: every caught error was taken to hold every argument, and a task collecting them stayed
 * direct).
 */
export function thrownIn(ctx: AnalysisContext, values: ValueOf, block: ts.Block): Reach {
  const { ts } = ctx;
  const reaches: Reach[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isThrowStatement(node) && node.expression) reaches.push(values.of(node.expression));
    if (ts.isCallExpression(node) && throwsWhatItIsGiven(ctx, node)) {
      const given = [...node.arguments, ...(ts.isPropertyAccessExpression(node.expression) ? [node.expression.expression] : [])];
      for (const arg of given) if (!ts.isSpreadElement(arg)) reaches.push(holding(all(values.of(arg))));
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return reaches.length > 0 ? either(...reaches) : NOTHING;
}

/**
 * The call's callee is a program function whose own `throw` holds an object naming one of its parameters (or `this`):
 * `throw row`, `throw new RowError(row, msg)`; not `throw new Error(\`row ${row.id}\`)`, a string made of it.
 */
function throwsWhatItIsGiven(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = ctx;
  const callee = calledFunction(ctx, call);
  if (!callee?.body) return false;
  const names = new Set(callee.parameters.flatMap((p) => boundNames(ctx, p.name).map((n) => n.text)));
  const mentions = (node: ts.Node): boolean => (ts.isIdentifier(node) && names.has(node.text)) || node.kind === ts.SyntaxKind.ThisKeyword ||
    (ts.forEachChild(node, mentions) ?? false);
  const holds = (value: ts.Expression): boolean => {
    const inner = skipParens(ts, value);
    if (ts.isNewExpression(inner) || ts.isCallExpression(inner)) return (inner.arguments ?? []).some((arg) => holds(arg));
    return !isPrimitiveNode(ctx, inner) && mentions(inner);
  };
  const throws = (node: ts.Node): boolean => (ts.isThrowStatement(node) && node.expression !== undefined && holds(node.expression)) ||
    (!ts.isFunctionLike(node) && (ts.forEachChild(node, throws) ?? false));
  return ts.forEachChild(callee.body, throws) ?? false;
}
