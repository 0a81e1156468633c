/**
 * `const MODE = process.env.MODE ?? 'dev'` → `const MODE = __taskify.atLoad("src/config.ts#MODE", () => process.env.MODE
 * ?? 'dev')`: the program's thread computes and records the value when it imports the module, a worker takes that
 * value when it imports it later (analysis/load-time.ts finds the constants, runtime/api/load-time.ts keeps them).
 */
import type * as ts from 'typescript';
import { moduleStateKey } from '../analysis/module-state-keys';
import type { AnalysisContext } from '../analysis/context';

export function takenAtLoad(ctx: AnalysisContext, f: ts.NodeFactory, statements: ts.Statement[], constants: readonly ts.VariableDeclaration[],
  runtime: (name: string, args: ts.Expression[]) => ts.Expression): ts.Statement[] {
  if (constants.length === 0) return statements;
  const { ts } = ctx;
  const wanted = new Set<ts.Node>(constants);
  return statements.map((statement) => {
    if (!ts.isVariableStatement(statement) || !constants.some((c) => c.parent.parent === ts.getOriginalNode(statement))) return statement;
    const list = statement.declarationList;
    const declarations = list.declarations.map((declaration) => {
      const original = ts.getOriginalNode(declaration) as ts.VariableDeclaration;
      if (!wanted.has(original) || !declaration.initializer) return declaration;
      const make = f.createArrowFunction(undefined, undefined, [], undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), declaration.initializer);
      return f.updateVariableDeclaration(declaration, declaration.name, declaration.exclamationToken, declaration.type,
        runtime('atLoad', [f.createStringLiteral(keyOf(ctx, original)), make]));
    });
    return f.updateVariableStatement(statement, statement.modifiers, f.updateVariableDeclarationList(list, declarations));
  });
}

/** The same in every thread: the file and the name, or where a destructuring declaration starts (`const [, , input] = …`). */
function keyOf(ctx: AnalysisContext, declaration: ts.VariableDeclaration): string {
  if (ctx.ts.isIdentifier(declaration.name)) return moduleStateKey(ctx, declaration);
  const [file] = moduleStateKey(ctx, declaration as ts.VariableDeclaration & { name: ts.Identifier }).split('#');
  return `${file}#@${declaration.getStart()}`;
}
