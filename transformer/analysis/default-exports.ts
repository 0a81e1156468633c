/**
 * `export default { mode: 'fast' }`: an object no variable names, which importers name as they like (`import D from
 * './base'`). A task reading it reads its worker's copy; a change the program makes (`D.mode = 'slow'`) never reaches
 * it (tester np32's defexp). Module state travels by a module variable's name (module-state.ts), so such a read is a
 * compile error that says how to give it one.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import { changeOfReference } from './reference-changes';
import { censusOf } from './syntax-census';

const perProgram = new WeakMap<ts.Program, Map<ts.Symbol, ts.Node | null>>();

/** The default export object `symbol` names (resolved), if it is one: `export default <object literal or new …>`. */
export function defaultExportObject(ctx: AnalysisContext, symbol: ts.Symbol): ts.ExportAssignment | undefined {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isExportAssignment(declaration) || declaration.isExportEquals || declaration.getSourceFile().isDeclarationFile) return undefined;
  const value = declaration.expression;
  return ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value) || ts.isNewExpression(value) ? declaration : undefined;
}

/** Where the program, outside `tasks`, changes or hands on the default export object `symbol`; undefined if nowhere. */
export function defaultExportChange(ctx: AnalysisContext, symbol: ts.Symbol, inTask: (node: ts.Node) => boolean): ts.Node | undefined {
  let known = perProgram.get(ctx.program);
  if (!known) { known = new Map(); perProgram.set(ctx.program, known); }
  const cached = known.get(symbol);
  if (cached !== undefined) return cached ?? undefined;
  const { ts } = ctx;
  let found: ts.Node | undefined;
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile || found) continue;
    // The names this file's default imports give it.
    const names = new Set<string>();
    for (const statement of file.statements) {
      const local = ts.isImportDeclaration(statement) ? statement.importClause?.name : undefined;
      if (local && symbolOf(ctx, local) === symbol) names.add(local.text);
    }
    if (names.size === 0) continue;
    for (const node of censusOf(ctx, file).nodes) {
      if (!ts.isIdentifier(node) || !names.has(node.text) || ts.isImportClause(node.parent) || symbolOf(ctx, node) !== symbol || inTask(node)) continue;
      found = changeOfReference(ctx, node);
      if (found) break;
    }
  }
  known.set(symbol, found ?? null);
  return found;
}
