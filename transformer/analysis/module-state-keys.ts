/**
 * The key a module object is known by in every thread (main, workers, other machines): one notion, so that the
 * transformer's registrations and the tasks' snapshots name the same object.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';

/**
 * The key a module object is registered under in every thread: its file, relative to the program's directory, and its
 * name (`geom.ts#Geom.ORIGIN` for a namespace's).
 */
export function moduleStateKey(ctx: AnalysisContext, declaration: ts.VariableDeclaration): string {
  const file = declaration.getSourceFile().fileName;
  const base = ctx.program.getCurrentDirectory();
  const relative = file.startsWith(base + '/') ? file.slice(base.length + 1) : file;
  return `${relative}#${[...namespacePath(ctx.ts, declaration) ?? [], (declaration.name as ts.Identifier).text].join('.')}`;
}

/**
 * Where a module's variable lives: [] at the module's top level, the namespaces' names for an exported member of
 * namespaces declared there (`export namespace Geom { export const ORIGIN = … }`: ['Geom'], which emitted code reaches
 * as `Geom.ORIGIN`), undefined anywhere else (a function's, a `declare`d namespace's, one the namespace keeps to itself).
 */
export function namespacePath(t: typeof ts, declaration: ts.VariableDeclaration): string[] | undefined {
  const statement = declaration.parent?.parent;
  if (!statement || !t.isVariableStatement(statement)) return undefined;
  if (t.isSourceFile(statement.parent)) return [];
  if (!statement.modifiers?.some((m) => m.kind === t.SyntaxKind.ExportKeyword)) return undefined;
  const path: string[] = [];
  let block: ts.Node = statement.parent;
  while (t.isModuleBlock(block)) {
    const namespace = block.parent;
    if (!t.isIdentifier(namespace.name) || namespace.modifiers?.some((m) => m.kind === t.SyntaxKind.DeclareKeyword)) return undefined;
    path.unshift(namespace.name.text);
    // (`namespace A.B { }` nests B's declaration directly in A's.)
    let outer: ts.Node = namespace.parent;
    while (t.isModuleDeclaration(outer)) { path.unshift((outer.name as ts.Identifier).text); outer = outer.parent; }
    if (t.isSourceFile(outer)) return path;
    block = outer;
  }
  return undefined;
}

/** The top-level statement declaring the variable: its own, or its outermost namespace's. */
export function topLevelStatement(t: typeof ts, declaration: ts.VariableDeclaration): ts.Statement {
  let node: ts.Node = declaration.parent.parent;
  while (!t.isSourceFile(node.parent)) node = node.parent;
  return node as ts.Statement;
}
