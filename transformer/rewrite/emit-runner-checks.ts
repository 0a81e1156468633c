/**
 * Emits the plan's checks inside functions a try block calls (runner-checkpoints.ts): `const m = __taskify.mark()`
 * first in the body, and `__taskify.checkpoint(m)` before each chosen statement, which throws the first failure among
 * the tasks the call submitted so far, where the plain call threw it.
 */
import type * as ts from 'typescript';
import type { FunctionLike } from '../analysis/context';
import type { RunnerCheck } from './runner-checkpoints';

export interface RunnerCheckEmitter {
  /** The functions and their chosen statements: the visitor must reach them (a function that only checks at exit too). */
  readonly targets: readonly ts.Node[];
  /** For a chosen statement, what makes its visited form checked first. */
  checkBefore(original: ts.Node): ((visited: ts.Node) => ts.Node[]) | undefined;
  /** The (visited) body of `fn` (original) with its mark first and its check at exit, when it has checks. */
  marked(fn: ts.Node, body: ts.ConciseBody): ts.ConciseBody;
}

export function runnerCheckEmitter(t: typeof ts, f: ts.NodeFactory, checks: ReadonlyMap<FunctionLike, RunnerCheck>,
  runtime: (name: string, args: ts.Expression[]) => ts.Expression, nextMark: () => number): RunnerCheckEmitter {
  const owner = new Map<ts.Node, FunctionLike>();
  for (const [fn, { before }] of checks) for (const statement of before) owner.set(statement, fn);
  const marks = new Map<FunctionLike, ts.Identifier>();
  const markOf = (fn: FunctionLike) => {
    let mark = marks.get(fn);
    if (!mark) { mark = f.createIdentifier(`__taskify_runner${nextMark()}`); marks.set(fn, mark); }
    return mark;
  };
  return {
    targets: [...checks.keys(), ...owner.keys()],
    checkBefore(original) {
      const fn = owner.get(original);
      if (!fn) return undefined;
      // An array: in a loop's or an if's single-statement body the factory lifts it into a block.
      return (visited) => [f.createExpressionStatement(runtime('checkpoint', [markOf(fn)])), visited];
    },
    marked(fn, body) {
      const check = checks.get(fn as FunctionLike);
      if (!check) return body;
      const mark = f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(markOf(fn as FunctionLike), undefined, undefined, runtime('mark', []))], t.NodeFlags.Const));
      const statements = t.isBlock(body) ? [...body.statements] : [f.createReturnStatement(body)];
      if (!check.atExit) return f.createBlock([mark, ...statements], true);
      // However it ends: a failure of its tasks rejects its promise, first among what it threw.
      const atExit = f.createBlock([f.createExpressionStatement(runtime('checkpoint', [markOf(fn as FunctionLike)]))], true);
      return f.createBlock([mark, f.createTryStatement(f.createBlock(statements, true), undefined, atExit)], true);
    },
  };
}
