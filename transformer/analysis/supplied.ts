/**
 * Which parameter a name holds (a part of), for the reading-callbacks summary's assumptions (callbacks.ts): a
 * parameter itself, a name bound in its pattern (`function g({ _key })`: field `_key`), or a variable every value of
 * which is taken out of one (`const f = keys[i]`; `let d = dists[m - 1]` later given `d = dists[i]`).
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { enclosesOrIs } from './function-values';

export interface Supplied { readonly param: ts.ParameterDeclaration; readonly field: string }

/**
 * The parameter (of `fn` or a function enclosing it) whose value, or a part of it, the identifier holds, with the
 * field it came from when that is known, '' otherwise.
 */
export function suppliedBy(ctx: AnalysisContext, fn: FunctionLike, id: ts.Identifier, depth = 0): Supplied | undefined {
  const { ts } = ctx;
  let declaration: ts.Node | undefined = symbolOf(ctx, id)?.valueDeclaration;
  if (!declaration || depth > 4) return undefined;
  // `function g({ _key })`: a name bound inside a parameter's pattern is a part of that parameter.
  let field = '';
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isParameter(declaration.parent.parent) &&
    !declaration.dotDotDotToken) {
    const key = declaration.propertyName ?? declaration.name;
    field = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : '';
  }
  while (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration)) declaration = declaration.parent;
  if (ts.isParameter(declaration)) {
    return enclosesOrIs(declaration.parent, fn) && isFunctionLike(ctx, declaration.parent) ? { param: declaration, field } : undefined;
  }
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  // `const keyof = keys[i++]`, or a variable all of whose values are such parts, of one parameter.
  const values = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0
    ? (declaration.initializer ? [declaration.initializer] : []) : valuesAssigned(ctx, declaration);
  let found: Supplied | undefined;
  for (const value of values ?? []) {
    let root = skipParens(ts, value);
    while (ts.isElementAccessExpression(root) || ts.isPropertyAccessExpression(root)) root = skipParens(ts, root.expression);
    const from = ts.isIdentifier(root) && root !== skipParens(ts, value) ? suppliedBy(ctx, fn, root, depth + 1) : undefined;
    if (!from || (found && found.param !== from.param)) return undefined;
    found = found && found.field !== from.field ? { param: found.param, field: '' } : from;
  }
  return found;
}

const assignedValues = new WeakMap<ts.VariableDeclaration, ts.Expression[] | null>();

/**
 * Every value a `let`/`var` is given: its initializer and the right sides of plain `=` assignments to it, in the
 * function (or file) it is declared in; undefined when it is also changed in another way (`+=`, `++`, destructuring,
 * a for-in/of head).
 */
function valuesAssigned(ctx: AnalysisContext, declaration: ts.VariableDeclaration): ts.Expression[] | undefined {
  const known = assignedValues.get(declaration);
  if (known !== undefined) return known ?? undefined;
  const { ts } = ctx;
  const name = declaration.name as ts.Identifier;
  const symbol = symbolOf(ctx, name);
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const values: ts.Expression[] = declaration.initializer ? [declaration.initializer] : [];
  let other = false;
  const isTarget = (node: ts.Node): boolean => ts.isIdentifier(node) && node.text === name.text && node !== name && symbolOf(ctx, node) === symbol;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (isTarget(node)) {
      let use: ts.Node = node;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const parent = use.parent;
      if (ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) values.push(parent.right);
      else if ((ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent) ||
        ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) ||
        ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) ||
        ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === use)) {
        // (An array or object literal holding the name may be a destructuring target: counted as a change, erring safe.)
        if (!ts.isPrefixUnaryExpression(parent) || parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken) other = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  assignedValues.set(declaration, other ? null : values);
  return other ? undefined : values;
}
