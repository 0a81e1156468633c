/**
 * Kept state the program uses too: a log tasks append to and the program prints, a tally the program resets between
 * rounds, stats a task counts and `main` reports. The main thread's module object is the one the runtime follows as
 * the tasks' implicit argument (kept-state.ts), so each place the program names it can wait for the tasks that change
 * it and bring their changes home (`waitOn`) and, where it changes the object, mark it so the next task reads the
 * change (`written`): the calls then see one history, the plain program's (rewrite/kept-state-waits.ts).
 *
 * That holds while every such place uses the object where it stands: a chain that ends in a value holding none of
 * its objects (`LOG.list.length`, `LOG.list.join(',')`, `S.n++`, `S.list.push(x)`, `S.list = []`, a statement whose
 * value is dropped) or the object handed to a library function that returns none (`console.log(S)`,
 * `JSON.stringify(S)`). A part kept in a variable, or handed to the program's own code, could be read after later
 * tasks changed the object, with no wait in between: that stays a compile error, which names the place.
 */
import type * as ts from 'typescript';
import { basename } from 'node:path';
import { hasPrimitiveElements, hasPrimitiveProperties, isLibraryGlobal, isPrimitiveNode, isPrimitiveType, type AnalysisContext, type FunctionLike } from './context';
import { codeOfTasks, codeReachedFrom, liesWithin } from './reached-code';
import type { ModuleState } from './module-state';
import { isTransparent, isWriteTarget } from '../rewrite/syntax';
import { isFresh } from '../rewrite/fresh';
import { keepsNothingGiven, usedUpInPlace } from '../rewrite/read-in-place';
import type { SummaryLookup } from './param-effects';
import { heldModuleValues, holderAt, makesAlias, onlyGivesToTaskHolder, sameObjectNames } from './module-holders';

/** A place the program names kept state: wait there, and (`writes`) mark it changed. */
export interface ProgramUse { readonly ref: ts.Identifier; readonly writes: boolean }

type ProgramUses = { uses: ProgramUse[] } | { why: string };
const known = new WeakMap<ModuleState, Map<ts.Symbol, ProgramUses>>();

/** The program's uses of this kept state, or the first one that cannot be followed, as the reason (once per object). */
export function programUsesOf(ctx: AnalysisContext, state: ModuleState, symbol: ts.Symbol, lookup: SummaryLookup): ProgramUses {
  let perState = known.get(state);
  if (!perState) { perState = new Map(); known.set(state, perState); }
  let found = perState.get(symbol);
  if (!found) { found = usesOf(ctx, state, symbol, lookup); perState.set(symbol, found); }
  return found;
}

function usesOf(ctx: AnalysisContext, state: ModuleState, symbol: ts.Symbol, lookup: SummaryLookup): ProgramUses {
  const uses: ProgramUse[] = [];
  for (const node of sameObjectNames(ctx, state, symbol).flatMap((name) => programReferences(ctx, state, name))) {
    if (!ctx.ts.isIdentifier(node) || !usedInPlace(ctx, node, lookup)) {
      const source = node.getSourceFile();
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const text = (ctx.ts.isIdentifier(node) ? outermost(ctx, node).parent : node).getText().replace(/\s+/g, ' ').slice(0, 60);
      return { why: `the program uses it at ${basename(source.fileName)}:${line} (\`${text}\`) in a way that lets a part of it out of sight, ` +
        'so the tasks\' changes could not be brought home before it looks; use it where it stands, as in `S.list.length`, `S.n++`, `console.log(S)`' };
    }
    uses.push({ ref: node, writes: state.changeAt(node) !== undefined });
  }
  // `CONFIG.hits` where the state is `registry = { current: CONFIG }`: a part of it under a name of its own, which the
  // changes brought home to `registry` never reach (tester np31's modalias-write).
  for (const held of heldModuleValues(ctx, symbol)) {
    const named = programReferences(ctx, state, held.symbol).find((node) => holderAt(ctx, node) === undefined);
    if (!named) continue;
    const source = named.getSourceFile();
    const line = source.getLineAndCharacterOfPosition(named.getStart(source)).line + 1;
    const holdAt = held.ref.getSourceFile();
    const heldLine = holdAt.getLineAndCharacterOfPosition(held.ref.getStart(holdAt)).line + 1;
    return { why: `the program names \`${held.ref.text}\` at ${basename(source.fileName)}:${line}, an object the state holds ` +
      `(${basename(holdAt.fileName)}:${heldLine}), so the tasks' changes brought home to the state would not reach it` };
  }
  return { uses };
}

const onlyTasksRun = new WeakMap<ModuleState, ReadonlySet<ts.Node>>();

/**
 * Every place the program names this module object outside task bodies, other than in code only tasks run: a helper
 * the tasks call (`tick()` counting in `C`) is the program's too where the program calls it as well.
 */
