/**
 * A variable that only ever holds functions, although something reassigns it: lodash's `var getTag = baseGetTag;` and,
 * for old engines, `getTag = function (value) { … }`; or declared without a value and assigned functions only. A call through it runs one of those functions, so it has the
 * effects of any of them (as a call into a table of functions does: literal-members.ts), not those of unknown code.
 *
 * Every write of the variable must be a plain `=` of a function (a function expression, or a name or a factory call
 * that function-of-symbol.ts resolves to one); a compound assignment, an update, a destructuring or a for-in/of head
 * writing it makes it unknown. Only the variable's own file can assign it (importers cannot assign an ES module export).
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { alternatives, returnedExpressions, skipParens } from './expressions';
import { functionOfExpression } from './function-of-symbol';
import { builtinName } from './builtin-callees';
import { isReadOnlyFunction } from './builtins';

const held = new WeakMap<ts.VariableDeclaration, FunctionLike[] | null>();

/** The functions a call through `callee` may run, when it names such a variable; undefined otherwise. */
export function assignedFunctions(ctx: AnalysisContext, callee: ts.Expression): FunctionLike[] | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = symbolOf(ctx, callee)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) ||
    (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0) return undefined;
  let known = held.get(declaration);
  if (known === undefined) {
    known = isReassigned(ctx, declaration) ? functionsHeld(ctx, declaration) ?? null : null;
    held.set(declaration, known);
  }
  return known ?? undefined;
}

function functionsHeld(ctx: AnalysisContext, declaration: ts.VariableDeclaration): FunctionLike[] | undefined {
  const { ts } = ctx;
  const name = declaration.name as ts.Identifier;
  const symbol = symbolOf(ctx, name);
  // (Declared without a value and assigned in branches: object-path's `var getShallowPropertySafely; if (…)
  // getShallowPropertySafely = function … else …`. A call before any assignment throws: it writes nothing.)
  const first = declaration.initializer && functionOfExpression(ctx, declaration.initializer, 0);
  if (declaration.initializer && !first) return undefined;
  // (`for (var f of fns)`: the loop's head writes it each turn.)
  const list = declaration.parent;
  if (ts.isForInStatement(list.parent) || ts.isForOfStatement(list.parent)) return undefined;
  const found = new Set<FunctionLike>(first ? [first] : []);
  let ok = true;
  const isTarget = (node: ts.Node): node is ts.Identifier => ts.isIdentifier(node) && node.text === name.text && symbolOf(ctx, node) === symbol;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (isTarget(node) && node !== name) {
      const parent = node.parent;
      if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        const fn = parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? functionOfExpression(ctx, parent.right, 0) : undefined;
        if (fn) found.add(fn);
        else ok = false;
      } else if (isOtherWrite(ctx, node)) ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.getSourceFile());
  return ok && found.size > 0 ? [...found] : undefined;
}

/** `x++`, `[x] = …`, `({ x } = …)`, `for (x of …)`: a write that is not a plain assignment of a value. */
function isOtherWrite(ctx: AnalysisContext, node: ts.Identifier): boolean {
  const { ts } = ctx;
  let child: ts.Node = node;
  let parent = node.parent;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  // Up through array and object literals (and their shorthand, spread and property parts) to what they are part of.
  while (ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) ||
    ts.isPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (child === node) return (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === node;
  return (ts.isBinaryExpression(parent) && parent.left === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
    ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === child);
}

/**
 * The functions a constant may hold when its value is a choice (underscore's `export default nativeIsArray ||
 * tagTester('Array')`, `const f = c ? arrayEach : baseEach`): a call through it runs one of them. Every alternative must
 * be a function with a body (function-of-symbol.ts: a factory-made one too) or a built-in that only reads what it is
 * given (through an alias: `nativeIsArray` is Array.isArray), which adds nothing but a read; else undefined (unknown).
 */
export function chosenFunctions(ctx: AnalysisContext, callee: ts.Expression): FunctionLike[] | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  let value: ts.Expression | undefined = callee; // `(isNumberArray(b) ? numberArray : genericArray)(a, b)`
  if (ts.isIdentifier(callee)) {
    const declaration = symbolOf(ctx, callee)?.valueDeclaration;
    value = undefined;
    if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer &&
      ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration))) value = declaration.initializer;
    else if (declaration && ts.isExportAssignment(declaration)) value = declaration.expression;
  }
  // (`(b = c, rgb)`: a comma expression's value is its last operand.)
  const choices = value ? alternatives(ts, value).flatMap((choice) => madeChoices(ctx, lastOperand(ts, choice))) : [];
  if (choices.length < 2) return undefined;
  const found: FunctionLike[] = [];
  for (const choice of choices) {
    const fn = functionOfExpression(ctx, choice, 0);
    if (fn) { found.push(fn); continue; }
    // (A built-in by name only when its root is the standard library's: a local `Object` is not.)
    const name = builtinName(ctx, choice);
    const root = ts.isPropertyAccessExpression(choice) ? skipParens(ts, choice.expression) : choice;
    if (!name || !isReadOnlyFunction(name) || (name === choice.getText() && !isLibraryGlobal(ctx, root))) return undefined;
  }
  return found;
}

/**
 * What a factory call may evaluate to, when its factory returns a choice of functions (ramda's `var _isArguments =
 * function () { return c ? function (x) {…} : function (x) {…} }()`, an immediately called function picking an
 * implementation for the engine): each value any of its returns may give. Else the expression itself.
 * (A returned parameter of the factory resolves to no function, so the whole choice is unknown, as it should be.)
 */
function madeChoices(ctx: AnalysisContext, e: ts.Expression): ts.Expression[] {
  const { ts } = ctx;
  if (!ts.isCallExpression(e)) return [e];
  const callee = skipParens(ts, e.expression);
  const factory = ts.isFunctionExpression(callee) || ts.isArrowFunction(callee) ? callee : ts.isIdentifier(callee) ? functionOfExpression(ctx, callee, 0) : undefined;
  if (!factory?.body || !ts.isBlock(factory.body)) return [e];
  const returned = returnedExpressions(ts, factory).flatMap((r) => alternatives(ts, r).map((c) => lastOperand(ts, c)));
  return returned.length > 1 ? returned : [e];
}

function lastOperand(t: typeof ts, e: ts.Expression): ts.Expression {
  e = skipParens(t, e);
  return t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.CommaToken ? lastOperand(t, e.right) : e;
}
