/** The JSDoc tags taskify reads: @task, @rro <param>, and the overrides @in / @out / @inout <param>. */
import type * as ts from 'typescript';
import type { Direction } from './directions';
import type { AnalysisContext, FunctionLike } from './context';

export interface TaskTags {
  readonly task: ts.JSDocTag;
  readonly rro: readonly { readonly name: string; readonly tag: ts.JSDocTag }[];
  readonly overrides: readonly { readonly name: string; readonly direction: Direction; readonly tag: ts.JSDocTag }[];
}

/** The node whose JSDoc belongs to a function: `export const f = () => …` carries it on the variable. */
export function jsDocHost(ctx: AnalysisContext, fn: FunctionLike): ts.Node {
  const { ts } = ctx;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent)) return fn.parent;
  return fn;
}

export function readTaskTags(ctx: AnalysisContext, fn: FunctionLike): TaskTags | undefined {
  const tags = ctx.ts.getJSDocTags(jsDocHost(ctx, fn));
  const task = tags.find((t) => t.tagName.text === 'task');
  if (!task) return undefined;
  const rro: { name: string; tag: ts.JSDocTag }[] = [];
  const overrides: { name: string; direction: Direction; tag: ts.JSDocTag }[] = [];
  for (const tag of tags) {
    const kind = tag.tagName.text;
    if (kind !== 'rro' && kind !== 'in' && kind !== 'out' && kind !== 'inout') continue;
    const name = firstWord(ctx, tag);
    if (kind === 'rro') rro.push({ name, tag });
    else overrides.push({ name, direction: kind, tag });
  }
  return { task, rro, overrides };
}

function firstWord(ctx: AnalysisContext, tag: ts.JSDocTag): string {
  const comment = typeof tag.comment === 'string' ? tag.comment : ctx.ts.getTextOfJSDocComment(tag.comment) ?? '';
  return comment.trim().split(/\s+/)[0] ?? '';
}
