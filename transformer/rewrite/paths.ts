/** How emitted code names things outside itself: a task's module, and a call's site for error messages. */
import type * as ts from 'typescript';
import { dirname, relative } from 'node:path';
import type { AnalysisContext } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';

/** `file:line` of a node, relative to the working directory, for errors. */
export function siteOf(node: ts.Node): string {
  const source = node.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  const file = relative(process.cwd(), source.fileName) || source.fileName;
  return `${file.replace(/\\/g, '/')}:${line + 1}`;
}

/**
 * An expression for the emitted module that defines `task`, as a worker can import it. Source files keep their
 * relative layout in the output (outDir mirrors rootDir), so the relative path between sources holds between outputs.
 */
export function moduleReference(ctx: AnalysisContext, f: ts.NodeFactory, from: ts.SourceFile, task: TaskInfo, esm: boolean): ts.Expression {
  const here = esm ? f.createPropertyAccessExpression(f.createMetaProperty(ctx.ts.SyntaxKind.ImportKeyword, f.createIdentifier('meta')), 'url')
    : f.createIdentifier('__filename');
  if (task.file === from.fileName) return here;
  let path = relative(dirname(from.fileName), task.file).replace(/\\/g, '/').replace(/\.(m|c)?tsx?$/, (_, m: string | undefined) => `.${m ?? ''}js`);
  if (!path.startsWith('.')) path = `./${path}`;
  return esm
    ? f.createPropertyAccessExpression(f.createNewExpression(f.createIdentifier('URL'), undefined, [f.createStringLiteral(path), here]), 'href')
    : f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('require'), 'resolve'), undefined, [f.createStringLiteral(path)]);
}
