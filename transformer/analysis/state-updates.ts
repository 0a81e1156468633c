/**
 * How a write of module state relates to the state's old value and to later reads, asked by outer-reads.ts of each
 * write a task's code makes: a count or an append from the old value (`updatesFromItself`), looked at (`observed`),
 * set afresh by each call first (`resetBefore`, `setAfreshBefore`), or a cache's store keyed by what the call computes
 * from (`isKeyedStore`). These decide whether the state must travel with the calls (kept-state.ts) or stays each
 * worker's own without changing any output.
 */
import type * as ts from 'typescript';
import { enclosesOrIs } from './function-values';
import { isLibraryGlobal, namesSymbol, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { rootIdentifier } from './expressions';

/**
 * A cache's store, keyed by what the call computes from (`CACHE.set(k, v)`, `MEMO[k] = v`): what a later call reads
 * back is what it would have computed, whichever worker filled it. Not when the value stored comes from the state
 * itself (an interner's `IDS.set(name, IDS.size)`, also through a local: `id = IDS.size; IDS.set(name, id)`).
 */
export function isKeyedStore(ctx: AnalysisContext, fn: FunctionLike, write: ts.Node, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  let value: ts.Expression | undefined;
  if (ts.isCallExpression(write) && ts.isPropertyAccessExpression(write.expression) && write.expression.name.text === 'set') value = write.arguments[1];
  else if (ts.isBinaryExpression(write) && write.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(write.left) &&
    !ts.isLiteralExpression(write.left.argumentExpression)) value = write.right;
  else return false;
  return value === undefined || !fromState(ctx, fn, value, symbol);
}

/** The expression names the state, or a local of the function given a value that does. */
export function fromState(ctx: AnalysisContext, fn: FunctionLike, value: ts.Expression, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  const locals = new Set<ts.Symbol>();
  const names = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node)) {
      const named = symbolOf(ctx, node);
      if (named === symbol) return true;
      const declaration = named?.valueDeclaration;
      if (named && !locals.has(named) && declaration && ts.isVariableDeclaration(declaration) && enclosesOrIs(fn, declaration)) {
        locals.add(named);
        if (declaration.initializer && names(declaration.initializer)) return true;
        const assigned = (n: ts.Node): boolean => (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isIdentifier(n.left) && symbolOf(ctx, n.left) === named && names(n.right)) || ts.forEachChild(n, assigned) === true;
        if (fn.body && assigned(fn.body)) return true;
      }
    }
    return ts.forEachChild(node, names) === true;
  };
  return names(value);
}

/**
 * A statement of the task's body sets the state afresh before the read (`T.tmp = x * 2; … T.tmp`): every call makes
 * it, so the read sees this call's value whichever worker runs it.
 */
export function setAfreshBefore(ctx: AnalysisContext, fn: FunctionLike, symbol: ts.Symbol, read: ts.Node): boolean {
  const { ts } = ctx;
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  const names = (node: ts.Node): boolean => namesSymbol(ctx, node, symbol);
  for (const statement of fn.body.statements) {
    if (statement.end > read.pos) return false;
    const e = ts.isExpressionStatement(statement) ? statement.expression : undefined;
    if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && names(e.left) && !names(e.right)) {
      // Unless the call yields in between (`CUR.id = id; await …; CUR.id`): plain calls interleave there.
      return !suspendsBetween(ctx, fn.body, statement.end, read.pos);
    }
  }
  return false;
}

function suspendsBetween(ctx: AnalysisContext, body: ts.Node, from: number, to: number): boolean {
  const { ts } = ctx;
  const visit = (node: ts.Node): boolean => {
    if (node.end <= from || node.pos >= to || (node !== body && ts.isFunctionLike(node))) return false;
    if ((ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isForOfStatement(node) && node.awaitModifier) && node.pos >= from) return true;
    return ts.forEachChild(node, visit) === true;
  };
  return visit(body);
}

/** The count is looked at: the update's value is used, or the task names the state again (`return COUNTER.n`). */
export function observed(ctx: AnalysisContext, scopes: readonly ts.Node[], write: ts.Node, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  if (!ts.isExpressionStatement(write.parent) && !(ts.isForStatement(write.parent) && write.parent.incrementor === write)) return true;
  // (Named as a namespace's member, `S.counter`, the name is the object's too.)
  const elsewhere = (node: ts.Node): boolean =>
    node !== write && ((ts.isIdentifier(node) && symbolOf(ctx, node) === symbol) || ts.forEachChild(node, elsewhere) === true);
  return scopes.some(elsewhere);
}

/**
 * The task's body sets the state afresh before the write, at its top level (`SCRATCH.n = 0; …; SCRATCH.n++`): every
 * call starts from the same value, whichever worker runs it.
 */
