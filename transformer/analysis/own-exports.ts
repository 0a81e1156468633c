/**
 * A CommonJS module calling its own exports: `exports.variance = function (values) { var m = exports.mean(values); … }`
 * (ml-stat), `module.exports.f(x)`. The checker resolves such a call to the function assigned there, but a callee that
 * is a member of an object is not trusted by default (callee-names.ts: something may reassign the member), so every
 * such call was unknown code's. It is that function when the module assigns the member exactly once (two assignments:
 * the checker picks one, which may be the reader), and the module neither replaces its exports object
 * (`module.exports = …`: `exports.f` then names the old one), nor writes its members by computed key or hands the
 * object on (`exports[k] = …`, `Object.assign(exports, …)`, `use(exports)`), where the checker sees no assignment.
 * Another module writing `require('./m').f = …` is not looked for, as for any required module's member
 * (babel-interop.ts's requiredModuleMember).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { skipParens } from './expressions';
import { functionMember } from './function-members';

/** The export symbol `exports.f` / `module.exports.f` names in its own module, when the module keeps it as assigned. */
export function ownExportMember(ctx: AnalysisContext, callee: ts.Expression): ts.Symbol | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (!isExportsObject(ctx, callee.expression)) return functionMember(ctx, callee); // `api.walk(…)`: function-members.ts
  const file = callee.getSourceFile();
  if (!keepsItsExports(ctx, file)) return undefined;
  const symbol = ctx.checker.getSymbolAtLocation(callee.name);
  const declarations = symbol?.declarations ?? [];
  // (Assigned once, in this module, by `exports.f = …` / `module.exports.f = …`.)
  if (declarations.length !== 1 || declarations[0].getSourceFile() !== file) return undefined;
  const declaration = declarations[0];
  const assignment = declaration.parent;
  if (!ts.isPropertyAccessExpression(declaration) || !ts.isBinaryExpression(assignment) || assignment.left !== declaration ||
    assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  return symbol;
}

/** `exports` or `module.exports` of the CommonJS module itself (not a local variable of that name). */
function isExportsObject(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  expr = skipParens(ts, expr);
  const isFree = (id: ts.Identifier): boolean => {
    // (Bound by the module itself, which the checker shows as the file, the assignment or a synthetic identifier, or
    // declared by @types/node's `var module: NodeModule`: no binding the program's own code makes.)
    const declarations = ctx.checker.getSymbolAtLocation(id)?.declarations ?? [];
    return declarations.every((d) => d.getSourceFile().isDeclarationFile || !(ts.isVariableDeclaration(d) || ts.isParameter(d) ||
      ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isBindingElement(d) || ts.isImportClause(d) ||
      ts.isImportSpecifier(d) || ts.isNamespaceImport(d) || ts.isImportEqualsDeclaration(d)));
  };
  if (ts.isIdentifier(expr)) return expr.text === 'exports' && isFree(expr);
  return ts.isPropertyAccessExpression(expr) && expr.name.text === 'exports' && ts.isIdentifier(expr.expression) &&
    expr.expression.text === 'module' && isFree(expr.expression);
}

const kept = new WeakMap<ts.SourceFile, boolean>();

/** Every mention of the exports object in the file reads or plainly assigns a named member; none replaces it. */
function keepsItsExports(ctx: AnalysisContext, file: ts.SourceFile): boolean {
  let known = kept.get(file);
  if (known === undefined) { known = everyMentionNamesAMember(ctx, file); kept.set(file, known); }
  return known;
}

function everyMentionNamesAMember(ctx: AnalysisContext, file: ts.SourceFile): boolean {
  const { ts } = ctx;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if ((ts.isIdentifier(node) && node.text === 'exports' && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) ||
      (ts.isPropertyAccessExpression(node) && node.name.text === 'exports' && ts.isIdentifier(node.expression) && node.expression.text === 'module')) {
      if (!isExportsObject(ctx, node as ts.Expression)) return; // a local `exports`: not the module's object
      const use = node.parent;
      // `exports.f` read, called or assigned with `=`: the checker binds each assignment. Anything else is not followed.
      const named = ts.isPropertyAccessExpression(use) && use.expression === node;
      const updated = named && ((ts.isBinaryExpression(use.parent) && use.parent.left === use && use.parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken &&
        use.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && use.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
        ts.isDeleteExpression(use.parent) || ts.isPrefixUnaryExpression(use.parent) || ts.isPostfixUnaryExpression(use.parent));
      if (!named || updated) ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return ok;
}
