/**
 * A file's nodes, found by one walk and kept per file: every node in source order (pre-order, as ts.forEachChild
 * visits them from the file), where each node's subtree ends in that order, and the function-likes and the calls.
 * Task discovery, the failure checks' regions, the plugin's "does this file call a task", the index of member writes
 * (replaced-members.ts), the planner's index of references (rewrite/file-facts.ts) and the program scan for module
 * state (module-state.ts) each walked every node of the file on its own; a loop over this array visits them in the
 * same order for a fraction of a recursive walk's cost. Syntax only, so it does not depend on the program asking.
 */
import type * as ts from 'typescript';
import { isFunctionLike, type AnalysisContext, type FunctionLike } from './context';

export interface Census {
  /** Every node of the file, the file first, in the order a recursive ts.forEachChild walk from the file meets them. */
  readonly nodes: readonly ts.Node[];
  /** Per node of `nodes` (same index): the index just past its subtree (its descendants are the nodes in between). */
  readonly ends: readonly number[];
  readonly functions: readonly FunctionLike[];
  readonly calls: readonly ts.CallExpression[];
}

const censuses = new WeakMap<ts.SourceFile, Census>();

export function censusOf(ctx: AnalysisContext, source: ts.SourceFile): Census {
  let census = censuses.get(source);
  if (!census) {
    const nodes: ts.Node[] = [];
    const ends: number[] = [];
    const functions: FunctionLike[] = [];
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      const at = nodes.length;
      nodes.push(node);
      ends.push(0);
      if (isFunctionLike(ctx, node)) functions.push(node);
      else if (ctx.ts.isCallExpression(node)) calls.push(node);
      ctx.ts.forEachChild(node, visit);
      ends[at] = nodes.length;
    };
    visit(source);
    census = { nodes, ends, functions, calls };
    censuses.set(source, census);
  }
  return census;
}
