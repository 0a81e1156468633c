/**
 * A function's name: as written (for messages and explain) and as its module exports it (the name a worker imports a
 * task by, or nothing when no worker could).
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';

/** The function's name as its module exports it, or undefined if a worker could not import it. */
export function exportedName(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const { ts } = ctx;
  const nameNode = ts.isFunctionDeclaration(fn) ? fn.name
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)
      ? fn.parent.name : undefined;
  if (!nameNode) return undefined;
  const symbol = symbolOf(ctx, nameNode);
  const moduleSymbol = symbolOf(ctx, fn.getSourceFile());
  if (!symbol || !moduleSymbol) return undefined;
  for (const exported of ctx.checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(exported) : exported;
    if (target === symbol) return exported.name;
  }
  return undefined;
}

/**
 * A function declared in a namespace (`namespace Ops { export function run(…) }`): code reaches it as a member,
 * `Ops.run(…)`, from this file or any module the namespace is exported to, which no index of the file's references to
 * its name lists (np60's min-namespace-param-not-waited). Its calls are never all in sight.
 */
export function inNamespace(t: typeof ts, fn: FunctionLike): boolean {
  for (let n: ts.Node = fn.parent; !t.isSourceFile(n); n = n.parent) if (t.isModuleDeclaration(n)) return true;
  return false;
}

export function functionName(ctx: AnalysisContext, fn: FunctionLike): string {
  const { ts } = ctx;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.getText();
  if (ts.isVariableDeclaration(fn.parent)) return fn.parent.name.getText();
  return '(anonymous)';
}
