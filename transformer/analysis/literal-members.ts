/**
 * Functions looked up by a computed key in a constant object literal nothing changes (simple-statistics'
 * `bandwidthMethods[bandwidthMethod](X)` with `const bandwidthMethods = { nrd: function (x) { … } }`): the call runs
 * one of the literal's own functions, or one Object.prototype gives every object (`constructor`, `hasOwnProperty`,
 * `toString`…, none of which writes its argument). Nothing changes the literal when every mention of its variable
 * (a `const`, or a `var`/`let` nothing reassigns) reads a member: no member assigned, deleted or updated, the object
 * itself never passed, stored or returned. A literal with a spread, an accessor or a computed key is not followed.
 */
import type * as ts from 'typescript';
import { declaredByLibrary, isNamespaceImport, isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
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
  const property = constantLiteralProperty(ctx, callee);
  if (!property) return undefined;
  if (ts.isMethodDeclaration(property)) return property;
  const value = ts.isPropertyAssignment(property) ? skipParens(ts, property.initializer) : undefined;
  return value && (ts.isFunctionExpression(value) || ts.isArrowFunction(value)) ? value : undefined;
}

/**
 * `ops.square` where such a literal holds a name there (`const ops = { square }`, `{ sq: square }`): the symbol of
 * that name, whose function callee-names.ts resolves as it would the name's own call (tester #13's s07). An exported
 * table only when no module of the program changes it either (`shared.square = cube`): mentionsReadMembers.
 */
export function constantLiteralName(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): ts.Symbol | undefined {
  const { ts } = ctx;
  const property = constantLiteralProperty(ctx, callee);
  if (!property) return undefined;
  if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) return ctx.checker.getShorthandAssignmentValueSymbol(property);
  const value = ts.isPropertyAssignment(property) ? skipParens(ts, property.initializer) : undefined;
  return value && ts.isIdentifier(value) ? symbolOf(ctx, value) : undefined;
}

/**
 * `dot` of `const Ops = { dot }` (or `{ d: dot }`) when nothing changes that literal: calls through `Ops.dot` are calls
 * of the name (callee-names.ts), so the value taken there runs nothing by itself.
 */
export function inConstantTable(ctx: AnalysisContext, value: ts.Expression): boolean {
  const { ts } = ctx;
  const property = value.parent;
  if (!(ts.isShorthandPropertyAssignment(property) || (ts.isPropertyAssignment(property) && property.initializer === value))) return false;
  const literal = property.parent;
  // (Up through `as`, `satisfies`, parentheses and `Object.freeze(…)` to the variable.)
  let declaration: ts.Node = literal.parent;
  while (ts.isParenthesizedExpression(declaration) || ts.isAsExpression(declaration) || ts.isSatisfiesExpression(declaration) ||
    ts.isNonNullExpression(declaration) || ts.isCallExpression(declaration)) declaration = declaration.parent;
  return isTableHolder(ts, declaration) && constantTable(ctx, declaration) === literal;
}

/** What holds a table: a variable (`const Ops = {…}`), or a module's default export written as the literal itself. */
type TableHolder = ts.VariableDeclaration | ts.ExportAssignment;

const isTableHolder = (t: typeof ts, node: ts.Node): node is TableHolder =>
  t.isVariableDeclaration(node) || (t.isExportAssignment(node) && !node.isExportEquals);

/**
 * The literal a variable holds, when nothing changes it: a `const` (or a `var`/`let` nothing reassigns) made of a
 * table literal with no spread, frozen or mentioned only to read a member. Likewise a module's `export default {
 * spin }` (np69's min-default-literal-table), which nothing can reassign and which only importers mention. (One rule
 * for calls through the table and for explain's note on the values put in it.)
 */