export function resetBefore(ctx: AnalysisContext, fn: FunctionLike, write: ts.Node, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  const names = (node: ts.Node): boolean => namesSymbol(ctx, node, symbol);
  // The same place the write changes (`SCRATCH.n`, not another field of it; the list a `push` appends to).
  const target = changedPlace(ts, write);
  if (!target) return false;
  const place = target.getText();
  for (const statement of fn.body.statements) {
    if (statement.end > write.pos) return false;
    const e = ts.isExpressionStatement(statement) ? statement.expression : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = e.left.getText();
    // `SCRATCH.n = 0`, `SCRATCH.buf = []`, or emptied in place: `SCRATCH.buf.length = 0`.
    if ((left === place && !names(e.right)) || (left === `${place}.length` && e.right.getText() === '0')) return true;
  }
  return false;
}

/**
 * Library methods that add to, take from or move what earlier calls left: a list's ends, a buffer shifted in place, a
 * generator's position, a global RegExp's lastIndex (a literal without `g`/`y` changes nothing: module-state.ts).
 */
const ACCUMULATING_METHODS = new Set(['push', 'unshift', 'pop', 'shift', 'splice', 'copyWithin', 'reverse', 'sort', 'next', 'test', 'exec']);

/**
 * The write takes the new value from the old one: `++`/`--`, a compound assignment (`+=`, `??=`), or `=` from an
 * expression naming the same module state (`S.n = S.n + 1`). A cache filled with `set` or `=` is left alone: what
 * it holds does not depend on which calls came first.
 */
export function updatesFromItself(ctx: AnalysisContext, write: ts.Node, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  if (ts.isCallExpression(write)) {
    // `C.next()` with the program's method changing its object: what it leaves depends on what the call before left.
    if (!write.arguments.some((argument) => namesSymbol(ctx, argument, symbol)) && !isLibraryMethodCall(ctx, write)) return true;
    // Appended after what earlier calls left (a keyed `set`/`add` is a cache's), also spelled `Array.prototype.push.call(LOG, x)`.
    const callee = write.expression;
    const borrowed = ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply') &&
      ts.isPropertyAccessExpression(callee.expression) && ts.isPropertyAccessExpression(callee.expression.expression) &&
      callee.expression.expression.name.text === 'prototype' && write.arguments[0] !== undefined && namesSymbol(ctx, write.arguments[0], symbol);
    if (borrowed) return ACCUMULATING_METHODS.has((callee.expression as ts.PropertyAccessExpression).name.text);
    // `Object.assign(S, { n: S.n + 1 })`: the new contents computed from the old.
    if (write.arguments[0] && namesSymbol(ctx, write.arguments[0], symbol)) return write.arguments.slice(1).some((argument) => namesSymbol(ctx, argument, symbol));
    // `LOG.push(x)`.
    return ts.isPropertyAccessExpression(callee) && ACCUMULATING_METHODS.has(callee.name.text);
  }
  if (ts.isPrefixUnaryExpression(write) || ts.isPostfixUnaryExpression(write)) {
    return write.operator === ts.SyntaxKind.PlusPlusToken || write.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if (!ts.isBinaryExpression(write)) return false;
  if (write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return true;
  const names = (node: ts.Node): boolean => namesSymbol(ctx, node, symbol);
  return names(write.right);
}

/** `xs.push(v)`, `Object.assign(…)`: a method of the standard library. */
function isLibraryMethodCall(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  return ctx.ts.isPropertyAccessExpression(call.expression) && isLibraryGlobal(ctx, call.expression);
}


/**
 * The place a write changes: the operand of `++`/`--` or `delete`, an assignment's target, the receiver of a method
 * (`SCRATCH.buf` of `SCRATCH.buf.push(x)`); undefined for a write spelled otherwise (`pushTo(S.list, x)`).
 */
export function changedPlace(t: typeof ts, write: ts.Node): ts.Expression | undefined {
  if (t.isPrefixUnaryExpression(write) || t.isPostfixUnaryExpression(write)) return write.operand;
  if (t.isBinaryExpression(write)) return write.left;
  if (t.isDeleteExpression(write)) return write.expression;
  return t.isCallExpression(write) && t.isPropertyAccessExpression(write.expression) ? write.expression.expression : undefined;
}

/** The write changes a place spelled on `symbol`'s own name (`S.n++`, `S.list.push(x)`, `WORD.test(s)`). */
export function namesChangedPlace(ctx: AnalysisContext, write: ts.Node, symbol: ts.Symbol): boolean {
  const place = changedPlace(ctx.ts, write);
  const root = place && rootIdentifier(ctx.ts, place);
  return root !== undefined && symbolOf(ctx, root) === symbol;
}
