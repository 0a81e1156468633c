/**
 * Closures a function only hands back, whose effects happen where they are called, not where they are made (issue 16:
 * ramda's partial applications, d3-interpolate's interpolators).
 *
 * The analysis is flow-insensitive and counts what a nested function does as done by the function that makes it. For a
 * closure that never runs during the call, that charges the wrong call: `interpolateHsl(a, b)` only returns `(t) => {
 * a.h = … }`, and ramda's `_curry2(fn)` closure, given one argument, returns `_curry1((_b) => fn(a, _b))` without
 * calling `fn`. Such a closure's writes are recorded apart (`ParamEffects.writtenLater`): a caller that drops the result
 * suffers none of them, one that returns it hands them on as its own, and any other use (calling it, storing it,
 * passing it on) is charged with them at the call, as before.
 *
 * A closure is only handed back when its value goes nowhere but into the function's result: a `return` of the
 * function itself (through parentheses, `c ? … : …`, `||`/`&&`/`??` and the last operand of a comma), or as the
 * argument of a function of the program that itself only holds that parameter for later (every mention of it is in a
 * closure *it* only hands back, or reads `typeof p`/`p.length`, and it names no `arguments` outside them), in such a
 * position in turn (`return _curry1(function (_b) { … })`). Anything else (a `const`, an immediately called function, an array of closures) runs the old rule.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { calledBody, contextOf } from './code-behind';
import { argumentParam } from './param-effects';

/** What a call's caller does with its result: nothing, return it, or anything else (it may be called). */
export type ResultUse = 'dropped' | 'returned' | 'used';

/** `node` is a function written in `fn` (not `fn` itself) whose value only goes into `fn`'s result. */
export function isReturnedClosure(ctx: AnalysisContext, fn: FunctionLike, node: ts.Node): boolean {
  const { ts } = ctx;
  if (node === (fn as ts.Node) || !(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return false;
  return usedAs(ctx, fn, node, 0) === 'returned';
}

/** Whether `node` lies in a closure `fn` only hands back (so it runs, if ever, after `fn` returned). */
export function withinReturnedClosure(ctx: AnalysisContext, fn: FunctionLike, node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && n !== (fn as ts.Node); n = n.parent) {
    if (isReturnedClosure(ctx, fn, n)) return true;
  }
  return false;
}

/** `node`'s value only goes into `fn`'s result (`return fn`, handed to a function that holds it for later and returned). */
export const handedBack = (ctx: AnalysisContext, fn: FunctionLike, node: ts.Node): boolean => usedAs(ctx, fn, node, 0) === 'returned';

/** What `fn` does with the result of `call`, written in it. */
export function resultUse(ctx: AnalysisContext, fn: FunctionLike, call: ts.CallExpression): ResultUse {
  return usedAs(ctx, fn, call, 0);
}

function usedAs(ctx: AnalysisContext, fn: FunctionLike, expr: ts.Node, depth: number): ResultUse {
  const { ts } = ctx;
  let node = expr;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || (ts.isConditionalExpression(parent) && parent.condition !== node)) { node = parent; continue; }
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      const either = op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.QuestionQuestionToken;
      if (either || (op === ts.SyntaxKind.CommaToken && parent.right === node)) { node = parent; continue; }
    }
    break;
  }
  const parent = node.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent) || onlyTested(ts, node, parent)) return 'dropped';
  if (ts.isReturnStatement(parent)) return returningFunction(ctx, parent) === (fn as ts.Node) ? 'returned' : 'used';
  if (parent === (fn as ts.Node) && ts.isArrowFunction(fn) && fn.body === node) return 'returned';
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && depth < 4) {
    const holder = calledBody(ctx, parent);
    const index = parent.arguments.indexOf(node as ts.Expression);
    if (holder && heldForLater(contextOf(ctx, holder), holder, argumentParam(holder, index))) {
      return usedAs(ctx, fn, parent, depth + 1) === 'returned' ? 'returned' : 'used';
    }
  }
  return 'used';
}

/**
 * The value is only tested (`if (equals(x, y))`, `!r`, `typeof r`, `r === undefined`): its truth or identity is taken,
 * which runs none of its code (no `valueOf`, unlike `==` or `<`), and it goes nowhere else, so no closure it holds is
 * ever called: as good as dropped. (Ramda's `_indexOf` tests `equals(list[idx], a)`, whose curried closure hands back
 * partial applications the test never calls.)
 */
function onlyTested(t: typeof ts, node: ts.Node, parent: ts.Node): boolean {
  if ((t.isIfStatement(parent) || t.isWhileStatement(parent) || t.isDoStatement(parent)) && parent.expression === node) return true;
  if ((t.isForStatement(parent) && parent.condition === node) || (t.isConditionalExpression(parent) && parent.condition === node)) return true;
  if ((t.isPrefixUnaryExpression(parent) && parent.operator === t.SyntaxKind.ExclamationToken) || t.isTypeOfExpression(parent)) return true;
  if (!t.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  return op === t.SyntaxKind.EqualsEqualsEqualsToken || op === t.SyntaxKind.ExclamationEqualsEqualsToken;
}

/** The function a `return` statement returns from. */
function returningFunction(ctx: AnalysisContext, node: ts.Node): ts.Node | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ctx.ts.isFunctionLike(n)) return n;
  return undefined;
}

const held = new WeakMap<ts.Node, Map<number, boolean>>();

/**
 * Parameter `index` of `holder` is only held for later: every mention of it is in a closure `holder` only hands back,
 * or reads `typeof p` or `p.length` (ramda's `_curry1(fn)`: `return function f1(a) { … fn.apply(this, arguments) }`).
 */
export function heldForLater(ctx: AnalysisContext, holder: FunctionLike, index: number): boolean {
  let byIndex = held.get(holder);
  if (!byIndex) { byIndex = new Map(); held.set(holder, byIndex); }
  const known = byIndex.get(index);
  if (known !== undefined) return known;
  byIndex.set(index, false); // (while it is being judged: a holder reached again through itself does not hold it)
  const result = onlyMentionedLater(ctx, holder, index);
  byIndex.set(index, result);
  return result;
}

function onlyMentionedLater(ctx: AnalysisContext, holder: FunctionLike, index: number): boolean {
  const { ts } = ctx;
  const param = holder.parameters[index];
  if (!param || !ts.isIdentifier(param.name) || param.dotDotDotToken || !holder.body) return false;
  const symbol = symbolOf(ctx, param.name);
  if (!symbol) return false;
  let quiet = true;
  const visit = (node: ts.Node): void => {
    if (!quiet) return;
    // (`arguments[0]()` calls it without naming it.)
    if (ts.isIdentifier(node) && node.text === 'arguments' && !symbolOf(ctx, node)?.valueDeclaration && !withinReturnedClosure(ctx, holder, node)) quiet = false;
    if (ts.isIdentifier(node) && node !== param.name && symbolOf(ctx, node) === symbol) {
      let use: ts.Node = node;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const reads = ts.isTypeOfExpression(use.parent) ||
        (ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use && use.parent.name.text === 'length' &&
          !(ts.isBinaryExpression(use.parent.parent) && use.parent.parent.left === use.parent));
      if (!reads && !withinReturnedClosure(ctx, holder, node)) quiet = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(holder.body);
  return quiet;
}
