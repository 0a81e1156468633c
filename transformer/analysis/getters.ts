/**
 * Getters of the program's own code that change their object (`get next() { return ++this.n }`): reading one is a
 * write. Their names are found once per program, so that only accesses by such a name cost a symbol lookup.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';

const getterNames = new WeakMap<ts.Program, Set<string>>();

/** Names of the program's getters whose bodies may change something: found once per program. */
export function changingGetterNames(ctx: AnalysisContext): Set<string> {
  let names = getterNames.get(ctx.program);
  if (!names) {
    const found = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ctx.ts.isGetAccessorDeclaration(node) && node.body && bodyChanges(ctx, node.body)) found.add(node.name.getText());
      ctx.ts.forEachChild(node, visit);
    };
    for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
    names = found;
    getterNames.set(ctx.program, names);
  }
  return names;
}

/** The getter `access` runs, if it is the program's own and its body may change something (syntactically). */
export function changingGetter(ctx: AnalysisContext, access: ts.PropertyAccessExpression): ts.GetAccessorDeclaration | undefined {
  const { ts } = ctx;
  const symbol = ctx.checker.getSymbolAtLocation(access.name);
  const getter = symbol?.declarations?.find((d): d is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(d));
  if (!getter?.body || getter.getSourceFile().isDeclarationFile) return undefined;
  return bodyChanges(ctx, getter.body) ? getter : undefined;
}

function bodyChanges(ctx: AnalysisContext, body: ts.Node): boolean {
  const { ts } = ctx;
  const changes = (node: ts.Node): boolean => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    if (ts.isDeleteExpression(node) || ts.isCallExpression(node)) return true;
    return ts.forEachChild(node, changes) === true;
  };
  return changes(body);
}

/** The access is being assigned to (then it is a write handled elsewhere, or a setter). */
export function isWriteTargetExpression(t: typeof ts, expr: ts.Expression): boolean {
  const parent = expr.parent;
  return t.isBinaryExpression(parent) && parent.left === expr && parent.operatorToken.kind >= t.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= t.SyntaxKind.LastAssignment;
}
