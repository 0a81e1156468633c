/**
 * A slot of a fresh local object that only ever receives arrays made here: the grouping idiom of es-toolkit's and
 * remeda's groupBy, radash's group and moderndash's group (`const result = {}; …; if (!result[key]) result[key] = [];
 * result[key].push(item)`, `(result[key] ??= []).push(item)`, `const items = output[key]; … items.push(item)`, the
 * same in a `reduce` accumulator starting as `{}`). The checker types `result[key]` `any` in untyped JavaScript, so
 * `push` was code of unknown effect and every grouped list was taken as written.
 *
 * Sound because the container is only ever used so that what its slots hold is an array literal of this code (or
 * nothing, or what a `{}` inherits, which has none of the method names asked about: ARRAY_ONLY_METHODS): every mention
 * of it reads a slot, sets one to an array literal (`=`, `??=`, `||=`), returns it, or hands it to a built-in that
 * stores nothing into it (`Object.hasOwn`, `Object.keys`...). Anything else (passed to other code, spread, assigned
 * another value) and this does not apply.
 */
import type * as ts from 'typescript';
import { everyMention, symbolOf, type AnalysisContext } from './context';
import { skipParens } from './expressions';
import { isLiteralAccumulator } from './accumulators';

/** Methods of arrays that neither an object literal, its prototype's members nor functions have. */
const ARRAY_ONLY_METHODS = new Set(Object.getOwnPropertyNames(Array.prototype).filter((name) =>
  !(name in Object.prototype) && !(name in Function.prototype) && typeof (Array.prototype as unknown as Record<string, unknown>)[name] === 'function'));

/** Built-ins given the container that store nothing into its slots. */
const QUIET_WITH_CONTAINER = new Set(['Object.hasOwn', 'Object.keys', 'Object.values', 'Object.entries', 'Object.freeze', 'Object.prototype.hasOwnProperty.call']);

/** `receiver.method(…)` runs the array built-in: the receiver is a slot of such a container (see the top of this file). */
export function isArraySlot(ctx: AnalysisContext, receiver: ts.Expression, method: string, runsBuiltinReduce: (call: ts.CallExpression) => boolean): boolean {
  if (!ARRAY_ONLY_METHODS.has(method)) return false;
  const { ts } = ctx;
  let value = skipParens(ts, receiver);
  // `const items = output[key]` (never assigned again).
  if (ts.isIdentifier(value)) {
    const declaration = symbolOf(ctx, value)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
    value = skipParens(ts, declaration.initializer);
  }
  // `(result[key] ??= [])`: the slot's array, or the literal.
  if (ts.isBinaryExpression(value) && (value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    value.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) {
    if (!ts.isArrayLiteralExpression(skipParens(ts, value.right))) return false;
    value = skipParens(ts, value.left);
  }
  if (!ts.isElementAccessExpression(value) && !ts.isPropertyAccessExpression(value)) return false;
  const container = skipParens(ts, value.expression);
  return ts.isIdentifier(container) && holdsOnlyArrays(ctx, container, runsBuiltinReduce);
}

function holdsOnlyArrays(ctx: AnalysisContext, container: ts.Identifier, runsBuiltinReduce: (call: ts.CallExpression) => boolean): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, container);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return false;
  let scope: ts.Node;
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer && isEmptyObject(ctx, declaration.initializer) &&
    (ts.getCombinedNodeFlags(declaration) & (ts.NodeFlags.Const | ts.NodeFlags.Let)) !== 0 && ts.isVariableStatement(declaration.parent.parent) &&
    !declaration.parent.parent.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
    scope = declaration.parent.parent.parent; // the block or function body around the declaration list
  } else if (ts.isParameter(declaration) && isLiteralAccumulator(ctx, container, runsBuiltinReduce) && isEmptyObject(ctx, reduceInitial(declaration))) {
    scope = declaration.parent; // the callback (returning the accumulator is handing it back to reduce)
  } else return false;
  return everyMention(ctx, symbol!, scope, (declaration as ts.NamedDeclaration).name!, (id) => quietUse(ctx, id));
}

function quietUse(ctx: AnalysisContext, node: ts.Identifier): boolean {
  const { ts } = ctx;
  let use: ts.Node = node;
  while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
  const parent = use.parent;
  if (ts.isReturnStatement(parent) || ts.isTypeOfExpression(parent)) return true;
  if (ts.isBinaryExpression(parent) && parent.right === use && parent.operatorToken.kind === ts.SyntaxKind.InKeyword) return true;
  if (ts.isForInStatement(parent) && parent.expression === use) return true;
  if (ts.isCallExpression(parent) && parent.arguments[0] === use && QUIET_WITH_CONTAINER.has(parent.expression.getText()) && ambientObject(ctx, parent.expression)) return true;
  if (!(ts.isElementAccessExpression(parent) || ts.isPropertyAccessExpression(parent)) || parent.expression !== use) return false;
  // A slot: read, or set to an array literal.
  let slot: ts.Node = parent;
  while (ts.isParenthesizedExpression(slot.parent)) slot = slot.parent;
  const around = slot.parent;
  if (ts.isBinaryExpression(around) && around.left === slot) {
    const op = around.operatorToken.kind;
    const setsArray = op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
    return setsArray && ts.isArrayLiteralExpression(skipParens(ts, around.right));
  }
  if ((ts.isPrefixUnaryExpression(around) || ts.isPostfixUnaryExpression(around)) &&
    (around.operator === ts.SyntaxKind.PlusPlusToken || around.operator === ts.SyntaxKind.MinusMinusToken)) return false;
  // (A slot destructured into, or whose method is called on the container itself: `result.push = …` is caught above.)
  return !(ts.isArrayLiteralExpression(around) || ts.isShorthandPropertyAssignment(around) || ts.isPropertyAssignment(around) ||
    ts.isSpreadElement(around) || ts.isSpreadAssignment(around) || ((ts.isForOfStatement(around) || ts.isForInStatement(around)) && around.initializer === slot) ||
    (ts.isCallExpression(around) && around.expression === slot));
}

/** `{}` or `Object.create(null)`. */
function isEmptyObject(ctx: AnalysisContext, init: ts.Expression | undefined): boolean {
  const { ts } = ctx;
  if (!init) return false;
  const value = skipParens(ts, init);
  if (ts.isObjectLiteralExpression(value)) return value.properties.length === 0;
  return ts.isCallExpression(value) && value.expression.getText() === 'Object.create' && ambientObject(ctx, value.expression) &&
    value.arguments.length === 1 && value.arguments[0].kind === ts.SyntaxKind.NullKeyword;
}

/** The initial value of the `reduce` whose callback's first parameter is `param`. */
function reduceInitial(param: ts.ParameterDeclaration): ts.Expression | undefined {
  const call = param.parent.parent;
  return (call as ts.CallExpression).arguments?.[1];
}

/** `Object.…` names the global Object (no declaration of the program's own shadows it). */
function ambientObject(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const { ts } = ctx;
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  const declaration = ts.isIdentifier(root) ? symbolOf(ctx, root)?.valueDeclaration : undefined;
  return !declaration || declaration.getSourceFile().isDeclarationFile;
}
