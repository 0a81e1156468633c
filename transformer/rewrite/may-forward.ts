/**
 * Whether a function of another file may make a call planned in the caller's file, by syntax alone: its own body (not
 * a nested function's) calls a task, as a forwarder does (`return mean(s.values)`, `(s) => mean(s.values)`:
 * forwarders.ts) and a helper split in halves does (`return { name, total: sum(xs) }`: helper-halves.ts). A file
 * calling such a function has calls to plan, though it calls no task itself (transformer/index.ts skips files with
 * none).
 */
import type * as ts from 'typescript';
import { calledFunction, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';

const callsTaskItself = new WeakMap<ts.Node, boolean>();

export function mayForward(ctx: AnalysisContext, tasks: ReadonlyMap<FunctionLike, TaskInfo>, fn: FunctionLike): boolean {
  const { ts } = ctx;
  let known = callsTaskItself.get(fn);
  if (known === undefined) {
    const visit = (node: ts.Node): boolean => {
      if (ts.isFunctionLike(node)) return false;
      if (ts.isCallExpression(node)) {
        const callee = calledFunction(ctx, node);
        if (callee !== undefined && tasks.has(callee)) return true;
      }
      return ts.forEachChild(node, (child) => visit(child) || undefined) ?? false;
    };
    known = !tasks.has(fn) && fn.body !== undefined && visit(fn.body);
    callsTaskItself.set(fn, known);
  }
  return known;
}
