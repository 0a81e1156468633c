/**
 * What the program's own getters and methods do to their object. A getter that changes it (`get next() { return
 * ++this.n }`) makes reading it a write; its names are found once per program, so that only accesses by such a name
 * cost a symbol lookup. A method that only reads fields of primitive value (`total() { return this.a + this.b }`)
 * leaves its object alone, so calling it is no write of the receiver; its other uses of `this` are listed for the
 * caller to judge (call-effects.ts: `this` given to a function that only reads it is quiet too).
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, type AnalysisContext, type FunctionLike } from './context';
import { READING_METHODS } from './builtins';

const usesOfThis = new WeakMap<ts.Node, ts.Node[]>();

/**
 * The method's uses of `this` that are not plainly quiet (a write, `this` handed on or returned, a call of a method
 * not known to read): a caller judges those it can (`this` given to a function whose summary only reads it).
 */
export function objectUses(ctx: AnalysisContext, method: FunctionLike): readonly ts.Node[] {
  const known = usesOfThis.get(method);
  if (known !== undefined) return known;
  const { ts } = ctx;
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    // A nested ordinary function has a `this` of its own; an arrow function shares the method's.
    if (node !== method && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node))) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) { if (!quietUse(ctx, node)) found.push(node); return; }
    ts.forEachChild(node, visit);
  };
  if (method.body) visit(method.body);
  usesOfThis.set(method, found);
  return found;
}

function quietUse(ctx: AnalysisContext, self: ts.Node): boolean {
  // `this.len` through a getter of the program that may change its object: the caller judges the getter (changingUse).
  return ownGetterRead(ctx, self) === undefined && quietBesidesGetter(ctx, self);
}

/** The program's getter `this.g` runs when `self` is the `this` of `this.g` (only names of getters that may change something). */
export function ownGetterRead(ctx: AnalysisContext, self: ts.Node): ts.GetAccessorDeclaration | undefined {
  const { ts } = ctx;
  const access = self.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== self || !changingGetterNames(ctx).has(access.name.text)) return undefined;
  if (isWriteTargetExpression(ts, access)) return undefined;
  const symbol = ctx.checker.getSymbolAtLocation(access.name);
  const getter = symbol?.declarations?.find((d): d is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(d));
  return getter?.body && !getter.getSourceFile().isDeclarationFile ? getter : undefined;
}

/** The use is quiet once the getter it runs (if any) is known to leave the object alone. */
export function quietBesidesGetter(ctx: AnalysisContext, self: ts.Node): boolean {
  const { ts } = ctx;
  let end: ts.Node = self;
  while ((ts.isPropertyAccessExpression(end.parent) || ts.isElementAccessExpression(end.parent)) && end.parent.expression === end) end = end.parent;
  const parent = end.parent;
  if (end === self) return false; // `this` itself passed, stored or returned
  const targetOfWrite = (ts.isBinaryExpression(parent) && parent.left === end && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isDeleteExpression(parent) ||
    ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken));
  if (targetOfWrite) return false;
  // `this.items.map(…)`: the access ends in a method name; a reading built-in method is quiet, anything else is not.
  if (ts.isCallExpression(parent) && parent.expression === end) {
    return ts.isPropertyAccessExpression(end) && READING_METHODS.has(end.name.text) && end.expression !== self;
  }
  return isPrimitiveNode(ctx, end as ts.Expression);
}

const getterNames = new WeakMap<ts.Program, Set<string>>();
/** `get` as a word, not right after a `.` (`m.get`) and not before `(` (`get(k)`, `get() {…}`): where a getter may start. */
const GETTER_WORD = /(?<![.\w$])get\b(?!\s*\()/;

/** Names of the program's getters whose bodies may change something: found once per program. */
export function changingGetterNames(ctx: AnalysisContext): Set<string> {
  let names = getterNames.get(ctx.program);
  if (!names) {
    const found = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ctx.ts.isGetAccessorDeclaration(node) && node.body && bodyChanges(ctx, node.body)) found.add(node.name.getText());
      ctx.ts.forEachChild(node, visit);
    };
    // A getter is written `get name()`: a file without the word has none (most files; the walk is what costs). Nor is
    // `m.get(k)` one (a member access, or a call or method named `get`): files using Maps are not walked for that.
    for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile && GETTER_WORD.test(file.text)) visit(file);
    names = found;
    getterNames.set(ctx.program, names);
  }
  return names;
}

/**
 * The getter `access` runs, if it is the program's own and may change its object. A getter is judged as a method with
 * the same body is (method-receivers.ts): by its uses of `this`, so `get len() { return Math.hypot(this.x, this.y) }`
 * only reads, while `get next() { return ++this.n }` or `get all() { return keep(this.items) }` (a part handed to code
 * that is not known to only read it) writes. `quiet(getter)` is that judgement, made by the caller, which has the
 * summaries it needs.
 */
export function changingGetter(ctx: AnalysisContext, access: ts.PropertyAccessExpression,
  changes: (getter: ts.GetAccessorDeclaration) => boolean): ts.GetAccessorDeclaration | undefined {
  const { ts } = ctx;
  const symbol = ctx.checker.getSymbolAtLocation(access.name);
  const getter = symbol?.declarations?.find((d): d is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(d));
  if (!getter?.body || getter.getSourceFile().isDeclarationFile) return undefined;
  return bodyChanges(ctx, getter.body) && changes(getter) ? getter : undefined;
}

/** The program's getter `name` of values of `type` (a binding pattern's object), if it may change its object. */
export function changingGetterOf(ctx: AnalysisContext, type: ts.Type, name: string): ts.GetAccessorDeclaration | undefined {
  const { ts } = ctx;
  const getter = type.getProperty(name)?.declarations?.find((d): d is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(d));
  return getter?.body && !getter.getSourceFile().isDeclarationFile && bodyChanges(ctx, getter.body) ? getter : undefined;
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
