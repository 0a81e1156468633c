/**
 * Arrays that collect gathering rows whole: `const grid: number[][] = []`, then in a sweep `const row = []; …
 * row.push(task(…)); grid.push(row)` (or the row pushed first and filled after: np71's min-row-pushed-first). The row
 * gathers Futures as any array does (gathering-arrays.ts), and moving it into the nest passes them on unseen: so the
 * nest's own uses are whole uses, each waiting for every row's Futures (`writtenWithin(grid)`: a walk of its arrays
 * puts each value in its slot, the row's too). That is sound only where no push can follow a whole use: every use
 * of the nest other than a push or a length comes after the sweep, in the function declaring it, in no loop around
 * the pushes (gathering-grids.ts wholeUseBlocker), and nothing in a task names it. Before, each row's loop was split
 * alone and waited for before the next row began (3 of 9 calls at a time).
 */
import type * as ts from 'typescript';
import { symbolOf } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { insideTask } from './own-chains';
import { isDeclarationName, isWriteTarget, skipTransparent, withWrappers } from './syntax';
import { wholeUseBlocker } from './gathering-grids';
import { pushTarget } from './gathering-arrays';

/** Decided once per nest. */
const verdicts = new WeakMap<FileFacts, Map<ts.Symbol, boolean>>();

/** `grid` of `grid.push(row)` (a statement with `ref` its one argument), if grid is a nest (see above). */
export function nestOf(facts: FileFacts, ref: ts.Identifier): ts.Symbol | undefined {
  const nest = pushTarget(facts.ts, withWrappers(facts.ts, ref));
  const symbol = nest && symbolOf(facts.ctx, nest);
  if (!symbol) return undefined;
  let known = verdicts.get(facts);
  if (!known) verdicts.set(facts, known = new Map());
  if (!known.has(symbol)) known.set(symbol, isNest(facts, symbol));
  return known.get(symbol) ? symbol : undefined;
}

/** The uses of a nest that take it whole: each waits for every row's Futures. */
export function wholeNestUses(facts: FileFacts, nest: ts.Symbol): ts.Identifier[] {
  return facts.references(nest).filter((ref) => !isDeclarationName(facts.ts, ref) && !keepsRowsInView(facts.ts, ref));
}

function isNest(facts: FileFacts, symbol: ts.Symbol): boolean {
  const { ts, ctx } = facts;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !facts.isFileLocal(declaration.name) ||
    !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !declaration.initializer) return false;
  const init = skipTransparent(ts, declaration.initializer);
  if (!ts.isArrayLiteralExpression(init) || init.elements.length > 0) return false;
  const refs = facts.references(symbol).filter((ref) => !isDeclarationName(ts, ref));
  if (refs.some((ref) => insideTask(facts, ref))) return false;
  // What may put a Future in: each push into the nest, and every use of a row pushed in (its own pushes and stores).
  const pushes = refs.filter((ref) => keepsRowsInView(ts, ref) && ts.isPropertyAccessExpression(ref.parent) && ref.parent.name.text === 'push');
  const rows = pushes.flatMap((ref) => {
    const call = ref.parent.parent as ts.CallExpression;
    const row = skipTransparent(ts, call.arguments[0]!);
    const rowSymbol = ts.isIdentifier(row) ? symbolOf(ctx, row) : undefined;
    return rowSymbol ? facts.references(rowSymbol).filter((use) => !isDeclarationName(ts, use)) : [];
  });
  return wholeUseBlocker(facts, declaration, [...pushes.map((ref) => ref.parent.parent), ...rows], wholeNestUses(facts, symbol)) === undefined;
}

/** `grid.push(x)` as a statement with one argument, or `grid.length` read: the rows stay where the nest's uses find them. */
function keepsRowsInView(t: typeof ts, ref: ts.Identifier): boolean {
  const access = ref.parent;
  if (!t.isPropertyAccessExpression(access) || access.expression !== ref) return false;
  if (access.name.text === 'length') return !isWriteTarget(t, withWrappers(t, access));
  const call = access.parent;
  return access.name.text === 'push' && t.isCallExpression(call) && call.expression === access && call.arguments.length === 1 &&
    !t.isSpreadElement(call.arguments[0]!) && t.isExpressionStatement(call.parent);
}
