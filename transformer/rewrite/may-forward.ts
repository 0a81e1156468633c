/**
 * Whether a function may be a forwarder (forwarders.ts), by syntax alone: it returns a task's call somewhere
 * (`return mean(s.values)`, `(s) => mean(s.values)`). A file calling such a function of another file has calls to
 * plan, though it calls no task itself (transformer/index.ts skips files with none).
 */
import type * as ts from 'typescript';
import { calledFunction, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { skipTransparent } from './syntax';

const returnsTaskCall = new WeakMap<ts.Node, boolean>();

export function mayForward(ctx: AnalysisContext, tasks: ReadonlyMap<FunctionLike, TaskInfo>, fn: FunctionLike): boolean {
  const { ts } = ctx;
  let known = returnsTaskCall.get(fn);
  if (known === undefined) {
    const isTaskCall = (e: ts.Expression | undefined): boolean => {
      const call = e && skipTransparent(ts, e);
      const callee = call && ts.isCallExpression(call) ? calledFunction(ctx, call) : undefined;
      return callee !== undefined && tasks.has(callee);
    };
    const visit = (node: ts.Node): boolean => {
      if (ts.isReturnStatement(node)) return isTaskCall(node.expression);
      if (node !== fn.body && ts.isFunctionLike(node)) return false;
      return ts.forEachChild(node, (child) => visit(child) || undefined) ?? false;
    };
    known = !tasks.has(fn) && fn.body !== undefined && (ts.isBlock(fn.body) ? visit(fn.body) : isTaskCall(fn.body as ts.Expression));
    returnsTaskCall.set(fn, known);
  }
  return known;
}
