/**
 * A task that gives an object a prototype (`Object.setPrototypeOf(s.tags, { inherited: 1 })`, `Reflect.setPrototypeOf`,
 * `o.__proto__ = p`): the store brings back class instances and plain objects, not an object whose prototype is
 * another object, so in a worker the call failed after it ran (tester #14's F24). Its calls run in place, as plain.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';

/** The first such change in the task's own body, as text; else undefined. */
export function prototypeChange(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const { ts } = ctx;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setPrototypeOf' &&
      ts.isIdentifier(node.expression.expression) && ['Object', 'Reflect'].includes(node.expression.expression.text)) found = node;
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) && node.left.name.text === '__proto__') found = node;
    else ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found && found.getText().replace(/\s+/g, ' ').slice(0, 60);
}
