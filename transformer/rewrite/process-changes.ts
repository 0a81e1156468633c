/**
 * Main code changing what tasks read from the process they share with it (`process.env.MODE = 'final'`,
 * `process.chdir(dir)`, `process.env.TZ = …`). Every thread of the program has the one environment and working
 * directory, so a task submitted before the change and run after it would read the new value, where the plain call
 * read the old one. Such a statement first waits for every submitted task (`__taskify.beforeProcessChange()`), the one point
 * where all tasks before it have read what they read. Statements are judged on their own code (left-behind.ts
 * processChangeIn): a function that changes the process waits at its own statement, wherever it is called from.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';
import { processChangeIn } from '../analysis/left-behind';

/** The statements of the file that change the process, each to wait for every submitted task before it runs. */
export function processChangingStatements(ctx: AnalysisContext, source: ts.SourceFile): Set<ts.Statement> {
  const { ts } = ctx;
  const found = new Set<ts.Statement>();
  if (!/\bprocess\b/.test(source.text)) return found;
  const visit = (node: ts.Node): void => {
    if ((ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)) &&
      processChangeIn(ctx, node, false)) found.add(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
