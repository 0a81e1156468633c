/**
 * A getter or setter in the object a task returns (`return { a, b, get sum() { return this.a + this.b } }`, or
 * `Object.defineProperty(r, 'total', { get() … })` on the object it returns): a worker sends an object's own data,
 * so the accessor came back as the value it read at the return, and a later `p.b = 100; p.sum` printed the old sum
 * (tester #16's G3, r04 and 32-returned-getters). Such a task's calls run in place, as plain, and explain says why.
 *
 * Found in the returned expressions (and the object literals nested in them), and in a local `const r = { … }` the
 * task returns by name together with what `Object.defineProperty`/`defineProperties` puts on r. A class's accessors
 * live on its prototype and travel with the class; they are not this.
 */
import type * as ts from 'typescript';
import { returnedExpressions, skipParens } from './expressions';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { snippet } from './reason';

/** Why the task's value would lose an accessor on its way back ("its result has a getter `sum` …"), or undefined. */
export function accessorInResult(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const { ts } = ctx;
  const where = (node: ts.Node) => `${node.getSourceFile().fileName.replace(/.*[\\/]/, '')}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const inLiteral = (expr: ts.Expression): string | undefined => {
    let found: string | undefined;
    const visit = (node: ts.Node): void => {
      if (found || (ts.isFunctionLike(node) && !ts.isAccessor(node))) return;
      if (ts.isAccessor(node) && ts.isObjectLiteralExpression(node.parent)) {
        found = `a ${ts.isGetAccessor(node) ? 'getter' : 'setter'} \`${node.name.getText()}\` (${where(node)})`;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(expr);
    return found;
  };
  for (const returned of returnedExpressions(ts, fn)) {
    const value = skipParens(ts, returned);
    const literal = inLiteral(value);
    if (literal) return `its result has ${literal}`;
    if (!ts.isIdentifier(value)) continue;
    const symbol = symbolOf(ctx, value);
    const declaration = symbol?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initial = inLiteral(declaration.initializer);
      if (initial) return `its result has ${initial}`;
    }
    const defined = definedAccessor(ctx, fn, symbol);
    if (defined) return `its result gets an accessor from \`${snippet(defined)}\` (${where(defined)})`;
  }
  return undefined;
}

/** `Object.defineProperty(r, k, { get … })` / `defineProperties(r, { k: { set … } })` on the variable `symbol`, in fn. */
function definedAccessor(ctx: AnalysisContext, fn: FunctionLike, symbol: ts.Symbol | undefined): ts.CallExpression | undefined {
  const { ts } = ctx;
  if (!symbol || !fn.body) return undefined;
  let found: ts.CallExpression | undefined;
  const hasAccessorKey = (node: ts.Node): boolean => {
    if (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isShorthandPropertyAssignment(node)) {
      const key = node.name.getText().replace(/['"]/g, '');
      if (key === 'get' || key === 'set') return true;
    }
    return ts.forEachChild(node, hasAccessorKey) === true;
  };
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'Object' && ['defineProperty', 'defineProperties'].includes(node.expression.name.text)) {
      const target = node.arguments[0] && skipParens(ts, node.arguments[0]);
      if (target && ts.isIdentifier(target) && symbolOf(ctx, target) === symbol && node.arguments.slice(1).some(hasAccessorKey)) { found = node; return; }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}
