/**
 * Members of a function the module builds as its API: `function api(obj, p) {…}; module.exports = api;
 * api.walk = function walk(…) {…}; api.dict = function (obj) { api.walk(obj, …) }` (json-pointer), or a factory's
 * `var objectPath = function (obj) {…}; objectPath.set = function (…) {…}; return objectPath` (object-path). The
 * checker resolves `api.walk(…)` to the function assigned there, but a member of an object is not trusted by default
 * (callee-names.ts: something may reassign it), so every call between such members was unknown code's.
 *
 * It is that function when the member is assigned exactly once, with `=`, and every mention of the function's name in
 * its file names a member (read, called, plainly assigned), reads one by key (`api[name]`), calls it, enumerates it
 * (`for (k in api)`, `Object.keys(api)`), gives it as `this` to its members (`api[k].bind(api, obj)`, as `api.m()`
 * does), or hands it out as the module's exports or the factory's result: nothing in the file can write a member other
 * than by the one plain assignment. What importers do with the object is not looked for, as for a CommonJS module's
 * own `exports.f` (own-exports.ts).
 */
import type * as ts from 'typescript';
import { everyMention, type AnalysisContext } from './context';
import { isAssignmentOperator, skipParens } from './expressions';
import { builtinName } from './builtin-callees';
import { isReadOnlyFunction } from './builtins';

/** The member symbol `api.f` names, when `api` is such a function and the file assigns `api.f` once. */
export function functionMember(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): ts.Symbol | undefined {
  const { ts } = ctx;
  const object = skipParens(ts, callee.expression);
  if (!ts.isIdentifier(object)) return undefined;
  const owner = ctx.checker.getSymbolAtLocation(object);
  const declaration = owner?.valueDeclaration;
  if (!owner || !declaration || !isFunctionDeclaration(ctx, declaration)) return undefined;
  if (!keepsItsMembers(ctx, owner, declaration)) return undefined;
  const member = ctx.checker.getSymbolAtLocation(callee.name);
  const declarations = member?.declarations ?? [];
  if (declarations.length !== 1) return undefined;
  const assigned = declarations[0];
  const assignment = assigned.parent;
  if (!ts.isPropertyAccessExpression(assigned) || assigned.getSourceFile() !== declaration.getSourceFile() ||
    !ts.isBinaryExpression(assignment) || assignment.left !== assigned || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = skipParens(ts, assigned.expression);
  return ts.isIdentifier(target) && ctx.checker.getSymbolAtLocation(target) === owner ? member : undefined;
}

/** `function api() {}` or `var api = function () {}` (a constant in effect: checked by keepsItsMembers). */
function isFunctionDeclaration(ctx: AnalysisContext, d: ts.Declaration): boolean {
  const { ts } = ctx;
  if (ts.isFunctionDeclaration(d)) return d.body !== undefined;
  return ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && d.initializer !== undefined &&
    (ts.isFunctionExpression(skipParens(ts, d.initializer)) || ts.isArrowFunction(skipParens(ts, d.initializer)));
}

const kept = new WeakMap<ts.Symbol, boolean>();

function keepsItsMembers(ctx: AnalysisContext, owner: ts.Symbol, declaration: ts.Declaration): boolean {
  let known = kept.get(owner);
  if (known === undefined) { known = everyMentionIsKnown(ctx, owner, declaration); kept.set(owner, known); }
  return known;
}

function everyMentionIsKnown(ctx: AnalysisContext, owner: ts.Symbol, declaration: ts.Declaration): boolean {
  const name = ctx.ts.getNameOfDeclaration(declaration);
  return name !== undefined && ctx.ts.isIdentifier(name) &&
    everyMention(ctx, owner, declaration.getSourceFile(), name, (id) => knownMention(ctx, id));
}

/** One mention of the function's name that cannot change what a member holds (see the header). */
function knownMention(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const { ts } = ctx;
  let node: ts.Node = id;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const use = node.parent;
  // A member named or read by key: only a plain `=` to a named member (the one the checker binds) may write it.
  if ((ts.isPropertyAccessExpression(use) || ts.isElementAccessExpression(use)) && use.expression === node) {
    const outer = use.parent;
    if (ts.isBinaryExpression(outer) && outer.left === use && isAssignmentOperator(ts, outer.operatorToken.kind)) {
      return ts.isPropertyAccessExpression(use) && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    }
    return !(ts.isDeleteExpression(outer) || ts.isPrefixUnaryExpression(outer) || ts.isPostfixUnaryExpression(outer) ||
      ((ts.isForInStatement(outer) || ts.isForOfStatement(outer)) && outer.initializer === use) ||
      ts.isArrayLiteralExpression(outer) || ts.isShorthandPropertyAssignment(outer));
  }
  if (ts.isCallExpression(use) && use.expression === node) return true; // api(obj, p)
  if (ts.isForInStatement(use) && use.expression === node) return true;
  // Handed out: the module's exports (`module.exports = api`), the factory's result (`return objectPath`).
  if (ts.isReturnStatement(use)) return true;
  if (ts.isBinaryExpression(use) && use.right === node && use.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = skipParens(ts, use.left);
    return ts.isPropertyAccessExpression(left) && left.name.text === 'exports' && ts.isIdentifier(left.expression) && left.expression.text === 'module';
  }
  if (ts.isCallExpression(use) && use.arguments.includes(node as ts.Expression)) {
    const callee = skipParens(ts, use.expression);
    // `api[k].bind(api, obj)`: its own member run with it as `this`, as `api.m()` runs.
    if (ts.isPropertyAccessExpression(callee) && ['bind', 'call', 'apply'].includes(callee.name.text) && use.arguments[0] === node) return true;
    const builtin = builtinName(ctx, callee);
    return builtin !== undefined && isReadOnlyFunction(builtin); // Object.keys(api)
  }
  return false;
}
