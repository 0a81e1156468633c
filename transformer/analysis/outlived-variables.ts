/**
 * Variables that keep their value from one call of a task to the next outside any argument: a module's `let` a helper
 * counts in (`let n = 0; function tick() { return ++n }`), a local of a factory whose closure the task calls (`const
 * next = makeCounter()`). Each worker has its own, so the calls would not see each other's changes: outer-reads.ts
 * reports them, discover.ts makes them a compile error.
 */
import type * as ts from 'typescript';
import { isReassigned, namesSymbol, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { enclosesOrIs } from './function-values';
import { isLazilyMade } from './lazy-objects';

/**
 * A variable the code a task runs uses, that something reassigns, declared outside every function that code is
 * (a module's `let`, or a local of a factory whose closure the task calls): it keeps its value from call to call,
 * and each worker would keep its own. (A module `let` the task's own body reads is `mutable`'s error.)
 */
export function outlivesCalls(ctx: AnalysisContext, symbol: ts.Symbol, fn: FunctionLike, runs: ReadonlySet<ts.Node>): boolean {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile || enclosesOrIs(fn, declaration)) return false;
  if (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const || !isReassigned(ctx, declaration) || isLazilyMade(ctx, declaration)) return false;
  for (let n: ts.Node | undefined = declaration.parent; n; n = n.parent) if (runs.has(n)) return false; // made afresh by each run
  return reassignedByClosure(ctx, declaration);
}

const byClosure = new WeakMap<ts.VariableDeclaration, boolean>();

/**
 * Some function other than the one declaring it assigns the variable (`++n` in `tick`, `s = …` in the closure a
 * factory returns): a call changes it. One set once while its module loads (lodash's `if (old engine) getTag = …`) is
 * the same in every worker.
 */
function reassignedByClosure(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  const known = byClosure.get(declaration);
  if (known !== undefined) return known;
  const { ts } = ctx;
  const symbol = symbolOf(ctx, declaration.name);
  const scopeOf = (node: ts.Node): ts.Node => ts.findAncestor(node.parent, (n) => ts.isFunctionLike(n) || ts.isSourceFile(n))!;
  const home = scopeOf(declaration);
  const assigns = (node: ts.Node): boolean => {
    const target = ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      ? node.left : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
        (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) ? node.operand : undefined;
    const named = target && (ts.isIdentifier(target) ? symbolOf(ctx, target) === symbol
      : (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target)) && namesSymbol(ctx, target, symbol!));
    if (named && scopeOf(node) !== home) return true;
    return ts.forEachChild(node, assigns) === true;
  };
  const found = symbol !== undefined && assigns(home);
  byClosure.set(declaration, found);
  return found;
}


/**
 * A variable a closure keeps: `state` in `const ids = (() => { const state = { n: 0 }; return { next: () => ++state.n };
 * })()`. Declared in a function that the code a task runs (`runs`) is not (an IIFE, a factory), it lives as long as
 * the closure, one per worker, and no name outside reaches it to travel with the calls.
 */
export function keptByClosure(ctx: AnalysisContext, symbol: ts.Symbol, runs: ReadonlySet<ts.Node>): boolean {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return false;
  let inFunction = false;
  for (let n: ts.Node | undefined = declaration.parent; n; n = n.parent) {
    if (runs.has(n)) return false; // made afresh by each run
    if (ts.isFunctionLike(n)) inFunction = true;
  }
  return inFunction;
}