function constantTable(ctx: AnalysisContext, holder: TableHolder): ts.ObjectLiteralExpression | undefined {
  const { ts } = ctx;
  const value = ts.isExportAssignment(holder) ? holder.expression : ts.isIdentifier(holder.name) ? holder.initializer : undefined;
  const table = value && tableLiteral(ctx, value);
  const constant = ts.isExportAssignment(holder) || (ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, holder);
  if (!constant || !table || table.literal.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  // (Its own methods name it as `this`: one that hands `this` on or writes through it may change it, rv73's r-table-this.)
  if (!table.frozen && table.literal.properties.some((p) => handsOnThis(ctx, p))) return undefined;
  return table.frozen || everyMentionReadsAMember(ctx, holder) ? table.literal : undefined;
}

/** A method of the literal (or a function written in it) uses `this` other than to read a member of it. */
function handsOnThis(ctx: AnalysisContext, property: ts.ObjectLiteralElementLike): boolean {
  const { ts } = ctx;
  const fn = ts.isMethodDeclaration(property) || ts.isAccessor(property) ? property
    : ts.isPropertyAssignment(property) && ts.isFunctionExpression(skipParens(ts, property.initializer)) ? skipParens(ts, property.initializer) : undefined;
  if (!fn) return false;
  const visit = (node: ts.Node): boolean => {
    // (A nested function's `this` is its own; an arrow's is the method's.)
    if (node !== fn && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node))) return false;
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const parent = node.parent;
      const member = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node;
      // (`this.x` read; not `this.x = v`, `delete this.x`, `this.x++`, nor `swap(this)`, `const t = this`.)
      const updated = (ts.isPrefixUnaryExpression(parent.parent) || ts.isPostfixUnaryExpression(parent.parent)) &&
        (parent.parent.operator === ts.SyntaxKind.PlusPlusToken || parent.parent.operator === ts.SyntaxKind.MinusMinusToken);
      return !member || isWriteTargetExpression(ts, parent as ts.Expression) || ts.isDeleteExpression(parent.parent) || updated;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(fn);
}

/** The property of a constant literal nothing changes that `obj.name` reads. */
function constantLiteralProperty(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): ts.ObjectLiteralElementLike | undefined {
  const { ts } = ctx;
  const object = skipParens(ts, callee.expression);
  // (`Ops.f`, or `ns.default.f`, `ns.Ops.f` of `import * as ns`.)
  const named = ts.isIdentifier(object) ? object
    : ts.isPropertyAccessExpression(object) && isNamespaceImport(ctx, skipParens(ts, object.expression)) ? object.name : undefined;
  const declaration = named ? symbolOf(ctx, named)?.valueDeclaration : undefined;
  const literal = declaration && isTableHolder(ts, declaration) ? constantTable(ctx, declaration) : undefined;
  if (!literal) return undefined;
  // The last property of that name is the one the object has (`{ f: a, f: b }`).
  const property = literal.properties.filter((p) => p.name && !ts.isComputedPropertyName(p.name) && p.name.getText() === callee.name.text).pop();
  return property;
}

/**
 * The object literal a table's variable is made of: `{ dot }`, `{ dot } as const`, `{ dot } satisfies Ops`, or
 * `Object.freeze({ dot })`, which nothing can change whoever holds it (`frozen`: np69's min-table-freeze-satisfies).
 */
function tableLiteral(ctx: AnalysisContext, init: ts.Expression): { literal: ts.ObjectLiteralExpression; frozen: boolean } | undefined {
  const { ts } = ctx;
  const value = skipTyping(ts, init);
  if (ts.isObjectLiteralExpression(value)) return { literal: value, frozen: false };
  const frozen = ts.isCallExpression(value) && value.arguments.length === 1 && ts.isPropertyAccessExpression(value.expression) &&
    ts.isIdentifier(value.expression.expression) && value.expression.expression.text === 'Object' && value.expression.name.text === 'freeze' &&
    declaredByLibrary(ctx, ctx.checker.getSymbolAtLocation(value.expression.expression)) ? skipTyping(ts, value.arguments[0]!) : undefined;
  return frozen && ts.isObjectLiteralExpression(frozen) ? { literal: frozen, frozen: true } : undefined;
}

const skipTyping = (t: typeof ts, e: ts.Expression): ts.Expression => {
  let value = skipParens(t, e);
  while (t.isSatisfiesExpression(value)) value = skipParens(t, value.expression);
  return value;
};

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

function everyMentionReadsAMember(ctx: AnalysisContext, holder: TableHolder): boolean {
  let known = membersOnlyRead.get(holder);
  if (known === undefined) membersOnlyRead.set(holder, known = mentionsReadMembers(ctx, holder));
  return known;
}

const membersOnlyRead = new WeakMap<TableHolder, boolean>();

