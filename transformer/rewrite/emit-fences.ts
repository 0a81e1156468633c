/**
 * Emitting a FencePlan (fences.ts): `__taskify.fence()` before the statements that may observe what fenced tasks
 * write, at the end of the blocks that need one, in a `finally` around the bodies of functions holding fenced
 * calls, and as a call returns whose function's callers fence for it where this caller cannot (`afterFence`). The fenced calls themselves are emitted by emit.ts as `submitFenced`. Also `__taskify.beforeProcessChange()` before the
 * statements that change the process tasks share (process-changes.ts).
 */
import type * as ts from 'typescript';
import type { FencePlan } from './fences';
import { replaceBody } from './replace-body';

export interface FenceEmitter {
  /** Nodes the visitor must reach (the statements, blocks and functions of the plan). */
  readonly targets: readonly ts.Node[];
  /** The visited form of `original`, with its fences. */
  around(original: ts.Node, visited: ts.Node | ts.Node[]): ts.Node | ts.Node[];
  /** The file's statements, with the fence its end needs. */
  atFileEnd(source: ts.SourceFile, statements: ts.Statement[]): ts.Statement[];
}

export function fencesAround(t: typeof ts, f: ts.NodeFactory, fences: FencePlan, settles: ReadonlySet<ts.Statement>,
  runtime: (name: string, args: ts.Expression[]) => ts.Expression): FenceEmitter {
  const fence = (): ts.Statement => f.createExpressionStatement(runtime('fence', []));
  const fencedForm = (original: ts.Node, visited: ts.Node | ts.Node[]): ts.Node | ts.Node[] => {
    // (A call of a function whose callers fence for it, where this caller cannot: `__taskify.afterFence(a.add(1))`.)
    if (t.isCallExpression(original) && fences.afterCalls.has(original)) return runtime('afterFence', [visited as ts.Expression]);
    if (Array.isArray(visited)) return fences.before.has(original as ts.Statement) ? [fence(), ...visited] : visited;
    if (fences.before.has(original as ts.Statement)) return [fence(), visited];
    if (t.isBlock(original) && fences.atEnd.has(original)) return f.updateBlock(visited as ts.Block, [...(visited as ts.Block).statements, fence()]);
    const onExit = fences.onExit.has(original as never);
    if (onExit || fences.onThrow.has(original as never)) {
      const fn = visited as ts.FunctionLikeDeclaration;
      const body = f.createBlock(t.isBlock(fn.body!) ? [...fn.body.statements] : [f.createReturnStatement(fn.body as ts.Expression)], true);
      // However the function is left, a caller may look at what its fenced tasks write; or, its callers fencing for it
      // (carried-fences.ts), when it throws, so that a failed task's error comes first, as the sequential call threw it.
      const thrown = f.createUniqueName('thrown');
      const rethrow = f.createCatchClause(f.createVariableDeclaration(thrown), f.createBlock([fence(), f.createThrowStatement(thrown)], true));
      const guarded = onExit ? f.createTryStatement(body, undefined, f.createBlock([fence()], true)) : f.createTryStatement(body, rethrow, undefined);
      return replaceBody(t, f, fn, f.createBlock([guarded], true));
    }
    return visited;
  };
  const inList = (node: ts.Node): boolean => t.isBlock(node.parent) || t.isSourceFile(node.parent) || t.isCaseOrDefaultClause(node.parent) || t.isModuleBlock(node.parent);
  /** A statement changing the process, after every submitted task. */
  const settledForm = (original: ts.Node, visited: ts.Node | ts.Node[]): ts.Node | ts.Node[] => {
    if (!settles.has(original as ts.Statement)) return visited;
    const statements = [f.createExpressionStatement(runtime('beforeProcessChange', [])), ...(Array.isArray(visited) ? visited : [visited])] as ts.Statement[];
    // (`if (x) process.chdir(d);`: one statement where the list has none.)
    return inList(original) ? statements : f.createBlock(statements, true);
  };
  return {
    targets: [...fences.before.keys(), ...[...fences.atEnd].filter((b) => !t.isSourceFile(b)), ...fences.onExit, ...fences.onThrow, ...fences.afterCalls, ...settles],
    around(original, visited) {
      return settledForm(original, fencedForm(original, visited));
    },
    atFileEnd(source, statements) {
      return fences.atEnd.has(source) ? [...statements, fence()] : statements;
    },
  };
}
