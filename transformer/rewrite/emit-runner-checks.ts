/**
 * Emits the plan's checks inside functions a try block calls (runner-checkpoints.ts): `const m = __taskify.mark()`
 * first in the body, and `__taskify.checkpoint(m)` before each chosen statement, which throws the first failure among
 * the tasks the call submitted so far, where the plain call threw it.
 */
import type * as ts from 'typescript';
import type { FunctionLike } from '../analysis/context';

export interface RunnerCheckEmitter {
  /** The chosen statements: the visitor must reach them. */
  readonly targets: readonly ts.Node[];
  /** For a chosen statement, what makes its visited form checked first. */
  checkBefore(original: ts.Node): ((visited: ts.Node) => ts.Node[]) | undefined;
  /** The body of `fn` (original) with its mark first, when it has checks. */
  marked(fn: ts.Node, body: ts.Block): ts.Block;
}

export function runnerCheckEmitter(t: typeof ts, f: ts.NodeFactory, checks: ReadonlyMap<FunctionLike, ReadonlySet<ts.Statement>>,
  runtime: (name: string, args: ts.Expression[]) => ts.Expression, nextMark: () => number): RunnerCheckEmitter {
  const owner = new Map<ts.Node, FunctionLike>();
  for (const [fn, statements] of checks) for (const statement of statements) owner.set(statement, fn);
  const marks = new Map<FunctionLike, ts.Identifier>();
  const markOf = (fn: FunctionLike) => {
    let mark = marks.get(fn);
    if (!mark) { mark = f.createIdentifier(`__taskify_runner${nextMark()}`); marks.set(fn, mark); }
    return mark;
  };
  return {
    targets: [...owner.keys()],
    checkBefore(original) {
      const fn = owner.get(original);
      if (!fn) return undefined;
      // An array: in a loop's or an if's single-statement body the factory lifts it into a block.
      return (visited) => [f.createExpressionStatement(runtime('checkpoint', [markOf(fn)])), visited];
    },
    marked(fn, body) {
      if (!checks.has(fn as FunctionLike)) return body;
      const mark = f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(markOf(fn as FunctionLike), undefined, undefined, runtime('mark', []))], t.NodeFlags.Const));
      return f.updateBlock(body, [mark, ...body.statements]);
    },
  };
}