function programReferences(ctx: AnalysisContext, state: ModuleState, symbol: ts.Symbol): readonly ts.Node[] {
  const only = codeOnlyTasksRun(ctx, state);
  // (Not where a module variable is given it, `registry = { current: CONFIG }`: module-holders.ts.)
  // (Nor where another name is made for it, `const C = COUNTS`: the other name's uses are judged as its.)
  return state.outsideTaskBodies(symbol).filter((read) => !liesWithin(read, only) && !onlyGivesToTaskHolder(ctx, state, read) &&
    !makesAlias(ctx, state, read));
}

/** The node lies in code only tasks run (a helper the program never calls), where the program cannot look. */
export function runsOnlyInTasks(ctx: AnalysisContext, state: ModuleState, node: ts.Node): boolean {
  return liesWithin(node, codeOnlyTasksRun(ctx, state));
}

function codeOnlyTasksRun(ctx: AnalysisContext, state: ModuleState): ReadonlySet<ts.Node> {
  let only = onlyTasksRun.get(state);
  if (!only) {
    const taskCode = codeOfTasks(ctx, state.taskFunctions());
    const programRuns = new Set<ts.Node>();
    const tasks = new Set(state.taskFunctions());
    for (const named of state.namedFunctions()) {
      // (A task the program calls runs in a worker; called in place, its kept state is brought home first: direct-calls.ts.)
      if (tasks.has(named.valueDeclaration!) || state.outsideTaskBodies(named).every((read) => liesWithin(read, taskCode))) continue;
      const declaration = named.valueDeclaration as FunctionLike;
      for (const part of [declaration, ...codeReachedFrom(ctx, declaration)]) programRuns.add(part);
    }
    only = new Set([...taskCode].filter((part) => !programRuns.has(part)));
    onlyTasksRun.set(state, only);
  }
  return only;
}


/** The end of the chain that starts at `ref`: property and element accesses, calls of what they name. */
function outermost(ctx: AnalysisContext, ref: ts.Identifier): ts.Expression {
  const { ts } = ctx;
  let top: ts.Expression = ref;
  for (;;) {
    const parent = top.parent;
    if (isTransparent(ts, parent) || ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) &&
      parent.expression === top)) top = parent as ts.Expression;
    else return top;
  }
}

function usedInPlace(ctx: AnalysisContext, ref: ts.Identifier, lookup: SummaryLookup): boolean {
  const { ts } = ctx;
  const top = outermost(ctx, ref);
  const parent = top.parent;
  // `S.byName.set(k, entry)`, `S.list = rows`: an object the program still names becomes part of the state, and its
  // later changes would reach the state with no mark. Made on the spot (`[x]`, `{ k }`, `new Set()`), it is the state's alone.
  const stored = ts.isCallExpression(top) ? top.arguments
    : ts.isBinaryExpression(parent) && parent.left === top && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [parent.right] : [];
  if (stored.some((value) => !isPrimitiveNode(ctx, value) && !isFresh(ctx, value))) return false;
  // `S.list.map((o) => keep.push(o)).length`: a callback along the chain that lets a part out.
  for (let n: ts.Node = ref; n !== top; n = n.parent) {
    if (ts.isCallExpression(n.parent) && n.parent.expression === n && !n.parent.arguments.every((a) => isFresh(ctx, a) || keepsNothingGiven(ctx, lookup, a))) return false;
  }
  if (top !== ref && isWriteTarget(ts, top)) return true;
  if (top !== ref && (ts.isExpressionStatement(parent) || ts.isDeleteExpression(parent) || ts.isVoidExpression(parent))) return true;
  const holdsNoObject = (node: ts.Node) => isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(node));
  if (top !== ref && holdsNoObject(top)) return true;
  // `console.log(S)`, `JSON.stringify(S.list)`: read where it stands, by a library function that keeps none of it.
  if (ts.isCallExpression(parent) && parent.arguments.includes(top) && isLibraryCallee(ctx, parent.expression) && holdsNoObject(parent)) return true;
  // `for (const [k, n] of S.counts)`, `[...S.names]`, `Object.entries(S.totals)`: a fresh copy of values, not its objects.
  if (ts.isCallExpression(parent) && parent.arguments[0] === top && parent.expression.getText() === 'Object.keys') return true;
  const copied = ts.isForOfStatement(parent) && parent.expression === top || ts.isSpreadElement(parent) && ts.isArrayLiteralExpression(parent.parent) ||
    ts.isCallExpression(parent) && parent.arguments[0] === top && COPYING_LIBRARY_FUNCTIONS.has(parent.expression.getText());
  if (copied && (hasPrimitiveElements(ctx, top) || hasPrimitiveProperties(ctx, top))) return true;
  // `console.log([...S.names])`, `Object.values(S.totals).reduce((s, t) => s + t.n, 0)`: carried to a reader that keeps none of it.
  return !ts.isCallExpression(top) && usedUpInPlace(ctx, lookup, top);
}

const COPYING_LIBRARY_FUNCTIONS = new Set(['Object.keys', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Array.from', 'structuredClone']);

function isLibraryCallee(ctx: AnalysisContext, callee: ts.Expression): boolean {
  return (ctx.ts.isPropertyAccessExpression(callee) || ctx.ts.isIdentifier(callee)) && isLibraryGlobal(ctx, callee);
}
