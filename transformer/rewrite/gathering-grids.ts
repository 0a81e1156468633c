/**
 * Grids that gather Futures in their rows: `grid[i][j] = block(…)` or `grid[i].push(block(…))` into a
 * `const grid: T[][]` of this file whose rows the program makes empty (`grid.push([])`, `grid[i] = []`,
 * `Array.from({ length: n }, () => [])`). A wavefront (blocks of one anti-diagonal reading the blocks of the one
 * before: `grid[i - 1][j].bottom`) then runs a diagonal's
 * blocks side by side: each cell is waited for where it is read, not at the call that fills it (np68's
 * min-wavefront-grid waited at every call, one block at a time). As for an array that gathers (gathering-arrays.ts),
 * only when every use keeps the cells in view: a row made empty, a cell stored or read, a length. A use of the grid
 * whole (`for (const row of grid)`, `return grid`, `console.log(grid)`: the ordinary end of a sweep, np69's S2) waits
 * for every cell first (`writtenWithin(grid)`), when no store can put a Future in after it: every store and the use
 * in the function that declares the grid (not in a closure), the use after the last store, and no loop around both.
 * Then nothing the use hands out (a row, the grid under another name) can ever show a Future. Anything else keeps
 * the waits at the calls.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, symbolOf } from '../analysis/context';
import { snippet } from '../analysis/reason';
import { lineOf } from '../analysis/node-places';
import { insideTask } from './own-chains';
import type { FileFacts } from './file-facts';
import { isDeclarationName, isWriteTarget, skipTransparent, withWrappers } from './syntax';

/**
 * What `id` names: a grid whose cells can hold Futures until they are read (see above), one made of empty rows that
 * cannot (with the use that stops it, for explain), or neither (undefined).
 */
export type GridVerdict = { readonly grid: ts.Symbol } | { readonly blocker: string };

/** Decided once per grid: every store's call asks (futures.ts gathersIntoGrid). */
const verdicts = new WeakMap<FileFacts, Map<ts.Symbol, GridVerdict | undefined>>();

export function gatheringGrid(facts: FileFacts, id: ts.Identifier): GridVerdict | undefined {
  const symbol = symbolOf(facts.ctx, id);
  if (!symbol) return undefined;
  let known = verdicts.get(facts);
  if (!known) verdicts.set(facts, known = new Map());
  if (!known.has(symbol)) known.set(symbol, judgeGrid(facts, id, symbol));
  return known.get(symbol);
}

function judgeGrid(facts: FileFacts, id: ts.Identifier, symbol: ts.Symbol): GridVerdict | undefined {
  const { ts, ctx } = facts;
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !facts.isFileLocal(declaration.name) ||
    !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !declaration.initializer || !emptyRows(facts, declaration.initializer)) return undefined;
  const type = ctx.checker.getTypeAtLocation(declaration.name);
  const row = ctx.checker.isArrayType(type) ? ctx.checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
  if (!row || !ctx.checker.isArrayType(row)) return undefined;
  const refs = facts.references(symbol).filter((ref) => !isDeclarationName(ts, ref));
  // (Not read by a task of the file: a worker has no Futures to wait for, nor the program's grid.)
  const inTask = refs.find((ref) => insideTask(facts, ref));
  if (inTask) return { blocker: `\`${id.text}\` is used inside a task at line ${lineOf(inTask)}` };
  const whole = refs.filter((ref) => !keepsCellsInView(facts, ref));
  const blocker = wholeUseBlocker(facts, declaration, refs.flatMap((ref) => storeOf(facts, ref) ?? []), whole);
  return blocker ? { blocker } : { grid: symbol };
}

/** The uses of a gathering grid that take it whole: each waits for every cell (see above). */
export function wholeGridUses(facts: FileFacts, grid: ts.Symbol): ts.Identifier[] {
  return facts.references(grid).filter((ref) => !isDeclarationName(facts.ts, ref) && !keepsCellsInView(facts, ref));
}

/**
 * Why a whole use may show a Future (undefined when none can): each must come after the sweep, in the function that
 * declares the grid, where none of the statements that may put a Future in (`stores`) can follow it. (Also for an
 * array of gathering rows: gathering-nests.ts.)
 */
