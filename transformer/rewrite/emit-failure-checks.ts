/**
 * Emits the plan's failure checks (failure-checks.ts): `__taskify.checkpoint(m)` before each chosen statement (or as
 * the first part of a chosen loop incrementor, or before each step of a `for…of` over program code's iterator, or
 * `__taskify.checked(m, call)` as a chosen call returns, or `await __taskify.checkedAwait(m, x)` where an async function
 * resumes), which waits for the region's tasks so far and throws their first
 * failure where the plain call threw it. A function's mark is `const m = __taskify.mark()` first in its body; a try
 * block's is the one emit.ts makes for it; the top level's is made first in the file (tasks the file submits).
 */
import type * as ts from 'typescript';
import type { FunctionLike } from '../analysis/context';
import type { Region, RegionCheck } from './failure-checks';
import { handlingTries } from './resume-checks';

export interface FailureCheckEmitter {
  /** The functions and their chosen nodes: the visitor must reach them (a function that only checks at exit too). */
  readonly targets: readonly ts.Node[];
  /** For a chosen node (original), what makes its visited form checked first. */
  checkBefore(original: ts.Node): ((visited: ts.Node | ts.Node[]) => ts.Node | ts.Node[]) | undefined;
  /** For an await that checks where it resumes (resume-checks.ts), its `checkedAwait(m, x, caught)` of the visited `x`. */
  checkedAwait(original: ts.AwaitExpression): ((visited: ts.Expression) => ts.Expression) | undefined;
  /** The (visited) body of `fn` (original) with its mark first and its check at exit, when it has checks. */
  marked(fn: ts.Node, body: ts.ConciseBody): ts.ConciseBody;
  /** The mark of a try statement's block (emit.ts declares it). */
  markOf(region: Region): ts.Expression;
  /** `const __taskify_top = __taskify.mark()`, first in the file, when its top level checks. */
  topMark(source: ts.SourceFile): ts.Statement[];
}

export function failureCheckEmitter(t: typeof ts, f: ts.NodeFactory, checks: ReadonlyMap<Region, RegionCheck>,
  runtime: (name: string, args: ts.Expression[]) => ts.Expression, nextMark: () => number): FailureCheckEmitter {
  const owner = new Map<ts.Node, Region>();
  const afterCalls = new Set<ts.Node>();
  const awaitRegions = new Map<ts.AwaitExpression, Region>();
  for (const [region, { before, after, awaits }] of checks) {
    for (const node of before.keys()) owner.set(node, region);
    for (const node of awaits) awaitRegions.set(node, region);
    for (const call of after) { owner.set(call, region); afterCalls.add(call); }
  }
  const marks = new Map<Region, ts.Identifier>();
  const markOf = (region: Region): ts.Expression => {
    let mark = marks.get(region);
    // Not `__taskify_<name>_<n>`: that is how task handles are named, and a task may be called `mark`.
    if (!mark) {
      mark = f.createIdentifier(t.isSourceFile(region) ? '__taskify_top' : t.isTryStatement(region) ? `__taskify_try${nextMark()}` : `__taskify_runner${nextMark()}`);
      marks.set(region, mark);
    }
    return mark;
  };
  const check = (region: Region) => runtime('checkpoint', [markOf(region)]);
  return {
    targets: [...[...checks.keys()].filter((region) => !t.isSourceFile(region)), ...owner.keys(), ...awaitRegions.keys()],
    checkedAwait(original) {
      const region = awaitRegions.get(original);
      if (!region) return undefined;
      // (In a try block with a catch or a finally: a failed call before it went there at once in the plain program,
      // before the awaits reached earlier in its run resumed, so a failure resumes it first: `caught`. np65's
      // min-finally-await: a failing job's `finally { await null; log() }` printed first.)
      const caught = handlingTries(t, original).length > 0;
      return (visited) => runtime('checkedAwait', [markOf(region), visited, ...(caught ? [f.createTrue()] : [])]);
    },
    checkBefore(original) {
      const region = owner.get(original);
      if (!region) return undefined;
      // `loaded.push(load(raw))`: `loaded.push(checked(m, load(raw)))`, checked as it returns.
      if (afterCalls.has(original)) return (visited) => runtime('checked', [markOf(region), visited as ts.Expression]);
      // `for (const x of walk(xs))`: `for (const x of checkedSteps(m, walk(xs)))`, a check before every step.
      if (t.isForOfStatement(original.parent) && original.parent.expression === original) {
        return (visited) => runtime('checkedSteps', [markOf(region), visited as ts.Expression]);
      }
      // `for (; i < n; i++)`: `(checkpoint(m), i++)`.
      if (!t.isStatement(original)) return (visited) => f.createParenthesizedExpression(f.createCommaListExpression([check(region), visited as ts.Expression]));
      // An array: in a loop's or an if's single-statement body the factory lifts it into a block.
      return (visited) => [f.createExpressionStatement(check(region)), ...(Array.isArray(visited) ? visited : [visited])];
    },
    marked(fn, body) {
      const regionCheck = checks.get(fn as FunctionLike);
      if (!regionCheck) return body;
      const mark = f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(markOf(fn as FunctionLike) as ts.Identifier, undefined, undefined, runtime('mark', []))], t.NodeFlags.Const));
      const statements = t.isBlock(body) ? [...body.statements] : [f.createReturnStatement(body)];
      if (!regionCheck.atExit) return f.createBlock([mark, ...statements], true);
      // However it ends: a failure of its tasks rejects its promise, first among what it threw.
      const atExit = f.createBlock([f.createExpressionStatement(check(fn as FunctionLike))], true);
      return f.createBlock([mark, f.createTryStatement(f.createBlock(statements, true), undefined, atExit)], true);
    },
    markOf,
    topMark(source) {
      if (!checks.has(source)) return [];
      return [f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(markOf(source) as ts.Identifier, undefined, undefined, runtime('mark', []))], t.NodeFlags.Const))];
    },
  };
}