/**
 * Every mention of the literal's variable reads a member. A module's own constant (`export default { dot, axpy }`,
 * `export const Ops = {…}`) is mentioned in every file of the program that imports it, under its own name or
 * another (`import Ops from './ops'`, `ns.default`): each mention there reads a member too (np68's min-default-object:
 * `Ops.dot(x, x)` ran in this thread), and importing or exporting it again hands nothing on.
 */
function mentionsReadMembers(ctx: AnalysisContext, holder: TableHolder): boolean {
  const { ts } = ctx;
  // (A default export written as the literal has no name of its own: only importers mention it.)
  const name = ts.isVariableDeclaration(holder) ? holder.name as ts.Identifier : undefined;
  const symbol = name ? symbolOf(ctx, name) : ctx.checker.getSymbolAtLocation(holder.getSourceFile())?.exports?.get('default' as ts.__String);
  let scope: ts.Node = holder;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (ts.isSourceFile(scope)) {
    // (Under its own name, as `default`, or a name an import or a renaming export binds to one of those, and so on:
    // `export { Stats as Metrics } from './stats'`, then `import { Metrics }`, np69's min-table-renamed-reexport.)
    const { byText, renamedAs } = mentionIndex(ctx);
    const names = new Set(name ? [name.text, 'default'] : ['default']);
    for (const text of names) for (const other of renamedAs.get(text) ?? []) names.add(other);
    return [...names].every((text) => (byText.get(text) ?? []).every((id) => id === name || symbolOf(ctx, id) !== symbol || readsAMember(ts, id, true)));
  }
  if (!name) return false;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && symbolOf(ctx, node) === symbol) {
      if (!readsAMember(ts, node, false)) ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return ok;
}

interface MentionIndex {
  /** Every identifier of the program's files (a package's files too: a package's module may change another's table). */
  readonly byText: ReadonlyMap<string, readonly ts.Identifier[]>;
  /** The names imports and exports bind to a name (`import X from`: `default` to X; `export { a as b }`: a to b). */
  readonly renamedAs: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<ts.Program, MentionIndex>();

/** Built once per program: what mentionsReadMembers looks through for every module-level table. */
function mentionIndex(ctx: AnalysisContext): MentionIndex {
  let index = indexes.get(ctx.program);
  if (index) return index;
  const { ts } = ctx;
  const byText = new Map<string, ts.Identifier[]>();
  const renamedAs = new Map<string, string[]>();
  const bind = (from: string, to: string) => { const list = renamedAs.get(from) ?? []; list.push(to); renamedAs.set(from, list); };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const list = byText.get(node.text);
      if (list) list.push(node); else byText.set(node.text, [node]);
      return;
    }
    if (ts.isImportClause(node) && node.name) bind('default', node.name.text);
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) bind((node.propertyName ?? node.name).text, node.name.text);
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
  indexes.set(ctx.program, index = { byText, renamedAs });
  return index;
}

/** The mention `node` reads a member of the object (`o.f`, `ns.o.f`, `o[k]`), or, of a module's own, imports or exports it. */
function readsAMember(t: typeof ts, node: ts.Identifier, moduleLevel: boolean): boolean {
  // (`ns.Ops`, `ns.default` of `import * as ns`: the access stands for the object.)
  const mention: ts.Expression = t.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
  const parent = mention.parent;
  if (moduleLevel && (t.isImportClause(parent) || t.isImportSpecifier(parent) || t.isExportSpecifier(parent) ||
    (t.isExportAssignment(parent) && parent.expression === mention))) return true;
  // (`{ ...Ops }` copies its members: np69's min-table-spread-copy.)
  if (t.isSpreadAssignment(parent)) return true;
  const access = parent;
  const member = (t.isPropertyAccessExpression(access) || t.isElementAccessExpression(access)) && access.expression === mention;
  const updated = (t.isPrefixUnaryExpression(access.parent) || t.isPostfixUnaryExpression(access.parent)) &&
    (access.parent.operator === t.SyntaxKind.PlusPlusToken || access.parent.operator === t.SyntaxKind.MinusMinusToken);
  // (An export or shorthand `{ name }` hands the object on: not a member read.)
  return member && !(isWriteTargetExpression(t, access as ts.Expression) || t.isDeleteExpression(access.parent) || updated);
}
