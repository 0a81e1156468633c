/**
 * A top-level constant computed as its module loads from a module object that a statement before it changed where no
 * worker runs it (`for (…) cfg.push(Number(a))`, then `const SCALE = cfg[0] * 2`): the name read and that change. A
 * worker computes the constant from its own unchanged object (np70: a task reading SCALE computed with NaN); the
 * program's thread computes it alone (rewrite/emit-module-setup.ts). Through constants computed from such, too.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import { isReference } from '../rewrite/syntax';
import type { ModuleRead, ModuleState } from './module-state';

export function computedFromEntryCode(ctx: AnalysisContext, state: ModuleState, declaration: ts.VariableDeclaration,
  seen = new Set<ts.Node>()): ModuleRead | undefined {
  const { ts } = ctx;
  const statement = declaration.parent.parent;
  if (seen.has(declaration) || !declaration.initializer || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  seen.add(declaration);
  let found: ModuleRead | undefined;
  const visit = (node: ts.Node): void => {
    // (Not the body of a function it only makes, `const first = () => cfg[0]`: rv73's r-const-arrow-reads.)
    if (found || ts.isFunctionLike(node)) return;
    const declared = ts.isIdentifier(node) && isReference(ts, node) ? symbolOf(ctx, node)?.valueDeclaration : undefined;
    if (declared && ts.isVariableDeclaration(declared) && declared.getSourceFile() === statement.getSourceFile()) {
      const change = state.changeOfModuleObject(symbolOf(ctx, node)!);
      const changer = change && ts.findAncestor(change, (n) => ts.isSourceFile(n.parent));
      if (changer && changer.end <= statement.pos && !state.runsInWorkersToo(change!)) found = { ref: node as ts.Identifier, change: change! };
      else found = computedFromEntryCode(ctx, state, declared, seen);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.initializer);
  return found;
}