export function wholeUseBlocker(facts: FileFacts, declaration: ts.VariableDeclaration, stores: readonly ts.Node[], whole: readonly ts.Identifier[]): string | undefined {
  const { ts } = facts;
  if (whole.length === 0) return undefined;
  const home = ownFunction(ts, declaration);
  const used = (use: ts.Identifier) => `\`${use.text}\` is used whole at line ${lineOf(use)} (\`${snippetOf(ts, use)}\`)`;
  const away = stores.find((store) => ownFunction(ts, store) !== home);
  if (away) return `${used(whole[0]!)} and its cells are stored at line ${lineOf(away)}, in another function than the one declaring it`;
  for (const use of whole) {
    // (In a closure: where the closure is made, if it is an arrow or function expression, which nothing can call
    // before it exists: `const peek = () => grid[1][2]` after the sweep, np73's min-grid-rows-closure.)
    const at = ownFunction(ts, use) === home ? use : madeIn(ts, use, home);
    if (!at) return `${used(use)} by a function of its own, which may run before a later store`;
    const later = stores.find((store) => store.end > at.getStart());
    if (later) return `${used(use)} before the store at line ${lineOf(later)}`;
    const looped = stores.find((store) => loopAroundBoth(ts, at, store, home));
    if (looped) return `${used(use)} in the loop that stores into it (line ${lineOf(looped)}), before the next pass's stores`;
  }
  return undefined;
}

/** The statement a use stands in (or the loop whose header it is in): what explain quotes. */
function snippetOf(t: typeof ts, use: ts.Node): string {
  let n = use;
  while (!t.isSourceFile(n.parent) && !t.isBlock(n.parent) && !t.isCaseClause(n.parent) && !t.isIfStatement(n.parent) &&
    !t.isFunctionLike(n.parent) && !(t.isIterationStatement(n.parent, false) && (n.parent as ts.IterationStatement).statement === n)) n = n.parent;
  return snippet(n);
}

/**
 * The statement `grid[a][b] = v` that `ref` stores a cell in: what may put a Future there. (Not `grid[1][1] += 100`
 * after the sweep, a whole use that updates a value: rv73's r-grid-misc took it for a store after itself.)
 */
function storeOf(facts: FileFacts, ref: ts.Identifier): ts.Node | undefined {
  const { ts } = facts;
  const pushed = pushOf(facts, ref);
  if (pushed) return pushed.parent;
  const cell = cellOf(facts, ref);
  const outer = cell && withWrappers(ts, cell);
  const store = outer?.parent;
  return store && ts.isBinaryExpression(store) && store.left === outer && store.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isExpressionStatement(store.parent) ? store.parent : undefined;
}

/** The function (or file) whose body holds the node, closures being functions of their own. */
function ownFunction(t: typeof ts, node: ts.Node): ts.Node {
  let n = node.parent;
  while (!t.isSourceFile(n) && !t.isFunctionLike(n)) n = n.parent;
  return n;
}

/** The arrow or function expression, made in `home` itself, whose body holds the node (else undefined). */
function madeIn(t: typeof ts, node: ts.Node, home: ts.Node): ts.Node | undefined {
  let fn = ownFunction(t, node);
  while (!t.isSourceFile(fn) && ownFunction(t, fn) !== home) fn = ownFunction(t, fn);
  return t.isArrowFunction(fn) || t.isFunctionExpression(fn) ? fn : undefined;
}

/** A loop inside `home` holds both nodes: the store may run again after the use. */
function loopAroundBoth(t: typeof ts, use: ts.Node, store: ts.Node, home: ts.Node): boolean {
  for (let n = use.parent; n !== home; n = n.parent) {
    if (t.isIterationStatement(n, false) && store.pos >= n.pos && store.end <= n.end) return true;
  }
  return false;
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
 * (a plain store), `grid[a].push(v)` (one value), `grid[a][b]` read.
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
  if (ts.isPropertyAccessExpression(row) && row.expression === parent) return (row.name.text === 'length' && !isWriteTarget(ts, row)) || pushOf(facts, ref) !== undefined;
  const cell = cellOf(facts, ref);
  if (!cell) return false;
  const outer = withWrappers(ts, cell);
  if (!isWriteTarget(ts, outer)) return true;
  // (A plain store, a statement of its own: not `+=`, `++`, nor a destructuring target.)
  const store = outer.parent;
  return ts.isBinaryExpression(store) && store.left === outer && store.operatorToken.kind === ts.SyntaxKind.EqualsToken && statementOf(store) !== undefined;
}

/** `grid[a].push(v)` of `ref`, a statement of its own with one value (a cell stored at the row's end). */
function pushOf(facts: FileFacts, ref: ts.Identifier): ts.CallExpression | undefined {
  const { ts } = facts;
  const row = ref.parent;
  if (!ts.isElementAccessExpression(row) || row.expression !== ref || !numberKey(facts, row)) return undefined;
  const method = row.parent;
  const call = method.parent;
  return ts.isPropertyAccessExpression(method) && method.expression === row && method.name.text === 'push' && ts.isCallExpression(call) &&
    call.expression === method && call.arguments.length === 1 && !ts.isSpreadElement(call.arguments[0]!) && ts.isExpressionStatement(call.parent) ? call : undefined;
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
