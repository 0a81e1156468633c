/**
 * Functions looked up by a computed key in a constant object literal nothing changes (simple-statistics'
 * `bandwidthMethods[bandwidthMethod](X)` with `const bandwidthMethods = { nrd: function (x) { … } }`): the call runs
 * one of the literal's own functions, or one Object.prototype gives every object (`constructor`, `hasOwnProperty`,
 * `toString`…, none of which writes its argument). Nothing changes the literal when every mention of its variable
 * (a `const`, or a `var`/`let` nothing reassigns) reads a member: no member assigned, deleted or updated, the object
 * itself never passed, stored or returned. A literal with a spread, an accessor or a computed key is not followed.
 */
import type * as ts from 'typescript';
import { isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { isWriteTargetExpression } from './getters';

const members = new WeakMap<ts.VariableDeclaration, FunctionLike[] | null>();

/** The functions `callee` (`obj[key]`) may be, when obj is such a literal; undefined otherwise. */
export function literalMembers(ctx: AnalysisContext, callee: ts.Expression): FunctionLike[] | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  // `const fn = FILTERS[f]; fn(v)`: a constant naming what the lookup gave (np21's r15; `this` is then undefined,
  // which only makes the candidates do less).
  if (ts.isIdentifier(callee)) {
    const named = symbolOf(ctx, callee)?.valueDeclaration;
    if (!named || !ts.isVariableDeclaration(named) || !ts.isIdentifier(named.name) || !named.initializer ||
      !((ts.getCombinedNodeFlags(named) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, named))) return undefined;
    const lookup = skipParens(ts, named.initializer);
    return ts.isElementAccessExpression(lookup) ? literalMembers(ctx, lookup) : undefined;
  }
  if (!ts.isElementAccessExpression(callee)) return undefined;
  const object = skipParens(ts, callee.expression);
  const declaration = ts.isIdentifier(object) ? symbolOf(ctx, object)?.valueDeclaration : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  let known = members.get(declaration);
  if (known === undefined) {
    known = functionsOf(ctx, declaration) ?? null;
    members.set(declaration, known);
  }
  return known ?? undefined;
}

/**
 * `obj.f` where obj is such a literal (a constant nothing changes, every mention reading a member) and its `f` is a
 * function written in it: that function (callee-names.ts trusts the checker's resolution of `obj.f(x)` only then).
 */
export function constantLiteralMember(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): FunctionLike | undefined {
  const { ts } = ctx;
  const property = constantLiteralProperty(ctx, callee)?.property;
  if (!property) return undefined;
  if (ts.isMethodDeclaration(property)) return property;
  const value = ts.isPropertyAssignment(property) ? skipParens(ts, property.initializer) : undefined;
  return value && (ts.isFunctionExpression(value) || ts.isArrowFunction(value)) ? value : undefined;
}

/**
 * `ops.square` where such a literal holds a name there (`const ops = { square }`, `{ sq: square }`): the symbol of
 * that name, whose function callee-names.ts resolves as it would the name's own call (tester #13's s07). Not of an
 * exported table, which another module may change (`shared.square = cube`).
 */
export function constantLiteralName(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): ts.Symbol | undefined {
  const { ts } = ctx;
  const found = constantLiteralProperty(ctx, callee);
  if (!found) return undefined;
  const { property, declaration } = found;
  const statement = declaration.parent.parent;
  if (ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) return ctx.checker.getShorthandAssignmentValueSymbol(property);
  const value = ts.isPropertyAssignment(property) ? skipParens(ts, property.initializer) : undefined;
  return value && ts.isIdentifier(value) ? symbolOf(ctx, value) : undefined;
}

/** The property of a constant literal nothing changes that `obj.name` reads, and the literal's variable. */
function constantLiteralProperty(ctx: AnalysisContext, callee: ts.PropertyAccessExpression):
  { property: ts.ObjectLiteralElementLike; declaration: ts.VariableDeclaration } | undefined {
  const { ts } = ctx;
  const object = skipParens(ts, callee.expression);
  const declaration = ts.isIdentifier(object) ? symbolOf(ctx, object)?.valueDeclaration : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const literal = skipParens(ts, declaration.initializer);
  const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration);
  if (!constant || !ts.isObjectLiteralExpression(literal) || !everyMentionReadsAMember(ctx, declaration)) return undefined;
  if (literal.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  // The last property of that name is the one the object has (`{ f: a, f: b }`).
  const property = literal.properties.filter((p) => p.name && !ts.isComputedPropertyName(p.name) && p.name.getText() === callee.name.text).pop();
  return property && { property, declaration };
}

function functionsOf(ctx: AnalysisContext, declaration: ts.VariableDeclaration): FunctionLike[] | undefined {
  const { ts } = ctx;
  const literal = skipParens(ts, declaration.initializer!);
  const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration);
  if (!constant || !ts.isObjectLiteralExpression(literal)) return undefined;
  const found: FunctionLike[] = [];
  for (const property of literal.properties) {
    if (ts.isMethodDeclaration(property) && property.body && !ts.isComputedPropertyName(property.name)) { found.push(property); continue; }
    if (!ts.isPropertyAssignment(property) || ts.isComputedPropertyName(property.name)) return undefined;
    const value = skipParens(ts, property.initializer);
    if ((ts.isFunctionExpression(value) || ts.isArrowFunction(value)) && value.body) found.push(value);
    else if (ts.isLiteralExpression(value) || value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword ||
      value.kind === ts.SyntaxKind.NullKeyword) continue; // data: calling it throws
    else return undefined;
  }
  return everyMentionReadsAMember(ctx, declaration) ? found : undefined;
}

function everyMentionReadsAMember(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  const { ts } = ctx;
  const name = declaration.name as ts.Identifier;
  const symbol = symbolOf(ctx, name);
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && symbolOf(ctx, node) === symbol) {
      const access = node.parent;
      const member = (ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) && access.expression === node;
      const updated = (ts.isPrefixUnaryExpression(access.parent) || ts.isPostfixUnaryExpression(access.parent)) &&
        (access.parent.operator === ts.SyntaxKind.PlusPlusToken || access.parent.operator === ts.SyntaxKind.MinusMinusToken);
      const changed = member && (isWriteTargetExpression(ts, access as ts.Expression) || ts.isDeleteExpression(access.parent) || updated);
      // (An export or shorthand `{ name }` hands the object on: not a member read.)
      if (!member || changed) ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return ok;
}
