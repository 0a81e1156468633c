/**
 * A task that gives an object a prototype (`Object.setPrototypeOf(s.tags, { inherited: 1 })`, `Reflect.setPrototypeOf`,
 * `o.__proto__ = p`), or makes one on a prototype (`Object.create(proto)`): the store brings back class instances and
 * plain objects, not an object whose prototype is another object, so in a worker the call failed after it ran (tester
 * #14's F24, #27's F4). Its calls run in place, as plain. `Object.create(null)` and `Object.create(Object.prototype)`
 * make objects the store carries.
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
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'create' &&
      ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Object' && !carriedPrototype(ctx, node.arguments[0])) found = node;
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) && node.left.name.text === '__proto__') found = node;
    else ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found && found.getText().replace(/\s+/g, ' ').slice(0, 60);
}

/** `null` or `Object.prototype`: an object made on it is a plain one. */
function carriedPrototype(ctx: AnalysisContext, prototype: ts.Expression | undefined): boolean {
  if (!prototype) return false;
  const { ts } = ctx;
  const inner = ts.skipPartiallyEmittedExpressions(prototype);
  return inner.kind === ts.SyntaxKind.NullKeyword || inner.getText().replace(/\s+/g, '') === 'Object.prototype';
}
