/**
 * Grids that gather Futures in their rows: `grid[i][j] = block(…)` into a `const grid: T[][]` of this file whose rows
 * the program makes empty (`grid.push([])`, `grid[i] = []`, `Array.from({ length: n }, () => [])`). A wavefront
 * (blocks of one anti-diagonal reading the blocks of the one before: `grid[i - 1][j].bottom`) then runs a diagonal's
 * blocks side by side: each cell is waited for where it is read, not at the call that fills it (np68's
 * min-wavefront-grid waited at every call, one block at a time). As for an array that gathers (gathering-arrays.ts),
 * only when every use keeps the cells in view: a row made empty, a cell stored or read, a length; a row or the grid
 * handed anywhere whole would show a Future, so that keeps the waits at the calls.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, symbolOf } from '../analysis/context';
import { insideTask } from './own-chains';
import type { FileFacts } from './file-facts';
import { isDeclarationName, isWriteTarget, skipTransparent, withWrappers } from './syntax';

/** `grid`, if `id` names a grid whose cells can hold Futures until they are read (see above). */
export function gatheringGrid(facts: FileFacts, id: ts.Identifier): ts.Symbol | undefined {
  const { ts, ctx } = facts;
  const symbol = symbolOf(ctx, id);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !facts.isFileLocal(declaration.name) ||
    !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !declaration.initializer || !emptyRows(facts, declaration.initializer)) return undefined;
  const type = ctx.checker.getTypeAtLocation(declaration.name);
  const row = ctx.checker.isArrayType(type) ? ctx.checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
  if (!row || !ctx.checker.isArrayType(row)) return undefined;
  // (Not read by a task of the file: a worker has no Futures to wait for, nor the program's grid.)
  return facts.references(symbol).every((ref) => isDeclarationName(ts, ref) || (keepsCellsInView(facts, ref) && !insideTask(facts, ref))) ? symbol : undefined;
}

/**
 * `grid[a][b]` read: the cell whose value the program needs there (undefined for any other use of the grid), with how
 * it is waited for: a number or a string is a value; an object (`grid[i - 1][j].bottom`) is marked as one the
 * program may change from here on, so later tasks given it or its parts take it afresh.
 */
export function cellRead(facts: FileFacts, ref: ts.Identifier): { readonly cell: ts.ElementAccessExpression; readonly wrap: 'wait' | 'written' } | undefined {
  const cell = cellOf(facts, ref);
  if (!cell || isWriteTarget(facts.ts, withWrappers(facts.ts, cell))) return undefined;
  return { cell, wrap: isPrimitiveNode(facts.ctx, cell) ? 'wait' : 'written' };
}

/** `[]`, `[[], []]`, or rows made empty: `Array.from({ length: n }, () => new Array<T>(n))`. */
function emptyRows(facts: FileFacts, init: ts.Expression): boolean {
  const { ts } = facts;
  const value = skipTransparent(ts, init);
  // (`[]`, or `[[], [], []]`: np69's min-grid-literal-rows.)
  if (ts.isArrayLiteralExpression(value)) return value.elements.every((row) => !ts.isSpreadElement(row) && isEmptyRow(facts, row));
  if (!ts.isCallExpression(value) || value.arguments.length !== 2 || value.expression.getText() !== 'Array.from') return false;
  const [size, make] = value.arguments;
  return ts.isObjectLiteralExpression(size!) && ts.isArrowFunction(make!) && make.parameters.length === 0 && ts.isExpression(make.body) && isEmptyRow(facts, make.body);
}

/**
 * A row made here, holding no object: `[]`, `new Array(n)`, `Array(n)`, `new Array(n).fill(0)` (what a cell holds
 * before a task's value is put there reads the same with or without a wait).
 */
function isEmptyRow(facts: FileFacts, e: ts.Expression): boolean {
  const { ts } = facts;
  const value = skipTransparent(ts, e);
  if (ts.isArrayLiteralExpression(value)) return value.elements.length === 0;
  const sized = (n: ts.Expression) => (ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'Array' &&
    n.arguments?.length === 1 && isPrimitiveNode(facts.ctx, n.arguments[0]!);
  if (sized(value)) return true;
  return ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'fill' &&
    sized(value.expression.expression) && value.arguments.length === 1 && ts.isLiteralExpression(value.arguments[0]!);
}

/**
 * A use that keeps the cells in view: `grid.push([])`, `grid[a] = []`, `grid.length`, `grid[a].length`, `grid[a][b] = v`
 * (a plain store), `grid[a][b]` read.
 */
function keepsCellsInView(facts: FileFacts, ref: ts.Identifier): boolean {
  const { ts } = facts;
  const parent = ref.parent;
  const statementOf = (e: ts.Node) => (ts.isExpressionStatement(e.parent) ? e.parent : undefined);
  if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) {
    if (parent.name.text === 'length') return !isWriteTarget(ts, parent);
    const call = parent.parent;
    return parent.name.text === 'push' && ts.isCallExpression(call) && call.expression === parent && statementOf(call) !== undefined &&
      call.arguments.length > 0 && call.arguments.every((arg) => isEmptyRow(facts, arg));
  }
  if (!ts.isElementAccessExpression(parent) || parent.expression !== ref || !numberKey(facts, parent)) return false;
  const row = parent.parent;
  // `grid[a] = []`
  if (ts.isBinaryExpression(row) && row.left === parent) {
    return row.operatorToken.kind === ts.SyntaxKind.EqualsToken && statementOf(row) !== undefined && isEmptyRow(facts, row.right);
  }
  if (ts.isPropertyAccessExpression(row) && row.expression === parent) return row.name.text === 'length' && !isWriteTarget(ts, row);
  const cell = cellOf(facts, ref);
  if (!cell) return false;
  const outer = withWrappers(ts, cell);
  if (!isWriteTarget(ts, outer)) return true;
  // (A plain store, a statement of its own: not `+=`, `++`, nor a destructuring target.)
  const store = outer.parent;
  return ts.isBinaryExpression(store) && store.left === outer && store.operatorToken.kind === ts.SyntaxKind.EqualsToken && statementOf(store) !== undefined;
}

/** `grid[a][b]` of `ref`, both keys numbers. */
function cellOf(facts: FileFacts, ref: ts.Identifier): ts.ElementAccessExpression | undefined {
  const { ts } = facts;
  const row = ref.parent;
  if (!ts.isElementAccessExpression(row) || row.expression !== ref || !numberKey(facts, row)) return undefined;
  const cell = row.parent;
  return ts.isElementAccessExpression(cell) && cell.expression === row && !cell.questionDotToken && numberKey(facts, cell) ? cell : undefined;
}

function numberKey(facts: FileFacts, access: ts.ElementAccessExpression): boolean {
  return (facts.ctx.checker.getTypeAtLocation(access.argumentExpression).flags & facts.ts.TypeFlags.NumberLike) !== 0;
}
