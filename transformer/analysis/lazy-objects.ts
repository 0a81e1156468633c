/**
 * A module object made on first use: `let cache: Map<K, V> | null = null; function memo() { if (!cache) cache = new
 * Map(); return cache; }`, also `cache ??= new Map()` and `return cache || (cache = new Map())`. The variable is
 * assigned nothing but one fresh object, once, when it holds none yet: after that it is a constant in all but name,
 * and module-state.ts judges it as the `const` it could have been (a cache only tasks use stays each worker's own; a
 * count or state a call reads back is an error naming it). It cannot travel with the calls: before the first use the
 * main thread has no object to send, so wherever a `const` would travel, kept-state.ts and task-state.ts refuse it.
 */
import type * as ts from 'typescript';
import { namesSymbol, type AnalysisContext } from './context';
import { isFresh } from '../rewrite/fresh';
import { skipTransparent } from '../rewrite/syntax';
import { isNullishLiteral } from './expressions';

/** Why such an object cannot be one the calls carry (kept-state.ts, task-state.ts). */
export const LAZY_CANNOT_TRAVEL = 'it is made on first use in a module `let`, so the main thread may have none to send (declare it `const X = new …`)';

const known = new WeakMap<ts.VariableDeclaration, boolean>();

/** A top-level `let`/`var`, starting empty, whose every assignment puts a fresh object in it only while it is empty. */
export function isLazilyMade(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  let lazy = known.get(declaration);
  if (lazy === undefined) { lazy = findLazilyMade(ctx, declaration); known.set(declaration, lazy); }
  return lazy;
}

function findLazilyMade(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  const { ts } = ctx;
  const statement = declaration.parent?.parent;
  if (!ts.isIdentifier(declaration.name) || !statement || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return false;
  if (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) return false;
  if (declaration.initializer && !isNullishLiteral(ts, declaration.initializer)) return false;
  const symbol = ctx.checker.getSymbolAtLocation(declaration.name);
  const names = (node: ts.Node): boolean => ts.isIdentifier(node) && ctx.checker.getSymbolAtLocation(node) === symbol;
  let assignments = 0;
  let other = false;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      if (names(skipTransparent(ts, node.left))) {
        if (lazyAssignment(ctx, node, names)) assignments++; else other = true;
        return;
      }
      // A destructuring assignment that names it.
      if ((ts.isArrayLiteralExpression(node.left) || ts.isObjectLiteralExpression(node.left)) && namesSymbol(ctx, node.left, symbol!)) { other = true; return; }
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && names(skipTransparent(ts, node.operand)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      other = true; return;
    } else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer) && namesSymbol(ctx, node.initializer, symbol!)) {
      other = true; return;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.getSourceFile());
  return !other && assignments > 0;
}

/** `x ??= fresh`, `x ||= fresh`, or `x = fresh` where it runs only when x is empty (see below). */
function lazyAssignment(ctx: AnalysisContext, assignment: ts.BinaryExpression, names: (node: ts.Node) => boolean): boolean {
  const { ts } = ctx;
  if (!isFresh(ctx, assignment.right)) return false;
  const operator = assignment.operatorToken.kind;
  if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) return true;
  return operator === ts.SyntaxKind.EqualsToken && onlyWhenEmpty(ts, assignment, names);
}

/**
 * `if (!x) x = …`, `if (x === null) { x = …; }`, `x ?? (x = …)`, `x || (x = …)`: the assignment runs only while the
 * variable holds nothing (within the same function: a callback made there could run later).
 */
function onlyWhenEmpty(t: typeof ts, assignment: ts.Expression, names: (node: ts.Node) => boolean): boolean {
  let inner: ts.Node = assignment;
  for (let node = assignment.parent; node && !t.isFunctionLike(node) && !t.isSourceFile(node); inner = node, node = node.parent) {
    if (t.isIfStatement(node) && node.thenStatement === inner && testsEmpty(t, node.expression, names)) return true;
    if (t.isBinaryExpression(node) && node.right === inner && names(skipTransparent(t, node.left)) &&
      (node.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === t.SyntaxKind.BarBarToken)) return true;
    if (t.isConditionalExpression(node) && node.whenTrue === inner && testsEmpty(t, node.condition, names)) return true;
    if (t.isIterationStatement(node, false)) return false;
  }
  return false;
}

/** `!x`, `x == null`, `x === null`, `x === undefined`, `x == undefined`, `undefined === x`… */
function testsEmpty(t: typeof ts, condition: ts.Expression, names: (node: ts.Node) => boolean): boolean {
  const test = skipTransparent(t, condition);
  if (t.isPrefixUnaryExpression(test) && test.operator === t.SyntaxKind.ExclamationToken) return names(skipTransparent(t, test.operand));
  if (!t.isBinaryExpression(test)) return false;
  const equality = [t.SyntaxKind.EqualsEqualsToken, t.SyntaxKind.EqualsEqualsEqualsToken].includes(test.operatorToken.kind);
  const [left, right] = [skipTransparent(t, test.left), skipTransparent(t, test.right)];
  return equality && ((names(left) && isNullishLiteral(t, right)) || (names(right) && isNullishLiteral(t, left)));
}
