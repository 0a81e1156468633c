/**
 * The key a module object is known by in every thread (main, workers, other machines): one notion, so that the
 * transformer's registrations and the tasks' snapshots name the same object.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';

/** The key a module object is registered under in every thread: its file, relative to the program's directory, and its name. */
export function moduleStateKey(ctx: AnalysisContext, declaration: ts.VariableDeclaration): string {
  const file = declaration.getSourceFile().fileName;
  const base = ctx.program.getCurrentDirectory();
  const relative = file.startsWith(base + '/') ? file.slice(base.length + 1) : file;
  return `${relative}#${(declaration.name as ts.Identifier).text}`;
}
