/**
 * Who owns a method whose calls the runtime may run ahead, in halves, or let claim their Futures (forwarders.ts,
 * helper-halves.ts, runtime/api/made-ahead.ts), and how emitted code names it:
 * - a named class: its body names the method `Part.prototype.total` (`Part.sumOf` when static), and the class marks
 *   and registers it in a static block, `this.prototype.total` (emit-forwarders.ts);
 * - an object literal held by a `const` of the file, not exported (`const api = { run(x) { return work(x) } }`):
 *   `api.run`, marked and registered right after the declaration. Exported, a CommonJS build keeps no local binding
 *   for the name (`exports.api = {…}`). A literal with a spread or another member of that name is none: `api.run`
 *   might be another function than the one planned.
 * Which function a call reaches is still checked when it runs (an override, a reassigned member, a look-alike object).
 */
import type * as ts from 'typescript';

export type MethodOwner =
  | { readonly kind: 'class'; readonly declaration: ts.ClassDeclaration }
  | { readonly kind: 'literal'; readonly name: ts.Identifier; readonly statement: ts.VariableStatement };

export function methodOwner(t: typeof ts, method: ts.MethodDeclaration): MethodOwner | undefined {
  if (!t.isIdentifier(method.name)) return undefined;
  const parent = method.parent;
  if (t.isClassDeclaration(parent)) return parent.name ? { kind: 'class', declaration: parent } : undefined;
  if (!t.isObjectLiteralExpression(parent) || method.modifiers?.length || method.asteriskToken) return undefined;
  const declaration = parent.parent;
  if (!t.isVariableDeclaration(declaration) || declaration.initializer !== parent || !t.isIdentifier(declaration.name) ||
    (t.getCombinedNodeFlags(declaration) & t.NodeFlags.Const) === 0) return undefined;
  const statement = declaration.parent.parent;
  if (!t.isVariableStatement(statement) || statement.modifiers?.some((m) => m.kind === t.SyntaxKind.ExportKeyword)) return undefined;
  const name = method.name.text;
  // (A computed key may be this name too.)
  const clashes = (p: ts.ObjectLiteralElementLike) => p !== method && (t.isSpreadAssignment(p) || !p.name || t.isComputedPropertyName(p.name) ||
    (t.isIdentifier(p.name) || t.isStringLiteral(p.name) || t.isNumericLiteral(p.name) ? p.name.text === name : true));
  const alone = !parent.properties.some(clashes);
  return alone ? { kind: 'literal', name: declaration.name, statement } : undefined;
}

/** How the method's body names it: `Part.prototype.total`, `Part.sumOf` when static, `api.run` for a literal's. */
export function methodPath(t: typeof ts, method: ts.MethodDeclaration): string[] {
  const owner = methodOwner(t, method)!;
  const name = (method.name as ts.Identifier).text;
  if (owner.kind === 'literal') return [owner.name.text, name];
  const isStatic = method.modifiers?.some((m) => m.kind === t.SyntaxKind.StaticKeyword) ?? false;
  return [owner.declaration.name!.text, ...(isStatic ? [] : ['prototype']), name];
}

/**
 * The method as its marking names it: in a static block of its class `this.prototype.total` (`this.sumOf` when
 * static), after a literal's declaration `api.run`.
 */
export function methodAsMarked(t: typeof ts, f: ts.NodeFactory, method: ts.MethodDeclaration): ts.Expression {
  const name = (method.name as ts.Identifier).text;
  const owner = methodOwner(t, method);
  if (owner?.kind === 'literal') return f.createPropertyAccessExpression(f.createIdentifier(owner.name.text), name);
  const isStatic = method.modifiers?.some((m) => m.kind === t.SyntaxKind.StaticKeyword) ?? false;
  return f.createPropertyAccessExpression(isStatic ? f.createThis() : f.createPropertyAccessExpression(f.createThis(), 'prototype'), name);
}
