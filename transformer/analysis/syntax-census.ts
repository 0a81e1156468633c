/**
 * The function-likes and the calls of a file, in source order, found by one walk and kept per file: task discovery,
 * the failure checks' regions and the plugin's "does this file call a task" walked the whole file for them, each on its
 * own. Syntax only, so it does not depend on the program asking.
 */
import type * as ts from 'typescript';
import { isFunctionLike, type AnalysisContext, type FunctionLike } from './context';

export interface Census {
  readonly functions: readonly FunctionLike[];
  readonly calls: readonly ts.CallExpression[];
}

const censuses = new WeakMap<ts.SourceFile, Census>();

export function censusOf(ctx: AnalysisContext, source: ts.SourceFile): Census {
  let census = censuses.get(source);
  if (!census) {
    const functions: FunctionLike[] = [];
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(ctx, node)) functions.push(node);
      else if (ctx.ts.isCallExpression(node)) calls.push(node);
      ctx.ts.forEachChild(node, visit);
    };
    visit(source);
    census = { functions, calls };
    censuses.set(source, census);
  }
  return census;
}
